//! The format-spec mini-language of `format()`, `str.format` and f-strings for `int`, `float`,
//! `complex` and `str`, as CPython 3.11 implements it (`Python/formatter_unicode.c`).
//!
//! A spec is `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`.
//! Parsing knows nothing of the value; each formatter then checks what its type allows, in
//! CPython's order, so the first error reported is CPython's. Numbers are laid out as
//! `<lpad><sign><prefix><spad><grouped digits><.><remainder><rpad>`, where only one padding is
//! non-empty; zero padding (`0` before the width, or `0=` explicitly) goes through the grouping
//! step, so the padding zeros are grouped too (`format(-1234, '013,') == '-0,000,001,234'`,
//! one wider than asked because a group may not start with a separator).
//! Type `n` formats as in the "C" locale: like `d`/`g` without grouping.
//!
//! The empty spec means `str(value)`; for `int`, `float` and `str` the formatters give the same
//! result, but for other types (bool, subclasses) the caller must call `str()` itself.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::exc::ExceptionKind;
use crate::float_format::{self, FloatFlags};
use crate::unicode;

/// Where the value sits inside `width`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`: padding between the sign (and prefix) and the digits.
    AfterSign,
}

/// The sign option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignOption {
    /// `-` (also the default): a sign only for negative numbers.
    Minus,
    /// `+`: always a sign.
    Plus,
    /// ` `: a space for non-negative numbers.
    Space,
}

/// The thousands separator option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `,`: groups of three digits.
    Comma,
    /// `_`: groups of three, or of four for `b`, `o`, `x`, `X`.
    Underscore,
}

impl Grouping {
    fn separator(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format spec; `None` means "not given".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The fill character, when given together with an alignment.
    pub fill: Option<char>,
    /// The alignment, when given.
    pub align: Option<Align>,
    /// The sign option, when given.
    pub sign: Option<SignOption>,
    /// `z`: show negative zero as positive (3.11).
    pub no_neg_0: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// `0` before the width (only recognised when no fill was given): fill with zeros, and for
    /// numbers without an alignment, align with `=`.
    pub zero_pad: bool,
    /// Minimum width in code points.
    pub width: Option<usize>,
    /// Thousands separator.
    pub grouping: Option<Grouping>,
    /// Precision: digits for numbers, maximum code points for strings.
    pub precision: Option<usize>,
    /// Presentation type; `None` when absent and the default type was `'\0'`.
    pub ty: Option<char>,
}

impl FormatSpec {
    fn fill_char(&self) -> char {
        match self.fill {
            Some(c) => c,
            None if self.zero_pad => '0',
            None => ' ',
        }
    }

    /// The alignment in effect for numbers (default right, `=` under zero padding).
    fn number_align(&self) -> Align {
        match self.align {
            Some(a) => a,
            None if self.zero_pad => Align::AfterSign,
            None => Align::Right,
        }
    }
}

/// A format failure, with CPython's message as its `Display`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// A width too large to pad to: `MemoryError` (CPython fails allocating the result).
    TooWide,
    /// `Invalid format specifier '<spec>' for object of type '<type>'`.
    InvalidSpecifier {
        /// The whole spec.
        spec: String,
        /// `type(value).__name__`.
        type_name: String,
    },
    /// `Unknown format code '<code>' for object of type '<type>'`.
    UnknownCode {
        /// The presentation type given.
        code: char,
        /// `type(value).__name__`.
        type_name: String,
    },
    /// `Cannot specify ',' with 's'.`
    SeparatorWithType {
        /// `,` or `_`.
        separator: char,
        /// The presentation type given (or the default one).
        code: char,
    },
    /// `Cannot specify both ',' and '_'.`
    CommaAndUnderscore,
    /// `Format specifier missing precision`
    MissingPrecision,
    /// `Too many decimal digits in format string`
    TooManyDigits,
    /// `precision too big`
    PrecisionTooBig,
    /// `Sign not allowed in string format specifier`
    StrSign,
    /// `Space not allowed in string format specifier`
    StrSpace,
    /// `Negative zero coercion (z) not allowed in string format specifier`
    StrNoNegZero,
    /// `Alternate form (#) not allowed in string format specifier`
    StrAlternate,
    /// `'=' alignment not allowed in string format specifier`
    StrAfterSign,
    /// `Precision not allowed in integer format specifier`
    IntPrecision,
    /// `Negative zero coercion (z) not allowed in integer format specifier`
    IntNoNegZero,
    /// `Sign not allowed with integer format specifier 'c'`
    CharSign,
    /// `Alternate form (#) not allowed with integer format specifier 'c'`
    CharAlternate,
    /// OverflowError `%c arg not in range(0x110000)`
    CharRange,
    /// OverflowError `Python int too large to convert to C long` (`'c'` of a huge int)
    IntTooLargeForCLong,
    /// OverflowError `int too large to convert to float`
    IntTooLargeForFloat,
    /// `Zero padding is not allowed in complex format specifier`
    ComplexZeroPad,
    /// `'=' alignment flag is not allowed in complex format specifier`
    ComplexAfterSign,
    /// `format(0xd800, 'c')` and the like: the result holds a lone surrogate, which a Rust
    /// `String` cannot; the caller must build it from code points.
    SurrogateChar(u32),
}

impl FormatError {
    /// The Python exception this error becomes.
    pub fn kind(&self) -> ExceptionKind {
        match self {
            FormatError::CharRange
            | FormatError::IntTooLargeForCLong
            | FormatError::IntTooLargeForFloat => ExceptionKind::OverflowError,
            _ => ExceptionKind::ValueError,
        }
    }
}

/// A character as CPython's messages show it: itself if printable ASCII, else `\x<hex>`.
struct CodeChar(char);

impl fmt::Display for CodeChar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = u32::from(self.0);
        if c > 32 && c < 128 {
            write!(f, "{}", self.0)
        } else {
            write!(f, "\\x{c:x}")
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FormatError::*;
        match self {
            InvalidSpecifier { spec, type_name } => {
                write!(
                    f,
                    "Invalid format specifier '{spec}' for object of type '{type_name}'"
                )
            }
            UnknownCode { code, type_name } => write!(
                f,
                "Unknown format code '{}' for object of type '{type_name}'",
                CodeChar(*code)
            ),
            SeparatorWithType { separator, code } => {
                write!(
                    f,
                    "Cannot specify '{separator}' with '{}'.",
                    CodeChar(*code)
                )
            }
            CommaAndUnderscore => f.write_str("Cannot specify both ',' and '_'."),
            MissingPrecision => f.write_str("Format specifier missing precision"),
            TooManyDigits => f.write_str("Too many decimal digits in format string"),
            PrecisionTooBig => f.write_str("precision too big"),
            TooWide => f.write_str(""),
            StrSign => f.write_str("Sign not allowed in string format specifier"),
            StrSpace => f.write_str("Space not allowed in string format specifier"),
            StrNoNegZero => {
                f.write_str("Negative zero coercion (z) not allowed in string format specifier")
            }
            StrAlternate => {
                f.write_str("Alternate form (#) not allowed in string format specifier")
            }
            StrAfterSign => f.write_str("'=' alignment not allowed in string format specifier"),
            IntPrecision => f.write_str("Precision not allowed in integer format specifier"),
            IntNoNegZero => {
                f.write_str("Negative zero coercion (z) not allowed in integer format specifier")
            }
            CharSign => f.write_str("Sign not allowed with integer format specifier 'c'"),
            CharAlternate => {
                f.write_str("Alternate form (#) not allowed with integer format specifier 'c'")
            }
            CharRange => f.write_str("%c arg not in range(0x110000)"),
            IntTooLargeForCLong => f.write_str("Python int too large to convert to C long"),
            IntTooLargeForFloat => f.write_str("int too large to convert to float"),
            ComplexZeroPad => {
                f.write_str("Zero padding is not allowed in complex format specifier")
            }
            ComplexAfterSign => {
                f.write_str("'=' alignment flag is not allowed in complex format specifier")
            }
            SurrogateChar(c) => write!(f, "lone surrogate U+{c:04X} in format result"),
        }
    }
}

/// Parses `spec` for a value whose type is named `type_name` (for messages). `default_type` is
/// the type when none is given: `'d'` for int, `'s'` for str, `'\0'` (none) for float and
/// complex. Width and precision may use any Unicode decimal digits, as in CPython.
pub fn parse_format_spec(
    spec: &str,
    default_type: char,
    type_name: &str,
) -> Result<FormatSpec, FormatError> {
    let c: Vec<char> = spec.chars().collect();
    let n = c.len();
    let mut pos = 0;
    let mut out = FormatSpec {
        fill: None,
        align: None,
        sign: None,
        no_neg_0: false,
        alternate: false,
        zero_pad: false,
        width: None,
        grouping: None,
        precision: None,
        ty: (default_type != '\0').then_some(default_type),
    };
    let align_of = |ch: char| match ch {
        '<' => Some(Align::Left),
        '>' => Some(Align::Right),
        '^' => Some(Align::Center),
        '=' => Some(Align::AfterSign),
        _ => None,
    };
    if let Some(a) = c.get(1).copied().and_then(align_of) {
        out.fill = Some(c[0]);
        out.align = Some(a);
        pos = 2;
    } else if let Some(a) = c.first().copied().and_then(align_of) {
        out.align = Some(a);
        pos = 1;
    }
    let at = |pos: usize| c.get(pos).copied();
    out.sign = match at(pos) {
        Some('-') => Some(SignOption::Minus),
        Some('+') => Some(SignOption::Plus),
        Some(' ') => Some(SignOption::Space),
        _ => None,
    };
    if out.sign.is_some() {
        pos += 1;
    }
    if at(pos) == Some('z') {
        out.no_neg_0 = true;
        pos += 1;
    }
    if at(pos) == Some('#') {
        out.alternate = true;
        pos += 1;
    }
    if out.fill.is_none() && at(pos) == Some('0') {
        out.zero_pad = true;
        pos += 1;
    }
    out.width = read_integer(&c, &mut pos)?;
    if out.width.is_some_and(|w| w > PAD_LIMIT) {
        return Err(FormatError::TooWide);
    }
    if at(pos) == Some(',') {
        out.grouping = Some(Grouping::Comma);
        pos += 1;
    }
    if at(pos) == Some('_') {
        if out.grouping.is_some() {
            return Err(FormatError::CommaAndUnderscore);
        }
        out.grouping = Some(Grouping::Underscore);
        pos += 1;
    }
    if at(pos) == Some(',') && out.grouping == Some(Grouping::Underscore) {
        return Err(FormatError::CommaAndUnderscore);
    }
    if at(pos) == Some('.') {
        pos += 1;
        out.precision = read_integer(&c, &mut pos)?;
        if out.precision.is_none() {
            return Err(FormatError::MissingPrecision);
        }
    }
    if n - pos > 1 {
        return Err(FormatError::InvalidSpecifier {
            spec: spec.to_string(),
            type_name: type_name.to_string(),
        });
    }
    if n - pos == 1 {
        out.ty = Some(c[pos]);
    }
    if let Some(g) = out.grouping {
        let ok = match out.ty {
            None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => true,
            Some('b' | 'o' | 'x' | 'X') => g == Grouping::Underscore,
            _ => false,
        };
        if !ok {
            return Err(FormatError::SeparatorWithType {
                separator: g.separator(),
                code: out.ty.unwrap_or('\0'),
            });
        }
    }
    Ok(out)
}

/// Reads decimal digits (`Py_UNICODE_TODECIMAL`) at `pos`; `None` when there are none.
fn read_integer(c: &[char], pos: &mut usize) -> Result<Option<usize>, FormatError> {
    let start = *pos;
    let mut acc: i64 = 0;
    while let Some(d) = c.get(*pos).and_then(|&ch| unicode::decimal(u32::from(ch))) {
        acc = acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(i64::from(d)))
            .ok_or(FormatError::TooManyDigits)?;
        *pos += 1;
    }
    if *pos == start {
        return Ok(None);
    }
    Ok(Some(usize::try_from(acc).unwrap_or(usize::MAX)))
}

/// The widest padding Krait attempts; beyond it formatting raises `MemoryError` where CPython
/// would fail to allocate the result (rather than aborting the process on allocation failure).
pub const PAD_LIMIT: usize = 1 << 32;

/// A number split as CPython's `calc_number_widths` sees it.
struct NumberParts<'a> {
    negative: bool,
    prefix: &'a str,
    /// Integer digits, grouped and zero-padded.
    digits: &'a str,
    has_decimal: bool,
    /// Everything after the decimal point (or after the digits when there is none).
    remainder: &'a str,
}

impl<'a> NumberParts<'a> {
    /// Splits a formatted float (`-12.5e+03`, `inf`, `50.0%`).
    fn of_float_text(text: &'a str) -> NumberParts<'a> {
        let (negative, body) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let ndigits = body.bytes().take_while(u8::is_ascii_digit).count();
        let (digits, rest) = body.split_at(ndigits);
        let (has_decimal, remainder) = match rest.strip_prefix('.') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        NumberParts {
            negative,
            prefix: "",
            digits,
            has_decimal,
            remainder,
        }
    }
}

/// Layout of one number: sign, prefix, padding, grouping (`calc_number_widths`,
/// `fill_number`). `width` None means no padding at all.
fn write_number(
    out: &mut String,
    parts: &NumberParts<'_>,
    sign: Option<SignOption>,
    fill: char,
    align: Align,
    width: Option<usize>,
    group: Option<(usize, char)>,
) {
    let sign_char = match (parts.negative, sign) {
        (true, _) => Some('-'),
        (false, Some(SignOption::Plus)) => Some('+'),
        (false, Some(SignOption::Space)) => Some(' '),
        _ => None,
    };
    let fixed = usize::from(sign_char.is_some())
        + parts.prefix.len()
        + usize::from(parts.has_decimal)
        + parts.remainder.chars().count();
    let width_i = width.map_or(-1, |w| i64::try_from(w).unwrap_or(i64::MAX));
    let min_width = if fill == '0' && align == Align::AfterSign {
        width_i.saturating_sub(fixed as i64)
    } else {
        0
    };
    let grouped = if parts.digits.is_empty() {
        Vec::new()
    } else {
        group_digits(parts.digits.as_bytes(), min_width, group)
    };
    let content = (fixed + grouped.len()) as i64;
    let padding = usize::try_from(width_i.saturating_sub(content)).unwrap_or(0);
    let (left, middle, right) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    push_fill(out, fill, left);
    if let Some(s) = sign_char {
        out.push(s);
    }
    out.push_str(parts.prefix);
    push_fill(out, fill, middle);
    out.extend(grouped);
    if parts.has_decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    push_fill(out, fill, right);
}

fn push_fill(out: &mut String, fill: char, n: usize) {
    out.extend(core::iter::repeat_n(fill, n));
}

/// `_PyUnicode_InsertThousandsGrouping`: the digits, left-padded with zeros to at least
/// `min_width` characters (separators included), with a separator between groups of `size`.
fn group_digits(digits: &[u8], min_width: i64, group: Option<(usize, char)>) -> Vec<char> {
    // Built from the right, reversed at the end.
    let mut rev: Vec<char> = Vec::with_capacity(digits.len() + digits.len() / 3);
    let mut next = digits.len();
    let mut remaining = digits.len() as i64;
    let mut min_width = min_width;
    let mut emit = |rev: &mut Vec<char>, len: i64, remaining: i64, sep: Option<char>| {
        let zeros = (len - remaining).max(0);
        let chars = remaining.min(len).max(0);
        rev.extend(sep);
        for _ in 0..chars {
            next -= 1;
            rev.push(char::from(digits[next]));
        }
        rev.extend(core::iter::repeat_n('0', zeros as usize));
        chars
    };
    match group {
        Some((size, sep)) => {
            let size = size as i64;
            let mut first = true;
            loop {
                let len = size.min(remaining.max(min_width).max(1));
                let used = emit(&mut rev, len, remaining, (!first).then_some(sep));
                first = false;
                remaining -= used;
                min_width -= len;
                if remaining <= 0 && min_width <= 0 {
                    break;
                }
                min_width -= 1;
            }
        }
        None => {
            let len = remaining.max(min_width).max(1);
            emit(&mut rev, len, remaining, None);
        }
    }
    rev.reverse();
    rev
}

/// `format(int, spec)`: types `b c d o x X n`, and `e E f F g G %` through `float(value)`.
pub fn format_int(v: &BigInt, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    format_int_digits(v, None, spec, type_name)
}

/// [`format_int`] with the decimal digits of `|v|` already made by the caller (an interpreter
/// converts huge ints in steps it can interrupt); `decimal` is used only for a base-10 type.
pub fn format_int_digits(
    v: &BigInt,
    decimal: Option<String>,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, FormatError> {
    let ty = spec.ty.unwrap_or('d');
    let (base, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        'd' | 'n' | 'c' => (10, ""),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = v.to_f64().filter(|x| x.is_finite());
            return format_float(x.ok_or(FormatError::IntTooLargeForFloat)?, spec, type_name);
        }
        code => {
            return Err(FormatError::UnknownCode {
                code,
                type_name: type_name.to_string(),
            });
        }
    };
    if spec.precision.is_some() {
        return Err(FormatError::IntPrecision);
    }
    if spec.no_neg_0 {
        return Err(FormatError::IntNoNegZero);
    }
    let fill = spec.fill_char();
    let align = spec.number_align();
    let mut out = String::new();
    if ty == 'c' {
        if spec.sign.is_some() {
            return Err(FormatError::CharSign);
        }
        if spec.alternate {
            return Err(FormatError::CharAlternate);
        }
        let x = v.to_i64().ok_or(FormatError::IntTooLargeForCLong)?;
        let cp = u32::try_from(x)
            .ok()
            .filter(|&c| c <= 0x10ffff)
            .ok_or(FormatError::CharRange)?;
        let ch = char::from_u32(cp).ok_or(FormatError::SurrogateChar(cp))?;
        let mut buf = [0u8; 4];
        let text = ch.encode_utf8(&mut buf);
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            has_decimal: false,
            remainder: text,
        };
        write_number(&mut out, &parts, None, fill, align, spec.width, None);
        return Ok(out);
    }
    let mut digits = match decimal {
        Some(d) if base == 10 => d,
        _ => v.magnitude().to_str_radix(base),
    };
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let group = match (spec.grouping, ty) {
        (None, _) | (_, 'n') => None,
        (Some(g), 'b' | 'o' | 'x' | 'X') => Some((4, g.separator())),
        (Some(g), _) => Some((3, g.separator())),
    };
    let parts = NumberParts {
        negative: v.is_negative(),
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        has_decimal: false,
        remainder: "",
    };
    write_number(&mut out, &parts, spec.sign, fill, align, spec.width, group);
    Ok(out)
}

/// The float text and flags a spec asks for (`format_float_internal`'s set-up). Returns the
/// `PyOS_double_to_string` code, precision and flags, and whether `%` is appended.
fn float_request(
    spec: &FormatSpec,
    complex: bool,
) -> Result<(char, usize, FloatFlags), FormatError> {
    let precision = spec.precision;
    if precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::PrecisionTooBig);
    }
    let mut flags = FloatFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_0,
        ..FloatFlags::default()
    };
    let (mut code, default_precision) = match float_type(spec) {
        None => {
            // Like repr() without a precision, like 'g' with one; floats keep a ".0".
            flags.add_dot_0 = !complex;
            ('r', 0)
        }
        Some('n') => ('g', 6),
        Some('%') => ('f', 6),
        Some(c) => (c, 6),
    };
    if precision.is_some() && code == 'r' {
        code = 'g';
    }
    Ok((code, precision.unwrap_or(default_precision), flags))
}

/// The type of a float or complex spec, where an explicit NUL counts as none, as it does in
/// CPython's C `switch`.
fn float_type(spec: &FormatSpec) -> Option<char> {
    spec.ty.filter(|&c| c != '\0')
}

/// `format(float, spec)`: types `e E f F g G n %` or none.
pub fn format_float(x: f64, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    match float_type(spec) {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(code) => {
            return Err(FormatError::UnknownCode {
                code,
                type_name: type_name.to_string(),
            });
        }
    }
    let (code, precision, flags) = float_request(spec, false)?;
    let percent = spec.ty == Some('%');
    let x = if percent { x * 100.0 } else { x };
    let mut text = float_format::format_float(x, code, precision, flags);
    if percent {
        text.push('%');
    }
    let group = match spec.ty {
        Some('n') => None,
        _ => spec.grouping.map(|g| (3, g.separator())),
    };
    let mut out = String::new();
    let parts = NumberParts::of_float_text(&text);
    write_number(
        &mut out,
        &parts,
        spec.sign,
        spec.fill_char(),
        spec.number_align(),
        spec.width,
        group,
    );
    Ok(out)
}

/// `format(complex, spec)`: types `e E f F g G n` or none (`str()`-like, with parentheses).
pub fn format_complex(
    re: f64,
    im: f64,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, FormatError> {
    match float_type(spec) {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(code) => {
            return Err(FormatError::UnknownCode {
                code,
                type_name: type_name.to_string(),
            });
        }
    }
    let (code, precision, flags) = float_request(spec, true)?;
    if spec.fill_char() == '0' {
        return Err(FormatError::ComplexZeroPad);
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(FormatError::ComplexAfterSign);
    }
    let (skip_re, parens) = match float_type(spec) {
        None if re == 0.0 && re.is_sign_positive() => (true, false),
        None => (false, true),
        Some(_) => (false, false),
    };
    let group = match spec.ty {
        Some('n') => None,
        _ => spec.grouping.map(|g| (3, g.separator())),
    };
    let re_text = float_format::format_float(re, code, precision, flags);
    let im_text = float_format::format_float(im, code, precision, flags);
    let mut body = String::new();
    if parens {
        body.push('(');
    }
    let mut im_sign = spec.sign;
    if !skip_re {
        let parts = NumberParts::of_float_text(&re_text);
        write_number(&mut body, &parts, spec.sign, ' ', Align::Left, None, group);
        im_sign = Some(SignOption::Plus);
    }
    let parts = NumberParts::of_float_text(&im_text);
    write_number(&mut body, &parts, im_sign, ' ', Align::Left, None, group);
    body.push('j');
    if parens {
        body.push(')');
    }
    Ok(pad(
        &body,
        spec.fill_char(),
        spec.align.unwrap_or(Align::Right),
        spec.width,
    ))
}

/// Pads `s` to `width` code points (`calc_padding`, `fill_padding`).
fn pad(s: &str, fill: char, align: Align, width: Option<usize>) -> String {
    let len = s.chars().count();
    let padding = width.unwrap_or(0).saturating_sub(len);
    let left = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let mut out = String::with_capacity(s.len() + padding);
    push_fill(&mut out, fill, left);
    out.push_str(s);
    push_fill(&mut out, fill, padding - left);
    out
}

/// `format(str, spec)`: type `s` or none; precision truncates, width pads (code points).
pub fn format_str(s: &str, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    match spec.ty {
        None | Some('s') => {}
        Some(code) => {
            return Err(FormatError::UnknownCode {
                code,
                type_name: type_name.to_string(),
            });
        }
    }
    match spec.sign {
        Some(SignOption::Space) => return Err(FormatError::StrSpace),
        Some(_) => return Err(FormatError::StrSign),
        None => {}
    }
    if spec.no_neg_0 {
        return Err(FormatError::StrNoNegZero);
    }
    if spec.alternate {
        return Err(FormatError::StrAlternate);
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(FormatError::StrAfterSign);
    }
    let s = match spec.precision {
        Some(p) => match s.char_indices().nth(p) {
            Some((cut, _)) => &s[..cut],
            None => s,
        },
        None => s,
    };
    Ok(pad(
        s,
        spec.fill_char(),
        spec.align.unwrap_or(Align::Left),
        spec.width,
    ))
}

#[cfg(test)]
#[path = "format_spec_tests.rs"]
mod tests;

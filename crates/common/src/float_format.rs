//! Float ↔ text conversions with CPython 3.11's results.
//!
//! `format_float` is `PyOS_double_to_string` (`Python/pystrtod.c: format_float_short`). CPython
//! asks David Gay's `_Py_dg_dtoa` for a digit string and a decimal-point position, then lays
//! the digits out. We get the same digits from Rust's formatter, which is exact: `{:e}` gives
//! the shortest digits that round-trip (dtoa mode 0), `{:.Ne}` the correctly rounded N+1
//! significant digits (mode 2) and `{:.N}` the correctly rounded N fractional digits (mode 3),
//! ties to even on the exact binary value in every case. Layout then follows CPython's rules:
//! the digits (trailing zeros dropped, as dtoa does) are a window on an infinite string of
//! zeros, the decimal point sits at `decpt`, and the code decides how far the window reaches
//! and whether an exponent is used.
//!
//! The parsers mirror `float(str)` (`Objects/floatobject.c: PyFloat_FromString`) and
//! `float.fromhex` (`float_fromhex`); `round_float` is `float.__round__` with `ndigits`
//! (`double_round`), `float_to_hex` is `float.hex`.

use alloc::borrow::Cow;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, Zero};

use crate::exc::ExceptionKind;
use crate::unicode;

/// The `Py_DTSF_*` flags of `PyOS_double_to_string`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FloatFlags {
    /// Always write a sign (`Py_DTSF_SIGN`, the `+` of `'%+f'`).
    pub sign: bool,
    /// Make integral results look like floats: `1.0`, not `1` (`Py_DTSF_ADD_DOT_0`).
    pub add_dot_0: bool,
    /// Alternate form: keep the decimal point and, for `g`, trailing zeros (`Py_DTSF_ALT`).
    pub alt: bool,
    /// Write negative zero (after rounding) without its sign (`Py_DTSF_NO_NEG_0`, 3.11's `z`).
    pub no_neg_0: bool,
}

/// Rust's formatter panics on precisions above `u16::MAX`; beyond this many digits every f64's
/// exact decimal expansion has ended (at most 767 significant and 1074 fractional digits), so
/// asking for more only adds zeros, which the layout adds itself.
const MAX_EXACT_DIGITS: usize = 1100;

/// `PyOS_double_to_string(x, code, precision, flags)`.
///
/// `code` is one of `e E f F g G r`; `'r'` (repr: shortest round-trip digits) ignores
/// `precision`, and any other code is treated as `'r'`. Upper-case codes write `E`, `INF`, `NAN`.
pub fn format_float(x: f64, code: char, precision: usize, flags: FloatFlags) -> String {
    let upper = code.is_ascii_uppercase();
    let code = match code.to_ascii_lowercase() {
        c @ ('e' | 'f' | 'g') => c,
        _ => 'r',
    };
    let mut out = String::new();
    if !x.is_finite() {
        // The sign of a NaN is never shown.
        if x.is_sign_negative() && x.is_infinite() {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (x.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return out;
    }
    // 'e' asks dtoa for precision+1 significant digits; 'g' treats precision 0 as 1.
    let precision = match code {
        'e' => precision.saturating_add(1),
        'g' => precision.max(1),
        _ => precision,
    };
    let (digits, decpt) = match code {
        'r' => shortest_digits(x),
        'f' => fixed_digits(x, precision),
        _ => significant_digits(x, precision),
    };
    let mut negative = x.is_sign_negative();
    if flags.no_neg_0 && digits == b"0" {
        negative = false;
    }
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    layout(&mut out, &digits, decpt, code, precision, flags);
    if upper {
        out.make_ascii_uppercase();
    }
    out
}

/// Writes `digits` (no trailing zeros; `"0"` for zero) whose decimal point is after `decpt`
/// of them, following `format_float_short`'s rules.
fn layout(
    out: &mut String,
    digits: &[u8],
    decpt: i64,
    code: char,
    precision: usize,
    flags: FloatFlags,
) {
    let len = digits.len() as i64;
    let precision = i64::try_from(precision).unwrap_or(i64::MAX / 4);
    let mut decpt = decpt;
    let mut use_exp = false;
    // How far the window of virtual digits reaches (exclusive).
    let mut end = len;
    match code {
        'e' => {
            use_exp = true;
            end = precision;
        }
        'f' => end = decpt.saturating_add(precision),
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            use_exp = decpt <= -4 || decpt > limit;
            if flags.alt {
                end = precision;
            }
        }
        _ => use_exp = decpt <= -4 || decpt > 16,
    }
    let exp = decpt - 1;
    if use_exp {
        decpt = 1;
    }
    // The window always holds the decimal point: one zero before it when decpt <= 0, and one
    // digit after it when an integral value must still look like a float.
    let start = if decpt <= 0 { decpt - 1 } else { 0 };
    let min_end = if !use_exp && flags.add_dot_0 {
        decpt + 1
    } else {
        decpt
    };
    let end = end.max(min_end);
    for i in start..end {
        if i == decpt {
            out.push('.');
        }
        let d = if (0..len).contains(&i) {
            digits[i as usize]
        } else {
            b'0'
        };
        out.push(char::from(d));
    }
    if decpt == end {
        out.push('.');
    }
    if !flags.alt && out.ends_with('.') {
        out.pop();
    }
    if use_exp {
        let sign = if exp < 0 { '-' } else { '+' };
        out.push_str(&format!("e{sign}{:02}", exp.unsigned_abs()));
    }
}

/// Digits of Rust's `d.ddde<exp>` output, trailing zeros dropped, and the dtoa-style decimal
/// point position (`value = 0.digits × 10^decpt`).
fn split_scientific(s: &str) -> (Vec<u8>, i64) {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    trim_zeros(&mut digits);
    if digits == b"0" {
        return (digits, 1);
    }
    (digits, exp + 1)
}

fn trim_zeros(digits: &mut Vec<u8>) {
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
}

/// dtoa mode 0: the shortest digits that read back as `x`.
fn shortest_digits(x: f64) -> (Vec<u8>, i64) {
    split_scientific(&format!("{:e}", x.abs()))
}

/// dtoa mode 2: `n >= 1` significant digits, correctly rounded.
fn significant_digits(x: f64, n: usize) -> (Vec<u8>, i64) {
    let n = n.min(MAX_EXACT_DIGITS);
    split_scientific(&format!("{:.*e}", n - 1, x.abs()))
}

/// dtoa mode 3: `n` digits after the decimal point, correctly rounded.
fn fixed_digits(x: f64, n: usize) -> (Vec<u8>, i64) {
    let s = format!("{:.*}", n.min(MAX_EXACT_DIGITS), x.abs());
    let (int_part, frac_part) = s.split_once('.').unwrap_or((&s, ""));
    let mut digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
    let mut decpt = int_part.len() as i64;
    let leading = digits.iter().take_while(|&&d| d == b'0').count();
    if leading == digits.len() {
        return (Vec::from(*b"0"), 1);
    }
    digits.drain(..leading);
    decpt -= leading as i64;
    trim_zeros(&mut digits);
    (digits, decpt)
}

/// Python's `str.isspace` for the characters `float()` and `int()` strip: ASCII whitespace and
/// non-ASCII Unicode whitespace (which CPython first turns into spaces), but not the ASCII
/// separators `\x1c`–`\x1f`.
pub(crate) fn is_strip_space(c: char) -> bool {
    c.is_whitespace()
}

/// CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`, the first step of `float(str)` and
/// `int(str)`: non-ASCII whitespace becomes a space, a non-ASCII decimal digit its ASCII digit,
/// and any other non-ASCII character `?`, which no number parser accepts. ASCII strings come
/// back unchanged (and unallocated).
pub fn transform_decimal_and_space(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let map = |c: char| {
        let cp = u32::from(c);
        if c.is_ascii() {
            c
        } else if unicode::is_space(cp) {
            ' '
        } else {
            unicode::decimal(cp)
                .and_then(|d| char::from_digit(d, 10))
                .unwrap_or('?')
        }
    };
    Cow::Owned(s.chars().map(map).collect())
}

/// `float(str)`: surrounding whitespace, a sign, decimal digits with an optional point and
/// exponent, or `inf`/`infinity`/`nan` in any case; underscores only between digits; no hex.
/// Out-of-range values become ±inf or ±0.0 as in CPython. `None` means
/// `ValueError: could not convert string to float: <repr>`.
///
/// Non-ASCII decimal digits, which CPython accepts, must first be mapped to ASCII with
/// [`transform_decimal_and_space`].
pub fn parse_float(s: &str) -> Option<f64> {
    let s = s.trim_matches(is_strip_space);
    let bytes = s.as_bytes();
    let mut cleaned = String::with_capacity(s.len());
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'_' => {
                let digit_before = i > 0 && bytes[i - 1].is_ascii_digit();
                let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
                if !(digit_before && digit_after) {
                    return None;
                }
            }
            b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-' => cleaned.push(char::from(b)),
            b if b.is_ascii_alphabetic() => cleaned.push(char::from(b)),
            _ => return None,
        }
    }
    // Rust's parser is correctly rounded and accepts exactly this grammar now.
    cleaned.parse::<f64>().ok()
}

/// `float.hex()`: `[-]0x<h>.<13 hex digits>p<exp>`, `inf`, `-inf`, `nan`.
pub fn float_to_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // Subnormals keep the exponent of the smallest normal and a leading 0.
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let esign = if exp < 0 { '-' } else { '+' };
    format!(
        "{sign}0x{lead}.{fraction:013x}p{esign}{}",
        exp.unsigned_abs()
    )
}

/// Why `float.fromhex` failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FloatFromHexError {
    /// `ValueError: invalid hexadecimal floating-point string`.
    Invalid,
    /// `OverflowError: hexadecimal value too large to represent as a float`.
    Overflow,
}

impl FloatFromHexError {
    /// The Python exception this error becomes.
    pub fn kind(self) -> ExceptionKind {
        match self {
            FloatFromHexError::Invalid => ExceptionKind::ValueError,
            FloatFromHexError::Overflow => ExceptionKind::OverflowError,
        }
    }
}

impl fmt::Display for FloatFromHexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FloatFromHexError::Invalid => "invalid hexadecimal floating-point string",
            FloatFromHexError::Overflow => "hexadecimal value too large to represent as a float",
        })
    }
}

/// `float.fromhex(s)`, correctly rounded (ties to even), subnormals included.
pub fn float_from_hex(s: &str) -> Result<f64, FloatFromHexError> {
    use FloatFromHexError::{Invalid, Overflow};
    let s = s.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b');
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let signed = |v: f64| if negative { -v } else { v };
    let lower = body.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => return Ok(signed(f64::INFINITY)),
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exp_text) = match body.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (body, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let is_hex = |t: &str| t.bytes().all(|b| b.is_ascii_hexdigit());
    if !is_hex(int_part) || !is_hex(frac_part) || int_part.len() + frac_part.len() == 0 {
        return Err(Invalid);
    }
    let exp = match exp_text {
        None => 0,
        Some(e) => parse_clamped_exponent(e).ok_or(Invalid)?,
    };
    let all: String = [int_part, frac_part].concat();
    let digits = all.trim_start_matches('0');
    if digits.is_empty() {
        return Ok(signed(0.0));
    }
    let mant = BigInt::parse_bytes(digits.as_bytes(), 16).ok_or(Invalid)?;
    // value = mant * 2^scale
    let scale = exp - 4 * frac_part.len() as i64;
    let top = mant.bits() as i64 - 1 + scale; // value in [2^top, 2^(top+1))
    if top > 1023 {
        return Err(Overflow);
    }
    if top < -1076 {
        return Ok(signed(0.0));
    }
    // Exponent of the last bit kept: 53 bits for normals, fewer for subnormals.
    let lsb = (top - 52).max(-1074);
    let shift = lsb - scale;
    let mut q: u64 = if shift <= 0 {
        // Exact: fewer than 53 significant bits.
        u64::try_from(&(mant << (-shift) as usize)).map_err(|_| Invalid)?
    } else {
        let shift = shift as u64;
        let kept = &mant >> shift;
        let half = mant.bit(shift - 1);
        let sticky = mant.trailing_zeros().unwrap_or(0) < shift - 1;
        let mut q = u64::try_from(&kept).map_err(|_| Invalid)?;
        if half && (sticky || q & 1 == 1) {
            q += 1;
        }
        q
    };
    let mut lsb = lsb;
    if q == 1 << 53 {
        q >>= 1;
        lsb += 1;
    }
    let bits = if q >> 52 != 0 {
        let biased = lsb + 52 + 1023;
        if biased >= 0x7ff {
            return Err(Overflow);
        }
        ((biased as u64) << 52) | (q & ((1 << 52) - 1))
    } else {
        q
    };
    Ok(signed(f64::from_bits(bits)))
}

/// A decimal exponent with optional sign, saturated far beyond any float's range.
fn parse_clamped_exponent(e: &str) -> Option<i64> {
    let (neg, digits) = match e.as_bytes().first() {
        Some(b'-') => (true, &e[1..]),
        Some(b'+') => (false, &e[1..]),
        _ => (false, e),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut v: i64 = 0;
    for b in digits.bytes() {
        v = (v * 10 + i64::from(b - b'0')).min(1 << 40);
    }
    Some(if neg { -v } else { v })
}

/// `round(x, ndigits)` for a float: the value nearest to a multiple of `10^-ndigits`, ties to
/// even on the exact binary value (`Objects/floatobject.c: double_round`).
///
/// NaN and infinities come back unchanged. A finite `x` whose rounding overflows gives an
/// infinity: the caller raises `OverflowError: rounded value too large to represent`.
pub fn round_float(x: f64, ndigits: i32) -> f64 {
    // Beyond these bounds the result is x itself, or a zero of x's sign (NDIGITS_MAX/MIN).
    const NDIGITS_MAX: i32 = 323;
    const NDIGITS_MIN: i32 = -308;
    if !x.is_finite() || x == 0.0 || ndigits > NDIGITS_MAX {
        return x;
    }
    if ndigits < NDIGITS_MIN {
        return 0.0 * x;
    }
    let text = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x)
    } else {
        // Round x / 10^k to an integer exactly, then read back `q e k`.
        let k = ndigits.unsigned_abs();
        let (num, den) = exact_ratio(x.abs());
        let den = den * BigInt::from(10u32).pow(k);
        let (q, r) = num.div_rem(&den);
        let twice = r * 2u32;
        let q = if twice > den || (twice == den && q.is_odd()) {
            q + 1u32
        } else {
            q
        };
        let sign = if x < 0.0 { "-" } else { "" };
        format!("{sign}{q}e{k}")
    };
    text.parse::<f64>().unwrap_or(x)
}

/// A finite float as numerator and positive denominator, not reduced.
fn exact_ratio(x: f64) -> (BigInt, BigInt) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    let m = if x.is_sign_negative() {
        -BigInt::from(m)
    } else {
        BigInt::from(m)
    };
    if e >= 0 {
        (m << e as usize, BigInt::one())
    } else {
        (m, BigInt::one() << (-e) as usize)
    }
}

/// Why a non-finite float has no integer ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonFiniteError {
    /// `OverflowError: cannot convert Infinity to integer ratio`.
    Infinity,
    /// `ValueError: cannot convert NaN to integer ratio`.
    NaN,
}

impl NonFiniteError {
    /// The Python exception this error becomes.
    pub fn kind(self) -> ExceptionKind {
        match self {
            NonFiniteError::Infinity => ExceptionKind::OverflowError,
            NonFiniteError::NaN => ExceptionKind::ValueError,
        }
    }
}

impl fmt::Display for NonFiniteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NonFiniteError::Infinity => "cannot convert Infinity to integer ratio",
            NonFiniteError::NaN => "cannot convert NaN to integer ratio",
        })
    }
}

/// `float.as_integer_ratio()`: the lowest-terms fraction, denominator positive.
pub fn float_as_integer_ratio(x: f64) -> Result<(BigInt, BigInt), NonFiniteError> {
    if x.is_nan() {
        return Err(NonFiniteError::NaN);
    }
    if x.is_infinite() {
        return Err(NonFiniteError::Infinity);
    }
    let (num, den) = exact_ratio(x);
    if num.is_zero() {
        return Ok((BigInt::zero(), BigInt::one()));
    }
    // The denominator is a power of two: cancel the numerator's factors of two.
    let common = num
        .trailing_zeros()
        .unwrap_or(0)
        .min(den.trailing_zeros().unwrap_or(0));
    debug_assert!(den.is_positive());
    Ok((num >> common as usize, den >> common as usize))
}

#[cfg(test)]
#[path = "float_format_tests.rs"]
mod tests;

//! printf-style `str % args` and `str.format` / `str.format_map` (CPython:
//! `Objects/unicodeobject.c: PyUnicode_Format`, `Objects/stringlib/unicode_format.h`).
//!
//! Both work on code points so format strings with lone surrogates behave; the output is
//! WTF-8. Errors come out in CPython's order: `%` fetches the argument before it looks at the
//! conversion character, and `str.format` parses a whole field before it looks anything up.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use crate::native::as_pystr;
use crate::object::Payload;
use crate::objects::str::{PyStr, push_code_point};
use crate::value::Value;
use crate::{PyResult, Vm};

// ----- printf-style -----

struct PctArgs<'a> {
    args: Value,
    tuple: Option<&'a [Value]>,
    arglen: isize,
    argidx: isize,
}

impl PctArgs<'_> {
    fn next(&mut self, vm: &mut Vm) -> PyResult<Value> {
        let i = self.argidx;
        if i < self.arglen {
            self.argidx += 1;
            return Ok(match self.tuple {
                Some(t) if self.arglen >= 0 => t[i as usize].clone(),
                _ => self.args.clone(),
            });
        }
        Err(vm.type_error("not enough arguments for format string"))
    }
}

/// The exact int value of `v` for `%d`/`%x` (`None` when `v` is not a number at all).
fn pct_int(vm: &mut Vm, v: &Value, integer_only: bool) -> PyResult<Option<BigInt>> {
    match v {
        Value::Int(i) => return Ok(Some(BigInt::from(*i))),
        Value::Bool(b) => return Ok(Some(BigInt::from(i64::from(b.get())))),
        _ => {}
    }
    if let Some(Payload::Int(b)) = v.payload() {
        return Ok(Some(b.clone()));
    }
    let has_index = vm.lookup_special_str(v, "__index__").is_some();
    if has_index {
        let i = vm.index_value(v)?;
        return vm.to_bigint(&i).map(Some);
    }
    if integer_only {
        return Ok(None);
    }
    let f = match v {
        Value::Float(f) => Some(f.get()),
        _ => match v.payload() {
            Some(Payload::Float(f)) => Some(*f),
            _ => None,
        },
    };
    if let Some(f) = f {
        if f.is_nan() {
            return Err(vm.value_error("cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(vm.overflow_error("cannot convert float infinity to integer"));
        }
        return Ok(Some(float_trunc_bigint(f)));
    }
    if let Some(r) = vm.call_special(v, "__int__", &[])? {
        return vm.to_bigint(&r).map(Some);
    }
    Ok(None)
}

fn float_trunc_bigint(f: f64) -> BigInt {
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return BigInt::from(t as i64);
    }
    // Exact conversion through the decimal expansion (no precision loss: t is integral).
    let s = format!("{t:.0}");
    s.parse::<BigInt>().unwrap_or_default()
}

/// `float(v)` for `%f` and friends; `None` when `v` is not a real number.
pub fn pct_float(vm: &mut Vm, v: &Value) -> PyResult<Option<f64>> {
    match v {
        Value::Float(f) => return Ok(Some(f.get())),
        Value::Int(i) => return Ok(Some(*i as f64)),
        Value::Bool(b) => return Ok(Some(f64::from(u8::from(b.get())))),
        _ => {}
    }
    match v.payload() {
        Some(Payload::Float(f)) => return Ok(Some(*f)),
        Some(Payload::Int(b)) => {
            return match b.to_f64().filter(|f| f.is_finite()) {
                Some(f) => Ok(Some(f)),
                None => Err(vm.overflow_error("int too large to convert to float")),
            };
        }
        _ => {}
    }
    if let Some(r) = vm.call_special(v, "__float__", &[])? {
        return match r {
            Value::Float(f) => Ok(Some(f.get())),
            _ => match r.payload() {
                Some(Payload::Float(f)) => Ok(Some(*f)),
                _ => Err(vm.type_error(format!(
                    "{}.__float__ returned non-float (type {})",
                    vm.type_name(v),
                    vm.type_name(&r)
                ))),
            },
        };
    }
    if vm.lookup_special_str(v, "__index__").is_some() {
        let i = vm.index_value(v)?;
        return pct_float(vm, &i);
    }
    Ok(None)
}

/// Lay out `body` (whose first `sign_len + prefix_len` bytes are sign and `0x`-style prefix)
/// in `width` code points.
fn emit(out: &mut Vec<u8>, body: &[u8], lead: usize, width: usize, ljust: bool, zero: bool) {
    let len = body.iter().filter(|&&b| b & 0xC0 != 0x80).count();
    if len >= width {
        out.extend_from_slice(body);
        return;
    }
    let pad = width - len;
    if ljust {
        out.extend_from_slice(body);
        out.resize(out.len() + pad, b' ');
    } else if zero {
        out.extend_from_slice(&body[..lead]);
        out.resize(out.len() + pad, b'0');
        out.extend_from_slice(&body[lead..]);
    } else {
        out.resize(out.len() + pad, b' ');
        out.extend_from_slice(body);
    }
}

/// The code points of a format string: on the stack when there are few (most formats), so
/// formatting allocates nothing for them.
// Only ever a local: its size is the point.
#[allow(clippy::large_enum_variant)]
enum CodePoints {
    Few([u32; 64], usize),
    Many(Vec<u32>),
}

impl CodePoints {
    fn of(s: &PyStr) -> CodePoints {
        let mut few = [0u32; 64];
        if s.len() > few.len() {
            return CodePoints::Many(s.code_points());
        }
        for (d, c) in few.iter_mut().zip(s.chars()) {
            *d = c;
        }
        CodePoints::Few(few, s.len())
    }
}

impl std::ops::Deref for CodePoints {
    type Target = [u32];
    fn deref(&self) -> &[u32] {
        match self {
            CodePoints::Few(few, n) => &few[..*n],
            CodePoints::Many(v) => v,
        }
    }
}

/// `format % args` for a str format.
pub fn percent_format(vm: &mut Vm, fmt: &PyStr, args: &Value) -> PyResult<Value> {
    let tuple = match args.payload() {
        Some(Payload::Tuple(t)) => Some(&t[..]),
        _ => None,
    };
    let is_mapping = tuple.is_none()
        && as_pystr(args).is_none()
        && vm.lookup_special_str(args, "__getitem__").is_some();
    let mut st = PctArgs {
        args: args.clone(),
        tuple,
        arglen: tuple.map_or(-1, |t| t.len() as isize),
        argidx: if tuple.is_some() { 0 } else { -2 },
    };
    let cps = CodePoints::of(fmt);
    let n = cps.len();
    let mut out = vm.str_scratch(fmt.wtf8().len() + 16);
    // An exact str that is the whole result, which CPython's writer returns as it is
    // (`"%s" % s is s`).
    let mut whole: Option<Value> = None;
    let mut i = 0;
    while i < n {
        let c = cps[i];
        if c != u32::from(b'%') {
            push_code_point(&mut out, c);
            i += 1;
            continue;
        }
        i += 1;
        if i >= n {
            return Err(vm.value_error("incomplete format"));
        }
        if cps[i] == u32::from(b'%') {
            out.push(b'%');
            i += 1;
            continue;
        }
        // Mapping key.
        if cps[i] == u32::from(b'(') {
            if !is_mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            i += 1;
            let start = i;
            let mut depth = 1;
            while i < n {
                if cps[i] == u32::from(b'(') {
                    depth += 1;
                } else if cps[i] == u32::from(b')') {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                i += 1;
            }
            if i >= n {
                return Err(vm.value_error("incomplete format key"));
            }
            let key = vm.new_pystr(PyStr::from_code_points(cps[start..i].iter().copied()));
            i += 1;
            // The looked-up value becomes the argument list (PyUnicode_Format's ctx->args).
            st.args = vm.getitem(args, &key)?;
            st.arglen = -1;
            st.argidx = -2;
        }
        // Flags.
        let (mut ljust, mut plus, mut space, mut alt, mut zero) =
            (false, false, false, false, false);
        while i < n {
            match char::from_u32(cps[i]).unwrap_or('\0') {
                '-' => ljust = true,
                '+' => plus = true,
                ' ' => space = true,
                '#' => alt = true,
                '0' => zero = true,
                _ => break,
            }
            i += 1;
        }
        // Width.
        let mut width: usize = 0;
        if i < n && cps[i] == u32::from(b'*') {
            let w = st.next(vm)?;
            let w = star_arg(vm, &w)?;
            if w < 0 {
                ljust = true;
                width = w.unsigned_abs() as usize;
            } else {
                width = w as usize;
            }
            i += 1;
        } else {
            while i < n && (0x30..=0x39).contains(&cps[i]) {
                width = width
                    .checked_mul(10)
                    .and_then(|w| w.checked_add((cps[i] - 0x30) as usize))
                    .filter(|w| *w <= isize::MAX as usize)
                    .ok_or_else(|| vm.value_error("width too big"))?;
                i += 1;
            }
        }
        if width > krait_common::format_spec::PAD_LIMIT {
            return Err(vm.memory_error());
        }
        vm.check_alloc(width)?;
        // Precision.
        let mut prec: Option<usize> = None;
        if i < n && cps[i] == u32::from(b'.') {
            i += 1;
            if i < n && cps[i] == u32::from(b'*') {
                let p = st.next(vm)?;
                prec = Some(star_precision(vm, &p)?);
                i += 1;
            } else {
                let mut p: usize = 0;
                while i < n && (0x30..=0x39).contains(&cps[i]) {
                    p = p
                        .checked_mul(10)
                        .and_then(|w| w.checked_add((cps[i] - 0x30) as usize))
                        .filter(|w| *w <= i32::MAX as usize)
                        .ok_or_else(|| vm.value_error("precision too big"))?;
                    i += 1;
                }
                prec = Some(p);
            }
        }
        vm.check_alloc(prec.unwrap_or(0))?;
        // Length modifiers are accepted and ignored.
        while i < n && matches!(cps[i], 0x68 | 0x6C | 0x4C) {
            i += 1;
        }
        if i >= n {
            return Err(vm.value_error("incomplete format"));
        }
        let conv = cps[i];
        let conv_index = i;
        i += 1;
        let v = st.next(vm)?;
        let conv_c = char::from_u32(conv).unwrap_or('\0');
        match conv_c {
            's' | 'r' | 'a' => {
                let s = match conv_c {
                    's' => vm.str(&v)?,
                    'r' => vm.repr(&v)?,
                    _ => vm.ascii(&v)?,
                };
                let Some(ps) = as_pystr(&s) else {
                    continue;
                };
                let body: Vec<u8> = match prec {
                    Some(p) if p < ps.len() => {
                        let off = ps.byte_offset(p);
                        ps.wtf8()[..off].to_vec()
                    }
                    _ => ps.wtf8().to_vec(),
                };
                // CPython's writer hands back the str itself only when it is the last item
                // of the format (`"%s%s" % (s, "")` is a new str) and nothing came before.
                if i == n && out.is_empty() && body.len() == ps.wtf8().len() && width <= ps.len() {
                    whole = Some(s.clone()).filter(|s| vm.is_exact_str(s));
                }
                emit(&mut out, &body, 0, width, ljust, false);
            }
            'd' | 'i' | 'u' if prec.is_none() && matches!(v, Value::Int(_)) => {
                // A small int: sign and digits on the stack, no big int or string made.
                if let Value::Int(i) = v {
                    let sign = if i < 0 {
                        Some(b'-')
                    } else if plus {
                        Some(b'+')
                    } else if space {
                        Some(b' ')
                    } else {
                        None
                    };
                    let mut digits = [0u8; 20];
                    let d = crate::objects::int::decimal_digits(&mut digits, i.unsigned_abs());
                    let mut body = [0u8; 21];
                    let lead = usize::from(sign.is_some());
                    body[0] = sign.unwrap_or(0);
                    body[lead..lead + d.len()].copy_from_slice(d);
                    emit(&mut out, &body[..lead + d.len()], lead, width, ljust, zero);
                }
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let integer_only = matches!(conv_c, 'x' | 'X' | 'o');
                let Some(big) = pct_int(vm, &v, integer_only)? else {
                    let msg = if integer_only {
                        format!(
                            "%{conv_c} format: an integer is required, not {}",
                            vm.type_name(&v)
                        )
                    } else {
                        format!(
                            "%{conv_c} format: a real number is required, not {}",
                            vm.type_name(&v)
                        )
                    };
                    return Err(vm.type_error(msg));
                };
                let radix = match conv_c {
                    'x' | 'X' => 16,
                    'o' => 8,
                    _ => 10,
                };
                let mut digits = if radix == 10 {
                    crate::objects::int::abs_decimal(vm, &big)?
                } else {
                    big.abs().to_str_radix(radix)
                };
                if conv_c == 'X' {
                    digits = digits.to_ascii_uppercase();
                }
                let mut body = String::new();
                if big.is_negative() {
                    body.push('-');
                } else if plus {
                    body.push('+');
                } else if space {
                    body.push(' ');
                }
                if alt && radix != 10 {
                    body.push('0');
                    body.push(conv_c);
                }
                let lead = body.len();
                check_int_precision(vm, prec)?;
                if let Some(p) = prec
                    && p > digits.len()
                {
                    for _ in 0..p - digits.len() {
                        body.push('0');
                    }
                }
                body.push_str(&digits);
                emit(&mut out, body.as_bytes(), lead, width, ljust, zero);
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let Some(x) = pct_float(vm, &v)? else {
                    return Err(
                        vm.type_error(format!("must be real number, not {}", vm.type_name(&v)))
                    );
                };
                let flags = krait_common::float_format::FloatFlags {
                    sign: plus,
                    alt,
                    ..Default::default()
                };
                let mut body =
                    krait_common::float_format::format_float(x, conv_c, prec.unwrap_or(6), flags);
                if space && !body.starts_with('-') && !body.starts_with('+') {
                    body.insert(0, ' ');
                }
                let lead = usize::from(body.starts_with(['-', '+', ' ']));
                emit(&mut out, body.as_bytes(), lead, width, ljust, zero);
            }
            'c' => {
                let cp = match as_pystr(&v) {
                    Some(s) if s.len() == 1 => s.char_at(0).unwrap_or(0),
                    Some(_) => return Err(vm.type_error("%c requires int or char")),
                    None => {
                        let is_int = matches!(v, Value::Int(_) | Value::Bool(_))
                            || matches!(v.payload(), Some(Payload::Int(_)))
                            || vm.lookup_special_str(&v, "__index__").is_some();
                        if !is_int {
                            return Err(vm.type_error("%c requires int or char"));
                        }
                        let i = vm.index_value(&v)?;
                        match i {
                            Value::Int(k) if (0..0x110000).contains(&k) => k as u32,
                            _ => {
                                return Err(vm.overflow_error("%c arg not in range(0x110000)"));
                            }
                        }
                    }
                };
                let mut body = Vec::new();
                push_code_point(&mut body, cp);
                emit(&mut out, &body, 0, width, ljust, false);
            }
            _ => {
                let shown = if (31..=126).contains(&conv) {
                    conv_c
                } else {
                    '?'
                };
                return Err(vm.value_error(format!(
                    "unsupported format character '{shown}' (0x{conv:x}) at index {conv_index}"
                )));
            }
        }
    }
    if st.argidx < st.arglen && !is_mapping {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    if let Some(w) = whole {
        return Ok(w);
    }
    if out.is_empty() {
        return Ok(Value::Obj(vm.intern("")));
    }
    Ok(vm.new_str_scratch(out, None))
}

/// A `*` precision: a C `int` in CPython (negative means none: 0).
pub(crate) fn star_precision(vm: &mut Vm, v: &Value) -> PyResult<usize> {
    let p = match v.payload() {
        Some(Payload::Int(b)) => num_traits::ToPrimitive::to_i32(b),
        _ => i32::try_from(star_arg(vm, v)?).ok(),
    };
    match p {
        Some(p) => Ok(p.max(0) as usize),
        None => Err(vm.overflow_error("Python int too large to convert to C int")),
    }
}

/// CPython's cap on the zero padding of `%d`/`%x`/`%o` (`_PyUnicode_FormatLong`), checked
/// before the zeros are allocated.
pub(crate) fn check_int_precision(vm: &mut Vm, prec: Option<usize>) -> PyResult<()> {
    if prec.is_some_and(|p| p > i32::MAX as usize - 3) {
        return Err(vm.overflow_error("precision too large"));
    }
    vm.check_alloc(prec.unwrap_or(0))
}

pub(crate) fn star_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    let is_int =
        matches!(v, Value::Int(_) | Value::Bool(_)) || matches!(v.payload(), Some(Payload::Int(_)));
    if !is_int {
        return Err(vm.type_error("* wants int"));
    }
    vm.index_to_i64(v)
}

// ----- str.format -----

/// Where `str.format` finds keyword fields.
pub enum Kw {
    /// `format(**kwargs)`
    List(Vec<(Value, Value)>),
    /// `format_map(mapping)`
    Mapping(Value),
}

struct Fmt<'a> {
    args: &'a [Value],
    kw: &'a Kw,
    /// 0 = not decided, 1 = automatic, 2 = manual.
    mode: u8,
    next_auto: usize,
}

fn cps_text(cps: &[u32]) -> String {
    cps.iter()
        .map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}'))
        .collect()
}

fn all_digits(cps: &[u32]) -> bool {
    !cps.is_empty()
        && cps
            .iter()
            .all(|&c| krait_common::unicode::decimal(c).is_some())
}

fn parse_usize(cps: &[u32]) -> Option<usize> {
    let mut n: usize = 0;
    for &c in cps {
        let d = krait_common::unicode::decimal(c)? as usize;
        n = n.checked_mul(10)?.checked_add(d)?;
    }
    if n > isize::MAX as usize {
        None
    } else {
        Some(n)
    }
}

/// `fmt.format(*args, **kw)`.
pub fn str_format(vm: &mut Vm, fmt: &PyStr, args: &[Value], kw: &Kw) -> PyResult<Value> {
    let mut st = Fmt {
        args,
        kw,
        mode: 0,
        next_auto: 0,
    };
    let cps = CodePoints::of(fmt);
    let mut out = vm.str_scratch(fmt.wtf8().len() + 16);
    render(vm, &cps, &mut st, 2, &mut out)?;
    if out.is_empty() {
        return Ok(Value::Obj(vm.intern("")));
    }
    Ok(vm.new_str_scratch(out, None))
}

fn render(
    vm: &mut Vm,
    cps: &[u32],
    st: &mut Fmt<'_>,
    depth: i32,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    if depth <= 0 {
        return Err(vm.value_error("Max string recursion exceeded"));
    }
    let n = cps.len();
    let mut i = 0;
    let (lb, rb) = (u32::from(b'{'), u32::from(b'}'));
    while i < n {
        let c = cps[i];
        if c == rb {
            if i + 1 < n && cps[i + 1] == rb {
                out.push(b'}');
                i += 2;
                continue;
            }
            return Err(vm.value_error("Single '}' encountered in format string"));
        }
        if c != lb {
            push_code_point(out, c);
            i += 1;
            continue;
        }
        if i + 1 < n && cps[i + 1] == lb {
            out.push(b'{');
            i += 2;
            continue;
        }
        if i + 1 >= n {
            return Err(vm.value_error("Single '{' encountered in format string"));
        }
        let (name, conv, spec, expand, next) = parse_field(vm, cps, i + 1)?;
        render_field(vm, name, conv, spec, expand, st, depth, out)?;
        // Each field may copy a whole argument: `('{0}' * 10**5).format('x' * 10**5)` must
        // stop at the heap cap (or the deadline), not after building 10 GB.
        vm.tick(1)?;
        i = next;
    }
    Ok(())
}

pub(crate) type Field<'c> = (&'c [u32], Option<u32>, &'c [u32], bool, usize);

/// CPython's `parse_field`: from just after a `{`, the field name, conversion and spec, and
/// where the text resumes.
pub(crate) fn parse_field<'c>(vm: &mut Vm, cps: &'c [u32], start: usize) -> PyResult<Field<'c>> {
    let n = cps.len();
    let mut k = start;
    let mut c = 0;
    while k < n {
        c = cps[k];
        k += 1;
        match c {
            0x7B => return Err(vm.value_error("unexpected '{' in field name")),
            0x5B => {
                while k < n && cps[k] != 0x5D {
                    k += 1;
                }
                continue;
            }
            0x7D | 0x3A | 0x21 => break,
            _ => continue,
        }
    }
    let name = &cps[start..k.saturating_sub(1).max(start)];
    if c == 0x21 || c == 0x3A {
        let mut conv = None;
        if c == 0x21 {
            if k >= n {
                return Err(vm.value_error("end of string while looking for conversion specifier"));
            }
            conv = Some(cps[k]);
            k += 1;
            if k < n {
                let c2 = cps[k];
                k += 1;
                if c2 == 0x7D {
                    return Ok((name, conv, &[], false, k));
                }
                if c2 != 0x3A {
                    return Err(vm.value_error("expected ':' after conversion specifier"));
                }
            }
        }
        let spec_start = k;
        let mut count = 1;
        let mut expand = false;
        while k < n {
            let c3 = cps[k];
            k += 1;
            if c3 == 0x7B {
                expand = true;
                count += 1;
            } else if c3 == 0x7D {
                count -= 1;
                if count == 0 {
                    return Ok((name, conv, &cps[spec_start..k - 1], expand, k));
                }
            }
        }
        return Err(vm.value_error("unmatched '{' in format spec"));
    }
    if c != 0x7D {
        return Err(vm.value_error("expected '}' before end of string"));
    }
    Ok((name, None, &[], false, k))
}

#[allow(clippy::too_many_arguments)]
fn render_field(
    vm: &mut Vm,
    name: &[u32],
    conv: Option<u32>,
    spec: &[u32],
    expand: bool,
    st: &mut Fmt<'_>,
    depth: i32,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    let obj = resolve_field(vm, name, st)?;
    let obj = match conv {
        None => obj,
        Some(0x72) => vm.repr(&obj)?,
        Some(0x73) => vm.str(&obj)?,
        Some(0x61) => vm.ascii(&obj)?,
        Some(c) => {
            let shown = char::from_u32(c).unwrap_or('?');
            return Err(if c > 32 && c < 127 {
                vm.value_error(format!("Unknown conversion specifier {shown}"))
            } else {
                vm.value_error(format!("Unknown conversion specifier \\x{c:x}"))
            });
        }
    };
    let spec_val = if expand {
        let mut sb = Vec::new();
        render(vm, spec, st, depth - 1, &mut sb)?;
        vm.new_pystr(PyStr::from_wtf8(sb))
    } else {
        vm.new_pystr(PyStr::from_code_points(spec.iter().copied()))
    };
    let r = vm.format(&obj, Some(&spec_val))?;
    if let Some(s) = as_pystr(&r) {
        out.extend_from_slice(s.wtf8());
    }
    Ok(())
}

fn resolve_field(vm: &mut Vm, name: &[u32], st: &mut Fmt<'_>) -> PyResult<Value> {
    // First part: up to '.' or '['.
    let first_end = name
        .iter()
        .position(|&c| c == 0x2E || c == 0x5B)
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let mut obj = if first.is_empty() {
        if st.mode == 2 {
            return Err(vm.value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        st.mode = 1;
        let idx = st.next_auto;
        st.next_auto += 1;
        positional(vm, st, idx)?
    } else if all_digits(first) {
        let Some(idx) = parse_usize(first) else {
            return Err(vm.value_error("Too many decimal digits in format string"));
        };
        if st.mode == 1 {
            return Err(vm.value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        st.mode = 2;
        positional(vm, st, idx)?
    } else {
        let key = vm.new_pystr(PyStr::from_code_points(first.iter().copied()));
        match st.kw {
            Kw::List(items) => {
                let text = cps_text(first);
                let found = items
                    .iter()
                    .find(|(k, _)| as_pystr(k).is_some_and(|s| s.as_str() == text))
                    .map(|(_, v)| v.clone());
                match found {
                    Some(v) => v,
                    None => return Err(vm.key_error(key)),
                }
            }
            Kw::Mapping(m) => {
                let m = m.clone();
                vm.getitem(&m, &key)?
            }
        }
    };
    // The rest: .attr and [key] parts.
    let mut i = first_end;
    let n = name.len();
    while i < n {
        let c = name[i];
        i += 1;
        if c == 0x2E {
            let s = i;
            while i < n && name[i] != 0x2E && name[i] != 0x5B {
                i += 1;
            }
            if s == i {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let attr = vm.new_pystr(PyStr::from_code_points(name[s..i].iter().copied()));
            let Some(a) = attr.as_obj().cloned() else {
                continue;
            };
            obj = vm.getattr(&obj, &a)?;
        } else if c == 0x5B {
            let s = i;
            while i < n && name[i] != 0x5D {
                i += 1;
            }
            if i >= n {
                return Err(vm.value_error("Missing ']' in format string"));
            }
            let keycps = &name[s..i];
            i += 1;
            if keycps.is_empty() {
                return Err(vm.value_error("Empty attribute in format string"));
            }
            let key = if all_digits(keycps) {
                match parse_usize(keycps) {
                    Some(k) => Value::Int(k as i64),
                    None => {
                        return Err(vm.value_error("Too many decimal digits in format string"));
                    }
                }
            } else {
                vm.new_pystr(PyStr::from_code_points(keycps.iter().copied()))
            };
            obj = vm.getitem(&obj, &key)?;
            if i < n && name[i] != 0x2E && name[i] != 0x5B {
                return Err(
                    vm.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        } else {
            return Err(vm.value_error("Only '.' or '[' may follow ']' in format field specifier"));
        }
    }
    Ok(obj)
}

fn positional(vm: &mut Vm, st: &Fmt<'_>, idx: usize) -> PyResult<Value> {
    if let Kw::Mapping(_) = st.kw {
        return Err(vm.value_error("Format string contains positional fields"));
    }
    match st.args.get(idx) {
        Some(v) => Ok(v.clone()),
        None => Err(vm.index_error(format!(
            "Replacement index {idx} out of range for positional args tuple"
        ))),
    }
}

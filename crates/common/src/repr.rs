//! `repr()` of the basic immutable values, as CPython 3.11 writes it.

use alloc::format;
use alloc::string::String;

/// `repr(float)`: the shortest string that round-trips (`Objects/floatobject.c: float_repr`,
/// `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL)`).
pub fn float_repr(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if x == 0.0 {
        return if x.is_sign_negative() {
            "-0.0".into()
        } else {
            "0.0".into()
        };
    }
    // Rust's `{:e}` gives the shortest round-tripping digits: "d.ddddde<exp>".
    let sci = format!("{:e}", x);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (neg, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    // CPython uses fixed notation when -4 <= exponent < 16.
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        if point <= 0 {
            out.push_str("0.");
            for _ in 0..(-point) {
                out.push('0');
            }
            out.push_str(&digits);
        } else {
            let point = point as usize;
            if digits.len() <= point {
                out.push_str(&digits);
                for _ in digits.len()..point {
                    out.push('0');
                }
                out.push_str(".0");
            } else {
                out.push_str(&digits[..point]);
                out.push('.');
                out.push_str(&digits[point..]);
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        out.push_str(&format!("{:02}", exp.unsigned_abs()));
    }
    out
}

/// `repr(complex)` (`Objects/complexobject.c: complex_repr`).
pub fn complex_repr(re: f64, im: f64) -> String {
    let part = |x: f64| {
        let s = float_repr(x);
        // Components that are integers are written without ".0".
        match s.strip_suffix(".0") {
            Some(t) => String::from(t),
            None => s,
        }
    };
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", part(im));
    }
    let imag = part(im);
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{}{}j)", part(re), sign, imag)
}

/// Whether a code point is printable in the sense of `str.isprintable()`.
///
/// Approximation for now: control characters, surrogates, unassigned-looking and separator
/// characters are treated as non-printable. Replaced by the Unicode 14 tables.
pub fn is_printable(cp: u32) -> bool {
    match char::from_u32(cp) {
        None => false,
        Some(' ') => true,
        Some(c) => {
            !(c.is_control() || c.is_whitespace() || cp == 0xAD || (0xE000..=0xF8FF).contains(&cp))
        }
    }
}

/// `repr(str)` for a string given as code points (`Objects/unicodeobject.c: unicode_repr`).
pub fn str_repr(s: &[u32]) -> String {
    let has_single = s.contains(&u32::from('\''));
    let has_double = s.contains(&u32::from('"'));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for &cp in s {
        match cp {
            0x5C => out.push_str("\\\\"),
            0x09 => out.push_str("\\t"),
            0x0A => out.push_str("\\n"),
            0x0D => out.push_str("\\r"),
            c if c == u32::from(quote) => {
                out.push('\\');
                out.push(quote);
            }
            c if c < 0x20 || c == 0x7F => out.push_str(&format!("\\x{:02x}", c)),
            c if c < 0x7F => out.push(char::from_u32(c).unwrap_or('?')),
            c if is_printable(c) => out.push(char::from_u32(c).unwrap_or('?')),
            c if c <= 0xFF => out.push_str(&format!("\\x{:02x}", c)),
            c if c <= 0xFFFF => out.push_str(&format!("\\u{:04x}", c)),
            c => out.push_str(&format!("\\U{:08x}", c)),
        }
    }
    out.push(quote);
    out
}

/// `repr(bytes)` (`Objects/bytesobject.c: PyBytes_Repr`), e.g. `b'a\x00'`.
pub fn bytes_repr(b: &[u8]) -> String {
    bytes_repr_with_prefix(b, "b")
}

/// `repr` of bytes-like contents with a given prefix; `bytearray` uses `bytearray(b'..')`
/// around the same body.
pub fn bytes_repr_with_prefix(b: &[u8], prefix: &str) -> String {
    let has_single = b.contains(&b'\'');
    let has_double = b.contains(&b'"');
    let quote = if has_single && !has_double {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push_str(prefix);
    out.push(quote as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7E => out.push(c as char),
            c => out.push_str(&format!("\\x{:02x}", c)),
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1e15), "1000000000000000.0");
        assert_eq!(float_repr(0.0001), "0.0001");
        assert_eq!(float_repr(0.00001), "1e-05");
        assert_eq!(float_repr(-2.5e-300), "-2.5e-300");
        assert_eq!(float_repr(123.456), "123.456");
        assert_eq!(
            float_repr(1.7976931348623157e308),
            "1.7976931348623157e+308"
        );
    }

    #[test]
    fn strings() {
        let s: alloc::vec::Vec<u32> = "it's".chars().map(u32::from).collect();
        assert_eq!(str_repr(&s), "\"it's\"");
        assert_eq!(str_repr(&[0x61, 0x0A, 0xD800]), "'a\\n\\ud800'");
        assert_eq!(bytes_repr(b"a'\x00"), "b\"a'\\x00\"");
    }
}

//! `repr()` of the basic immutable values, as CPython 3.11 writes it.

use alloc::format;
use alloc::string::String;

use crate::float_format::{FloatFlags, format_float};

/// `repr(float)`: the shortest string that round-trips (`Objects/floatobject.c: float_repr`,
/// `PyOS_double_to_string(x, 'r', 0, Py_DTSF_ADD_DOT_0, NULL)`).
pub fn float_repr(x: f64) -> String {
    let flags = FloatFlags {
        add_dot_0: true,
        ..FloatFlags::default()
    };
    format_float(x, 'r', 0, flags)
}

/// `repr(complex)` (`Objects/complexobject.c: complex_repr`): the imaginary part alone when
/// the real part is +0.0, else both in parentheses; parts never get a ".0".
pub fn complex_repr(re: f64, im: f64) -> String {
    let plain = FloatFlags::default();
    if re == 0.0 && re.is_sign_positive() {
        return format!("{}j", format_float(im, 'r', 0, plain));
    }
    let signed = FloatFlags {
        sign: true,
        ..plain
    };
    format!(
        "({}{}j)",
        format_float(re, 'r', 0, plain),
        format_float(im, 'r', 0, signed)
    )
}

/// Whether a code point is printable in the sense of `str.isprintable()` (Unicode 14 tables).
pub fn is_printable(cp: u32) -> bool {
    crate::unicode::is_printable(cp)
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
        assert_eq!(float_repr(-0.0), "-0.0");
        assert_eq!(float_repr(-f64::NAN), "nan");
        assert_eq!(float_repr(f64::NEG_INFINITY), "-inf");
        // python3 -c 'print(repr(2e16+8))'
        assert_eq!(float_repr(2e16 + 8.0), "2.000000000000001e+16");
    }

    /// `python3 -c 'nan=float("nan"); inf=float("inf"); [print(repr(c)) for c in
    ///   [complex(1,2), complex(0,1), ...]]'`
    #[test]
    fn complexes() {
        let nan = f64::NAN;
        let inf = f64::INFINITY;
        let table = [
            (1.0, 2.0, "(1+2j)"),
            (0.0, 1.0, "1j"),
            (-0.0, 1.0, "(-0+1j)"),
            (0.0, -0.0, "-0j"),
            (1.0, nan, "(1+nanj)"),
            (1.0, -nan, "(1+nanj)"),
            (nan, nan, "(nan+nanj)"),
            (-inf, inf, "(-inf+infj)"),
            (1e16, 1e-05, "(1e+16+1e-05j)"),
            (0.1, -2.5, "(0.1-2.5j)"),
            (0.0, 0.0, "0j"),
            (-0.0, -0.0, "(-0-0j)"),
        ];
        for (re, im, want) in table {
            assert_eq!(complex_repr(re, im), want);
        }
    }

    /// `python3 -c 'for c in [0x41, 0x27, ...]: print(repr(chr(c)))'`, and `repr("a'b\"c")`.
    #[test]
    fn one_char_strings() {
        let table: &[(u32, &str)] = &[
            (0x41, "'A'"),
            (0x27, "\u{22}'\u{22}"),
            (0x22, "'\u{22}'"),
            (0x5c, "'\u{5c}\u{5c}'"),
            (0x7f, "'\u{5c}x7f'"),
            (0x80, "'\u{5c}x80'"),
            (0xa0, "'\u{5c}xa0'"),
            (0xad, "'\u{5c}xad'"),
            (0xe9, "'\u{e9}'"),
            (0x300, "'\u{300}'"),
            (0x378, "'\u{5c}u0378'"),
            (0x85, "'\u{5c}x85'"),
            (0x2028, "'\u{5c}u2028'"),
            (0x200b, "'\u{5c}u200b'"),
            (0x3000, "'\u{5c}u3000'"),
            (0xd800, "'\u{5c}ud800'"),
            (0xdfff, "'\u{5c}udfff'"),
            (0xe000, "'\u{5c}ue000'"),
            (0xfeff, "'\u{5c}ufeff'"),
            (0xfffd, "'\u{fffd}'"),
            (0xffff, "'\u{5c}uffff'"),
            (0x1f600, "'\u{1f600}'"),
            (0xe0001, "'\u{5c}U000e0001'"),
            (0x10ffff, "'\u{5c}U0010ffff'"),
            (0x1d400, "'\u{1d400}'"),
            (0x20, "' '"),
            (0x9, "'\u{5c}t'"),
            (0x0, "'\u{5c}x00'"),
            (0xa, "'\u{5c}n'"),
            (0xd, "'\u{5c}r'"),
        ];
        for &(cp, want) in table {
            assert_eq!(str_repr(&[cp]), want, "U+{cp:04X}");
        }
        let s: alloc::vec::Vec<u32> = "a'b\"c".chars().map(u32::from).collect();
        assert_eq!(str_repr(&s), "'a\\'b\"c'");
    }

    #[test]
    fn strings() {
        let s: alloc::vec::Vec<u32> = "it's".chars().map(u32::from).collect();
        assert_eq!(str_repr(&s), "\"it's\"");
        assert_eq!(str_repr(&[0x61, 0x0A, 0xD800]), "'a\\n\\ud800'");
        assert_eq!(bytes_repr(b"a'\x00"), "b\"a'\\x00\"");
    }
}

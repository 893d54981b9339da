//! `int(str, base)` and the `bin`/`oct`/`hex` spellings of ints, as CPython 3.11 does them
//! (`Objects/longobject.c: PyLong_FromString`, `long_format_binary`).
//!
//! The grammar of `int(s, base)`, after surrounding whitespace is stripped:
//! `[sign] [prefix ["_"]] digit (["_"] digit)*`, where the prefix (`0x`, `0o`, `0b`, any case)
//! is only recognised when it names `base` (or `base` is 0, which then takes its base from
//! the prefix and is 10 without one). In base 0 a number without a prefix may not start with
//! `0` unless it is all zeros (`"010"` is an error, `"0_0"` is 0), as for literals in source.
//! The digit-count limit of `sys.set_int_max_str_digits` is the VM's concern.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use num_bigint::{BigInt, Sign};
use num_traits::Zero;

use crate::exc::ExceptionKind;

/// Why `int(str, base)` failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseIntError {
    /// `ValueError: invalid literal for int() with base <base>: <repr>`; the caller supplies the
    /// repr through [`ParseIntError::message`].
    InvalidLiteral {
        /// The base as passed, 0 included.
        base: u32,
    },
    /// `ValueError: int() base must be >= 2 and <= 36, or 0`.
    InvalidBase,
}

impl ParseIntError {
    /// The Python exception this error becomes.
    pub fn kind(self) -> ExceptionKind {
        ExceptionKind::ValueError
    }

    /// CPython's full message, given `repr()` of the string that was parsed. Like CPython's
    /// `%.200R`, the repr is cut to 200 characters.
    pub fn message(self, repr: &str) -> String {
        match self {
            ParseIntError::InvalidLiteral { base } => {
                let cut: String = repr.chars().take(200).collect();
                alloc::format!("invalid literal for int() with base {base}: {cut}")
            }
            ParseIntError::InvalidBase => alloc::format!("{self}"),
        }
    }
}

impl fmt::Display for ParseIntError {
    /// The message without the offending string (which only the caller can `repr`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseIntError::InvalidLiteral { base } => {
                write!(f, "invalid literal for int() with base {base}")
            }
            ParseIntError::InvalidBase => f.write_str("int() base must be >= 2 and <= 36, or 0"),
        }
    }
}

/// `int(s, base)` for `base` 0 or 2..=36.
///
/// Non-ASCII decimal digits, which CPython accepts, must first be mapped to ASCII with
/// [`crate::float_format::transform_decimal_and_space`].
pub fn parse_int(s: &str, base: u32) -> Result<BigInt, ParseIntError> {
    let (negative, digits, radix) = parse_int_digits(s, base)?;
    let magnitude =
        BigInt::parse_bytes(&digits, radix).ok_or(ParseIntError::InvalidLiteral { base })?;
    Ok(if negative { -magnitude } else { magnitude })
}

/// The checked parts of an `int()` literal, before any conversion (which can be long): the
/// sign, the digits without underscores, and their radix.
pub fn parse_int_digits(s: &str, base: u32) -> Result<(bool, Vec<u8>, u32), ParseIntError> {
    if base == 1 || base > 36 {
        return Err(ParseIntError::InvalidBase);
    }
    let invalid = ParseIntError::InvalidLiteral { base };
    let s = s
        .trim_matches(crate::float_format::is_strip_space)
        .as_bytes();
    let (negative, s) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let prefix_base = match s {
        [b'0', p, ..] => match p.to_ascii_lowercase() {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        },
        _ => 0,
    };
    let (radix, body, zeros_only) = if prefix_base != 0 && (base == 0 || base == prefix_base) {
        // One underscore may follow the prefix: `0x_ff`.
        let rest = &s[2..];
        (prefix_base, rest.strip_prefix(b"_").unwrap_or(rest), false)
    } else if base == 0 {
        (10, s, s.first() == Some(&b'0'))
    } else {
        (base, s, false)
    };
    let digits = collect_digits(body, radix).ok_or(invalid)?;
    if zeros_only && digits.iter().any(|&d| d != b'0') {
        return Err(invalid);
    }
    Ok((negative, digits, radix))
}

/// The digits of `body` without underscores, if it is `digit (["_"] digit)*` in `radix`.
fn collect_digits(body: &[u8], radix: u32) -> Option<Vec<u8>> {
    let mut digits = Vec::with_capacity(body.len());
    let mut after_digit = false;
    for &b in body {
        if b == b'_' {
            if !after_digit {
                return None;
            }
            after_digit = false;
            continue;
        }
        char::from(b).to_digit(radix)?;
        digits.push(b);
        after_digit = true;
    }
    after_digit.then_some(digits)
}

/// `v` written in `radix` (2..=36, lower-case digits), with a minus sign when negative and, if
/// `prefix` is set and `radix` is 2, 8 or 16, the `0b`/`0o`/`0x` prefix of `bin`/`oct`/`hex`
/// after the sign: `hex(-255) == '-0xff'`.
pub fn int_to_radix(v: &BigInt, radix: u32, prefix: bool) -> String {
    let radix = radix.clamp(2, 36);
    let digits = v.magnitude().to_str_radix(radix);
    let mut out = String::with_capacity(digits.len() + 3);
    if v.sign() == Sign::Minus && !v.is_zero() {
        out.push('-');
    }
    if prefix {
        out.push_str(match radix {
            2 => "0b",
            8 => "0o",
            16 => "0x",
            _ => "",
        });
    }
    out.push_str(&digits);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    mod tables {
        include!("testdata/int_table.rs");
    }

    #[test]
    fn parse_table() {
        for &(s, base, expected) in tables::PARSE_TABLE {
            let s = crate::float_format::transform_decimal_and_space(s);
            let got = parse_int(&s, base).map(|v| v.to_string());
            match expected {
                Some(want) => assert_eq!(got.as_deref(), Ok(want), "int({s:?}, {base})"),
                None => assert_eq!(
                    got,
                    Err(ParseIntError::InvalidLiteral { base }),
                    "int({s:?}, {base})"
                ),
            }
        }
    }

    #[test]
    fn radix_table() {
        for &(n, b, o, h, z) in tables::RADIX_TABLE {
            let v = parse_int(n, 10).unwrap();
            assert_eq!(int_to_radix(&v, 2, true), b);
            assert_eq!(int_to_radix(&v, 8, true), o);
            assert_eq!(int_to_radix(&v, 16, true), h);
            assert_eq!(int_to_radix(&v, 36, false), z);
            assert_eq!(int_to_radix(&v, 10, false), n);
            assert_eq!(parse_int(h, 0).unwrap(), v);
            assert_eq!(parse_int(b, 2).unwrap(), v);
        }
    }

    /// `python3 -c 'int("0", 37)'`, `int("1"*300, 10)` error text, `bin(0)`, `hex(0)`.
    #[test]
    fn messages_and_zero() {
        assert_eq!(parse_int("0", 37), Err(ParseIntError::InvalidBase));
        assert_eq!(parse_int("0", 1), Err(ParseIntError::InvalidBase));
        assert_eq!(
            ParseIntError::InvalidBase.message("'0'"),
            "int() base must be >= 2 and <= 36, or 0"
        );
        assert_eq!(
            ParseIntError::InvalidLiteral { base: 0 }.message("'010'"),
            "invalid literal for int() with base 0: '010'"
        );
        let long = alloc::format!("'{}'", "x".repeat(300));
        let msg = ParseIntError::InvalidLiteral { base: 10 }.message(&long);
        assert_eq!(
            msg.len(),
            "invalid literal for int() with base 10: ".len() + 200
        );
        assert_eq!(int_to_radix(&BigInt::zero(), 2, true), "0b0");
        assert_eq!(int_to_radix(&BigInt::zero(), 16, true), "0x0");
    }
}

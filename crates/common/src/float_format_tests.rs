//! Tables produced by CPython 3.11 (see `testdata/gen_float_*.py`).

use super::*;
use alloc::string::ToString;

mod format_table {
    include!("testdata/float_format_table.rs");
}
mod parse_tables {
    include!("testdata/float_parse_table.rs");
}
use format_table::FORMAT_TABLE;
use parse_tables::{FROMHEX_TABLE, HEX_TABLE, PARSE_TABLE, RATIO_TABLE, ROUND_TABLE};

fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn format_table() {
    let mut failures = Vec::new();
    for &(bits, code, precision, f, expected) in FORMAT_TABLE {
        let flags = FloatFlags {
            sign: f & 1 != 0,
            add_dot_0: f & 2 != 0,
            alt: f & 4 != 0,
            no_neg_0: f & 8 != 0,
        };
        let x = f64::from_bits(bits);
        let got = format_float(x, code, precision, flags);
        if got != expected {
            failures.push(format!(
                "{x:?} {code} .{precision} flags {f}: got {got}, want {expected}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn format_examples() {
    // python3 -c 'print("%.0e" % 0.5, "%.0f" % 0.5, "%.0f" % 2.5, "%.1f" % 0.25, "%#.0f" % 1.0,
    //   "%#.0e" % 1.0, "%#g" % 1.0, "%g" % 1e-5, "%+f" % float("nan"), "%E" % float("inf"))'
    let none = FloatFlags::default();
    let alt = FloatFlags { alt: true, ..none };
    assert_eq!(format_float(0.5, 'e', 0, none), "5e-01");
    assert_eq!(format_float(0.5, 'f', 0, none), "0");
    assert_eq!(format_float(2.5, 'f', 0, none), "2");
    assert_eq!(format_float(0.25, 'f', 1, none), "0.2");
    assert_eq!(format_float(1.0, 'f', 0, alt), "1.");
    assert_eq!(format_float(1.0, 'e', 0, alt), "1.e+00");
    assert_eq!(format_float(1.0, 'g', 6, alt), "1.00000");
    assert_eq!(format_float(1e-5, 'g', 6, none), "1e-05");
    assert_eq!(
        format_float(-f64::NAN, 'f', 6, FloatFlags { sign: true, ..none }),
        "+nan"
    );
    assert_eq!(format_float(f64::INFINITY, 'E', 6, none), "INF");
    // Precisions beyond what Rust's formatter takes directly: python3 -c 'print(len("%.70000f" % 0.1))'
    assert_eq!(format_float(0.1, 'f', 70000, none).len(), 70002);
    assert_eq!(format_float(0.1, 'e', 70000, none).len(), 70006);
}

#[test]
fn parse_table() {
    for &(s, expected) in PARSE_TABLE {
        let got = parse_float(&transform_decimal_and_space(s));
        match expected {
            None => assert_eq!(got, None, "{s:?}"),
            Some(bits) => {
                let want = f64::from_bits(bits);
                assert!(
                    got.is_some_and(|g| same(g, want)),
                    "{s:?}: got {got:?}, want {want:?}"
                );
            }
        }
    }
}

#[test]
fn fromhex_table() {
    for &(s, expected) in FROMHEX_TABLE {
        let got = float_from_hex(s);
        match expected {
            Ok(bits) => {
                let want = f64::from_bits(bits);
                assert!(
                    got.is_ok_and(|g| same(g, want)),
                    "{s:?}: got {got:?}, want {want:?}"
                );
            }
            Err(0) => assert_eq!(got, Err(FloatFromHexError::Invalid), "{s:?}"),
            Err(_) => assert_eq!(got, Err(FloatFromHexError::Overflow), "{s:?}"),
        }
    }
}

#[test]
fn hex_table() {
    for &(bits, expected) in HEX_TABLE {
        let x = f64::from_bits(bits);
        assert_eq!(float_to_hex(x), expected);
        assert!(same(float_from_hex(expected).unwrap(), x), "{expected}");
    }
}

#[test]
fn round_table() {
    for &(bits, n, expected) in ROUND_TABLE {
        let x = f64::from_bits(bits);
        let got = round_float(x, n);
        match expected {
            Some(b) => assert!(same(got, f64::from_bits(b)), "round({x:?}, {n}) = {got:?}"),
            None => assert!(
                got.is_infinite(),
                "round({x:?}, {n}) = {got:?} should overflow"
            ),
        }
    }
}

#[test]
fn ratio_table() {
    for &(bits, n, d) in RATIO_TABLE {
        let (num, den) = float_as_integer_ratio(f64::from_bits(bits)).unwrap();
        assert_eq!((num.to_string().as_str(), den.to_string().as_str()), (n, d));
    }
    assert_eq!(
        float_as_integer_ratio(f64::INFINITY),
        Err(NonFiniteError::Infinity)
    );
    assert_eq!(float_as_integer_ratio(f64::NAN), Err(NonFiniteError::NaN));
    assert_eq!(
        NonFiniteError::NaN.to_string(),
        "cannot convert NaN to integer ratio"
    );
}

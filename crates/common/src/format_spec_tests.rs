//! Tables produced by CPython 3.11 (see `testdata/gen_format_spec.py`).

use super::*;
use alloc::format;

mod tables {
    include!("testdata/format_spec_table.rs");
}

/// The result as the tables spell it: the text, or `<Exception>: <message>`.
fn spelled(r: Result<String, FormatError>) -> Result<String, String> {
    r.map_err(|e| {
        let kind = match e.kind() {
            ExceptionKind::ValueError => "ValueError",
            ExceptionKind::OverflowError => "OverflowError",
            ExceptionKind::TypeError => "TypeError",
        };
        format!("{kind}: {e}")
    })
}

fn check<T: core::fmt::Debug>(
    rows: &[(T, &str, Result<&str, &str>)],
    default_type: char,
    type_name: &str,
    format_one: impl Fn(&T, &FormatSpec) -> Result<String, FormatError>,
) {
    let mut failures = Vec::new();
    for (v, spec, want) in rows {
        let got = spelled(
            parse_format_spec(spec, default_type, type_name).and_then(|s| format_one(v, &s)),
        );
        let want = want.map(String::from).map_err(String::from);
        if got != want {
            failures.push(format!(
                "format({v:?}, {spec:?}): got {got:?}, want {want:?}"
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
fn int_table() {
    check(tables::INT_TABLE, 'd', "int", |v, s| {
        let v = BigInt::parse_bytes(v.as_bytes(), 10).unwrap();
        format_int(&v, s, "int")
    });
}

#[test]
fn float_table() {
    check(tables::FLOAT_TABLE, '\0', "float", |&b, s| {
        format_float(f64::from_bits(b), s, "float")
    });
}

#[test]
fn complex_table() {
    let rows: Vec<((u64, u64), &str, Result<&str, &str>)> = tables::COMPLEX_TABLE
        .iter()
        .map(|&(re, im, s, r)| ((re, im), s, r))
        .collect();
    check(&rows, '\0', "complex", |&(re, im), s| {
        format_complex(f64::from_bits(re), f64::from_bits(im), s, "complex")
    });
}

#[test]
fn str_table() {
    check(tables::STR_TABLE, 's', "str", |v, s| {
        format_str(v, s, "str")
    });
}

#[test]
fn unicode_digits_and_surrogates() {
    // python3 -c 'print(repr(format(1.5, "\u0661\u0662.\u0662f")))' -> '        1.50'
    let arabic = |c: char| match u32::from(c) {
        d @ 0x660..=0x669 => Some(d - 0x660),
        _ => c.to_digit(10),
    };
    let spec = parse_format_spec_with("\u{661}\u{662}.\u{662}f", '\0', "float", arabic).unwrap();
    assert_eq!(format_float(1.5, &spec, "float").unwrap(), "        1.50");
    let spec = parse_format_spec("c", 'd', "int").unwrap();
    assert_eq!(
        format_int(&BigInt::from(0xd800), &spec, "int"),
        Err(FormatError::SurrogateChar(0xd800))
    );
}

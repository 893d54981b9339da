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
    let spec = parse_format_spec("\u{661}\u{662}.\u{662}f", '\0', "float").unwrap();
    assert_eq!(format_float(1.5, &spec, "float").unwrap(), "        1.50");
    let spec = parse_format_spec("c", 'd', "int").unwrap();
    assert_eq!(
        format_int(&BigInt::from(0xd800), &spec, "int"),
        Err(FormatError::SurrogateChar(0xd800))
    );
}

/// Random specs and values never panic (they may fail with errors).
#[test]
fn no_panics_on_random_specs() {
    let alphabet: Vec<char> = "<>=^+- z#0123456789,_.%bcdeEfFgGnosxX\0€".chars().collect();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let floats = [
        0.0,
        -0.0,
        1.5,
        -1e300,
        5e-324,
        f64::NAN,
        f64::INFINITY,
        123456.789,
    ];
    for _ in 0..20_000 {
        let len = next() % 8;
        let spec: String = (0..len)
            .map(|_| alphabet[next() % alphabet.len()])
            .collect();
        // Keep widths and precisions small enough to run fast.
        if spec.chars().filter(char::is_ascii_digit).count() > 3 {
            continue;
        }
        let x = floats[next() % floats.len()];
        if let Ok(s) = parse_format_spec(&spec, '\0', "float") {
            let _ = format_float(x, &s, "float");
            let _ = format_complex(x, -x, &s, "complex");
        }
        if let Ok(s) = parse_format_spec(&spec, 'd', "int") {
            let _ = format_int(&BigInt::from(next() as i64 - (1 << 30)), &s, "int");
        }
        if let Ok(s) = parse_format_spec(&spec, 's', "str") {
            let _ = format_str("h€llo", &s, "str");
        }
        let _ = crate::float_format::parse_float(&spec);
        let _ = crate::float_format::float_from_hex(&spec);
        let _ = crate::int_format::parse_int(&spec, (next() % 37) as u32);
    }
}

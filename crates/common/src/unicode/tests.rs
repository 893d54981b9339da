//! Exhaustive checks: every property over every code point, hashed the way
//! `tools/gen_unicode_tables.py` hashes what CPython says, must give the generator's checksum.
//! Spot tables (values pasted from CPython 3.11) say what is wrong when a checksum does not match.

use alloc::vec::Vec;

use super::tables::checksums;
use super::*;

#[rustfmt::skip]
mod spot;

struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn byte(&mut self, b: u8) {
        self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }

    fn u32(&mut self, v: u32) {
        v.to_le_bytes().into_iter().for_each(|b| self.byte(b));
    }

    fn u64(&mut self, v: u64) {
        v.to_le_bytes().into_iter().for_each(|b| self.byte(b));
    }

    fn text(&mut self, s: &str) {
        s.bytes().for_each(|b| self.byte(b));
        self.byte(0xFF);
    }

    fn cps(&mut self, cps: &[u32]) {
        self.u32(cps.len() as u32);
        cps.iter().for_each(|&c| self.u32(c));
    }
}

fn checksum(feed: impl Fn(&mut Fnv, u32)) -> u64 {
    let mut h = Fnv::new();
    for cp in 0..=MAX_CODE_POINT {
        feed(&mut h, cp);
    }
    h.0
}

#[test]
fn flags_match_cpython() {
    // Bit order as the generator's FLAGS.
    let got = checksum(|h, cp| {
        let bits = [
            is_printable(cp),
            is_alpha(cp),
            is_decimal(cp),
            is_digit(cp),
            is_numeric(cp),
            is_space(cp),
            is_lower(cp),
            is_upper(cp),
            is_title(cp),
            is_cased(cp),
            is_case_ignorable(cp),
            is_xid_start(cp),
            is_xid_continue(cp),
            is_linebreak(cp),
            mirrored(cp),
        ];
        let word = bits
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | (u32::from(b) << i));
        h.u32(word);
    });
    assert_eq!(got, checksums::FLAGS);
}

#[test]
fn numeric_values_match_cpython() {
    let got = checksum(|h, cp| {
        h.u32(decimal(cp).unwrap_or(u32::MAX));
        h.u32(digit(cp).unwrap_or(u32::MAX));
        h.u64(numeric(cp).map_or(u64::MAX, f64::to_bits));
    });
    assert_eq!(got, checksums::NUMERIC);
}

#[test]
fn case_mappings_match_cpython() {
    let got = checksum(|h, cp| {
        for mapping in [to_lower(cp), to_upper(cp), to_title(cp), casefold(cp)] {
            h.cps(mapping.as_slice());
        }
    });
    assert_eq!(got, checksums::CASE);
}

#[test]
fn database_matches_cpython() {
    let got = checksum(|h, cp| {
        h.text(category(cp));
        h.text(bidirectional(cp));
        h.text(east_asian_width(cp));
        h.u32(u32::from(combining(cp)));
        h.u32(u32::from(mirrored(cp)));
    });
    assert_eq!(got, checksums::DATABASE);
}

#[test]
fn decompositions_match_cpython() {
    let got = checksum(|h, cp| h.text(decomposition(cp)));
    assert_eq!(got, checksums::DECOMPOSITION);
}

#[test]
fn single_character_normalization_matches_cpython() {
    let got = checksum(|h, cp| {
        for form in [
            NormalForm::Nfc,
            NormalForm::Nfd,
            NormalForm::Nfkc,
            NormalForm::Nfkd,
        ] {
            h.cps(&normalize(form, &[cp]));
        }
    });
    assert_eq!(got, checksums::NORMALIZE);
}

#[test]
fn ucd_3_2_0_matches_cpython() {
    use super::ucd_3_2_0 as old;
    let got = checksum(|h, cp| {
        h.text(old::category(cp));
        h.text(old::bidirectional(cp));
        h.text(old::east_asian_width(cp));
        h.u32(u32::from(old::combining(cp)));
        h.u32(u32::from(old::mirrored(cp)));
        h.text(old::decomposition(cp));
        h.u32(old::decimal(cp).unwrap_or(u32::MAX));
        h.u32(old::digit(cp).unwrap_or(u32::MAX));
        h.u64(old::numeric(cp).map_or(u64::MAX, f64::to_bits));
    });
    assert_eq!(got, checksums::OLD_DATABASE);
    let got = checksum(|h, cp| {
        for form in [
            NormalForm::Nfc,
            NormalForm::Nfd,
            NormalForm::Nfkc,
            NormalForm::Nfkd,
        ] {
            h.cps(&old::normalize(form, &[cp]));
        }
    });
    assert_eq!(got, checksums::OLD_NORMALIZE);
}

#[test]
fn beyond_the_range_is_unassigned() {
    for cp in [0x110000, 0x7FFF_FFFF, u32::MAX] {
        assert_eq!(category(cp), "Cn");
        assert_eq!(bidirectional(cp), "");
        assert_eq!(east_asian_width(cp), "F");
        assert_eq!(combining(cp), 0);
        assert_eq!(decomposition(cp), "");
        assert!(!is_printable(cp) && !is_alnum(cp) && !is_space(cp));
        assert_eq!(to_lower(cp).as_slice(), &[cp]);
        assert_eq!(to_upper(cp).as_slice(), &[cp]);
        assert_eq!(numeric(cp), None);
        let s: Vec<u32> = [0x41, cp, 0x301].into();
        assert_eq!(normalize(NormalForm::Nfc, &s), s);
    }
}

#[test]
fn version() {
    assert_eq!(UNIDATA_VERSION, "14.0.0");
}

fn flag_names(cp: u32) -> Vec<&'static str> {
    let all: [(&str, fn(u32) -> bool); 14] = [
        ("printable", is_printable),
        ("alpha", is_alpha),
        ("decimal", is_decimal),
        ("digit", is_digit),
        ("numeric", is_numeric),
        ("space", is_space),
        ("lower", is_lower),
        ("upper", is_upper),
        ("title", is_title),
        ("cased", is_cased),
        ("case_ignorable", is_case_ignorable),
        ("xid_start", is_xid_start),
        ("xid_continue", is_xid_continue),
        ("linebreak", is_linebreak),
    ];
    all.iter().filter(|(_, f)| f(cp)).map(|(n, _)| *n).collect()
}

#[test]
fn spot_characters() {
    for c in &spot::CHARS {
        let cp = c.cp;
        assert_eq!(category(cp), c.category, "category of {cp:#x}");
        assert_eq!(bidirectional(cp), c.bidi, "bidirectional of {cp:#x}");
        assert_eq!(east_asian_width(cp), c.eaw, "east_asian_width of {cp:#x}");
        assert_eq!(combining(cp), c.combining, "combining of {cp:#x}");
        assert_eq!(mirrored(cp), c.mirrored, "mirrored of {cp:#x}");
        assert_eq!(
            decomposition(cp),
            c.decomposition,
            "decomposition of {cp:#x}"
        );
        assert_eq!(decimal(cp), c.decimal, "decimal of {cp:#x}");
        assert_eq!(digit(cp), c.digit, "digit of {cp:#x}");
        assert_eq!(numeric(cp), c.numeric, "numeric of {cp:#x}");
        let expected: Vec<&str> = c.flags.split_ascii_whitespace().collect();
        assert_eq!(flag_names(cp), expected, "flags of {cp:#x}");
        assert_eq!(
            is_alnum(cp),
            ["alpha", "decimal", "digit", "numeric"]
                .iter()
                .any(|f| expected.contains(f)),
            "isalnum of {cp:#x}"
        );
    }
}

#[test]
fn spot_case_strings() {
    let methods: [(&str, fn(&[u32]) -> Vec<u32>); 6] = [
        ("lower", lower_str),
        ("upper", upper_str),
        ("title", title_str),
        ("capitalize", capitalize_str),
        ("swapcase", swapcase_str),
        ("casefold", casefold_str),
    ];
    for row in &spot::CASE_STRINGS {
        for (i, (name, method)) in methods.iter().enumerate() {
            assert_eq!(method(row[0]), row[i + 1], "{name} of {:x?}", row[0]);
        }
    }
}

#[test]
fn single_character_case_mappings() {
    assert_eq!(to_upper(0xDF).as_slice(), &[0x53, 0x53]); // ß -> SS
    assert_eq!(to_lower(0x130).as_slice(), &[0x69, 0x307]); // İ -> i̇
    assert_eq!(to_title(0x1C6).as_slice(), &[0x1C5]); // ǆ -> ǅ
    assert_eq!(to_upper(0x390).as_slice(), &[0x399, 0x308, 0x301]);
    assert_eq!(casefold(0x1E9E).as_slice(), &[0x73, 0x73]);
    assert_eq!(to_lower(0x3A3).as_slice(), &[0x3C3]);
    assert_eq!(to_upper(0xD800).as_slice(), &[0xD800]);
    assert_eq!(to_upper(0xDF).into_iter().count(), 2);
    assert_eq!(to_upper(0x61).len(), 1);
}

fn chars(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

#[test]
fn spot_normalization() {
    let forms = [
        NormalForm::Nfc,
        NormalForm::Nfd,
        NormalForm::Nfkc,
        NormalForm::Nfkd,
    ];
    for row in &spot::NORMALIZATION {
        let input = chars(row[0]);
        for (i, &form) in forms.iter().enumerate() {
            let expected = chars(row[i + 1]);
            assert_eq!(
                normalize(form, &input),
                expected,
                "{form:?} of {:?}",
                row[0]
            );
            assert_eq!(
                is_normalized(form, &input),
                input == expected,
                "is_normalized({form:?}, {:?})",
                row[0]
            );
            assert!(is_normalized(form, &expected), "{form:?} of {:?}", row[0]);
        }
    }
}

#[test]
fn normal_form_names() {
    assert_eq!(NormalForm::from_name("NFKC"), Some(NormalForm::Nfkc));
    assert_eq!(NormalForm::from_name("nfc"), None);
}

#[test]
fn identifiers() {
    // From CPython 3.11's `str.isidentifier()`.
    let cases: [(&str, bool); 17] = [
        ("", false),
        ("_", true),
        ("_1", true),
        ("a1", true),
        ("1a", false),
        ("\u{2118}x", true),
        ("x\u{b7}", true),
        ("\u{b7}", false),
        ("\u{aa}", true),
        ("a b", false),
        ("\u{660}", false),
        ("x\u{660}", true),
        ("\u{1d400}", true),
        ("a\u{200d}", false),
        ("a\u{2118}", true),
        ("\u{309b}", false),
        ("x\u{309b}", false),
    ];
    for (s, expected) in cases {
        assert_eq!(is_identifier(&chars(s)), expected, "{s:?}.isidentifier()");
    }
}

#[test]
fn ucd_3_2_0_normalization_strings() {
    // (input, NFC, NFD, NFKC, NFKD) from CPython 3.11's `unicodedata.ucd_3_2_0.normalize`:
    // marks unassigned in 3.2.0 are still reordered and composed with today's data.
    let rows: [[&str; 5]; 10] = [
        [
            "a\u{350}\u{316}",
            "a\u{316}\u{350}",
            "a\u{316}\u{350}",
            "a\u{316}\u{350}",
            "a\u{316}\u{350}",
        ],
        [
            "\u{1b05}\u{1b35}",
            "\u{1b06}",
            "\u{1b05}\u{1b35}",
            "\u{1b06}",
            "\u{1b05}\u{1b35}",
        ],
        [
            "\u{2f868}\u{301}",
            "\u{2136a}\u{301}",
            "\u{2136a}\u{301}",
            "\u{2136a}\u{301}",
            "\u{2136a}\u{301}",
        ],
        ["\u{2f874}", "\u{5f33}", "\u{5f33}", "\u{5f33}", "\u{5f33}"],
        ["\u{f951}", "\u{964b}", "\u{964b}", "\u{964b}", "\u{964b}"],
        [
            "A\u{30a}\u{350}",
            "\u{c5}\u{350}",
            "A\u{30a}\u{350}",
            "\u{c5}\u{350}",
            "A\u{30a}\u{350}",
        ],
        [
            "\u{1e9b}\u{323}",
            "\u{1e9b}\u{323}",
            "\u{17f}\u{323}\u{307}",
            "\u{1e69}",
            "s\u{323}\u{307}",
        ],
        ["\u{3f9}", "\u{3f9}", "\u{3f9}", "\u{3f9}", "\u{3f9}"],
        [
            "\u{fb01}\u{2460}",
            "\u{fb01}\u{2460}",
            "\u{fb01}\u{2460}",
            "fi1",
            "fi1",
        ],
        [
            "K\u{212a}\u{c5}",
            "KK\u{c5}",
            "KKA\u{30a}",
            "KK\u{c5}",
            "KKA\u{30a}",
        ],
    ];
    let forms = [
        NormalForm::Nfc,
        NormalForm::Nfd,
        NormalForm::Nfkc,
        NormalForm::Nfkd,
    ];
    for row in &rows {
        for (i, &form) in forms.iter().enumerate() {
            let got = ucd_3_2_0::normalize(form, &chars(row[0]));
            assert_eq!(got, chars(row[i + 1]), "{form:?} of {:?}", row[0]);
        }
    }
    assert_eq!(ucd_3_2_0::category(0x221), "Cn");
    assert_eq!(ucd_3_2_0::category(0xAD), "Pd");
    assert_eq!(ucd_3_2_0::decimal(0xB2), Some(2));
    assert_eq!(ucd_3_2_0::digit(0x7C1), Some(1));
    assert_eq!(ucd_3_2_0::UNIDATA_VERSION, "3.2.0");
}

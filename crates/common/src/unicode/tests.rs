//! Exhaustive checks: every property over every code point, hashed the way
//! `tools/gen_unicode_tables.py` hashes what CPython says, must give the generator's checksum.
//! Spot tables (values pasted from CPython 3.11) say what is wrong when a checksum does not match.

use alloc::vec::Vec;

use super::tables::checksums;
use super::*;

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

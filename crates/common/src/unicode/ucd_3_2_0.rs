//! `unicodedata.ucd_3_2_0`: the Unicode 3.2.0 database CPython keeps for IDNA (`stringprep`,
//! `encodings.idna`). As in CPython it is the current data plus changes: code points unassigned
//! in 3.2.0 answer as unassigned (except `digit`, which CPython does not check), a few hundred
//! characters had another category, bidi class, width, mirroring or decimal value, and five
//! CJK compatibility ideographs decomposed differently.

use alloc::vec::Vec;

use super::normalize::{Database, normalize_in};
use super::{NormalForm, tables};

/// `ucd_3_2_0.unidata_version`.
pub const UNIDATA_VERSION: &str = "3.2.0";

/// Unassigned in Unicode 3.2.0 (or beyond U+10FFFF).
pub(super) fn unassigned(cp: u32) -> bool {
    if cp > super::MAX_CODE_POINT {
        return true;
    }
    let i = tables::OLD_UNASSIGNED.partition_point(|&(_, end)| end < cp);
    tables::OLD_UNASSIGNED
        .get(i)
        .is_some_and(|&(start, _)| start <= cp)
}

/// What `cp` decomposed to in 3.2.0 where that differs from now.
pub(super) fn normalization_change(cp: u32) -> Option<u32> {
    tables::OLD_NORMALIZATION
        .iter()
        .find(|&&(c, _)| c == cp)
        .map(|&(_, to)| to)
}

/// (category, bidi, east asian width, mirrored, decimal) changes; 0xFF: as now.
fn change(cp: u32) -> Option<(u8, u8, u8, u8, u8)> {
    let i = tables::OLD_CHANGES
        .binary_search_by_key(&cp, |&(c, ..)| c)
        .ok()?;
    let (_, category, bidi, eaw, mirrored, decimal) = tables::OLD_CHANGES[i];
    Some((category, bidi, eaw, mirrored, decimal))
}

const SAME: u8 = 0xFF;
const NO_DECIMAL: u8 = 0xFE;

/// `ucd_3_2_0.category`.
pub fn category(cp: u32) -> &'static str {
    if unassigned(cp) {
        return "Cn";
    }
    match change(cp) {
        Some((c, ..)) if c != SAME => tables::CATEGORY_NAMES[usize::from(c)],
        _ => super::category(cp),
    }
}

/// `ucd_3_2_0.bidirectional`.
pub fn bidirectional(cp: u32) -> &'static str {
    if unassigned(cp) {
        return "";
    }
    match change(cp) {
        Some((_, b, ..)) if b != SAME => tables::BIDI_NAMES[usize::from(b)],
        _ => super::bidirectional(cp),
    }
}

/// `ucd_3_2_0.east_asian_width`.
pub fn east_asian_width(cp: u32) -> &'static str {
    if unassigned(cp) {
        return super::east_asian_width(0x110000);
    }
    match change(cp) {
        Some((_, _, w, ..)) if w != SAME => tables::EAW_NAMES[usize::from(w)],
        _ => super::east_asian_width(cp),
    }
}

/// `ucd_3_2_0.mirrored`.
pub fn mirrored(cp: u32) -> bool {
    if unassigned(cp) {
        return false;
    }
    match change(cp) {
        Some((_, _, _, m, _)) if m != SAME => m != 0,
        _ => super::mirrored(cp),
    }
}

/// `ucd_3_2_0.combining`.
pub fn combining(cp: u32) -> u8 {
    if unassigned(cp) {
        0
    } else {
        super::combining(cp)
    }
}

/// `ucd_3_2_0.decomposition`.
pub fn decomposition(cp: u32) -> &'static str {
    if unassigned(cp) {
        ""
    } else {
        super::decomposition(cp)
    }
}

/// `ucd_3_2_0.decimal`.
pub fn decimal(cp: u32) -> Option<u32> {
    if unassigned(cp) {
        return None;
    }
    match change(cp) {
        Some((.., NO_DECIMAL)) => None,
        Some((.., d)) if d != SAME => Some(u32::from(d)),
        _ => super::decimal(cp),
    }
}

/// `ucd_3_2_0.digit`: CPython answers from the current data even for characters unassigned in
/// 3.2.0.
pub fn digit(cp: u32) -> Option<u32> {
    super::digit(cp)
}

/// `ucd_3_2_0.numeric`.
pub fn numeric(cp: u32) -> Option<f64> {
    if unassigned(cp) {
        None
    } else {
        super::numeric(cp)
    }
}

/// `ucd_3_2_0.normalize(form, s)`.
pub fn normalize(form: NormalForm, cps: &[u32]) -> Vec<u32> {
    normalize_in(Database::Ucd320, form, cps)
}

/// `ucd_3_2_0.is_normalized(form, s)`.
pub fn is_normalized(form: NormalForm, cps: &[u32]) -> bool {
    normalize(form, cps) == cps
}

//! `unicodedata.normalize` and `unicodedata.is_normalized` (`Modules/unicodedata.c`:
//! `nfd_nfkd`, `nfc_nfkc`).
//!
//! Decomposition expands each character recursively through its `decomposition()` mapping
//! (compatibility mappings only for NFKD/NFKC), Hangul syllables algorithmically, then puts each
//! run of non-starters in canonical order (a stable sort by combining class). Composition walks
//! the decomposed string as CPython does: a starter absorbs each following character that is not
//! blocked (no character in between with combining class 0 or with a class at least as high) and
//! forms a primary composite with it; conjoining jamo L V (T) compose algorithmically.

use alloc::vec::Vec;

use super::{combining, decomposition, tables};

/// A normalization form, as named to `unicodedata.normalize`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NormalForm {
    /// Canonical decomposition followed by canonical composition.
    Nfc,
    /// Canonical decomposition.
    Nfd,
    /// Compatibility decomposition followed by canonical composition.
    Nfkc,
    /// Compatibility decomposition.
    Nfkd,
}

impl NormalForm {
    /// `"NFC"`, `"NFD"`, `"NFKC"` or `"NFKD"`; anything else is CPython's
    /// `ValueError("invalid normalization form")`.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "NFC" => Some(NormalForm::Nfc),
            "NFD" => Some(NormalForm::Nfd),
            "NFKC" => Some(NormalForm::Nfkc),
            "NFKD" => Some(NormalForm::Nfkd),
            _ => None,
        }
    }

    fn compat(self) -> bool {
        matches!(self, NormalForm::Nfkc | NormalForm::Nfkd)
    }

    fn composes(self) -> bool {
        matches!(self, NormalForm::Nfc | NormalForm::Nfkc)
    }
}

// Hangul syllables (Unicode 14.0 §3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// Which character database: the current one, or `unicodedata.ucd_3_2_0`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Database {
    Current,
    Ucd320,
}

/// `unicodedata.normalize(form, s)`.
pub fn normalize(form: NormalForm, cps: &[u32]) -> Vec<u32> {
    normalize_in(Database::Current, form, cps)
}

/// `unicodedata.is_normalized(form, s)`.
pub fn is_normalized(form: NormalForm, cps: &[u32]) -> bool {
    normalize(form, cps) == cps
}

/// Normalization against `db`. For Unicode 3.2.0 CPython only changes the decomposition step
/// (characters unassigned then stay as they are, a few decompose differently); reordering and
/// composition use the current data.
pub(super) fn normalize_in(db: Database, form: NormalForm, cps: &[u32]) -> Vec<u32> {
    if cps.iter().all(|&c| c < 0x80) {
        return cps.to_vec();
    }
    let mut decomposed = Vec::with_capacity(cps.len());
    for &c in cps {
        decompose_into(db, c, form.compat(), &mut decomposed);
    }
    canonical_order(&mut decomposed);
    if form.composes() {
        compose(&decomposed)
    } else {
        decomposed
    }
}

fn decompose_into(db: Database, cp: u32, compat: bool, out: &mut Vec<u32>) {
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        out.push(L_BASE + s / N_COUNT);
        out.push(V_BASE + (s % N_COUNT) / T_COUNT);
        if !s.is_multiple_of(T_COUNT) {
            out.push(T_BASE + s % T_COUNT);
        }
        return;
    }
    if db == Database::Ucd320 {
        if let Some(replacement) = super::ucd_3_2_0::normalization_change(cp) {
            decompose_into(db, replacement, compat, out);
            return;
        }
        if super::ucd_3_2_0::unassigned(cp) {
            out.push(cp);
            return;
        }
    }
    let mut text = decomposition(cp);
    if let Some(rest) = text.strip_prefix('<') {
        if !compat {
            out.push(cp);
            return;
        }
        text = rest.split_once('>').map_or("", |(_, mapping)| mapping);
    }
    if text.is_empty() {
        out.push(cp);
        return;
    }
    for part in text.split_ascii_whitespace() {
        if let Ok(c) = u32::from_str_radix(part, 16) {
            decompose_into(db, c, compat, out);
        }
    }
}

/// Stable-sort each run of non-starters by combining class (CPython's insertion sort).
fn canonical_order(cps: &mut [u32]) {
    for i in 1..cps.len() {
        let cur = combining(cps[i]);
        if cur == 0 {
            continue;
        }
        let mut j = i;
        while j > 0 {
            let prev = combining(cps[j - 1]);
            if prev == 0 || prev <= cur {
                break;
            }
            cps.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The primary composite of `first` + `second`, if any.
fn compose_pair(first: u32, second: u32) -> Option<u32> {
    tables::COMPOSITIONS
        .binary_search_by(|&(a, b, _)| (a, b).cmp(&(first, second)))
        .ok()
        .map(|i| tables::COMPOSITIONS[i].2)
}

/// Whether `cp` starts any primary composite.
fn composes_first(cp: u32) -> bool {
    let i = tables::COMPOSITIONS.partition_point(|&(a, _, _)| a < cp);
    tables::COMPOSITIONS
        .get(i)
        .is_some_and(|&(a, _, _)| a == cp)
}

/// Canonical composition of a decomposed, canonically ordered string (`nfc_nfkc`).
fn compose(cps: &[u32]) -> Vec<u32> {
    let len = cps.len();
    let mut out = Vec::with_capacity(len);
    // Positions already absorbed into an earlier starter.
    let mut skipped: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < len {
        if let Some(k) = skipped.iter().position(|&s| s == i) {
            skipped.swap_remove(k);
            i += 1;
            continue;
        }
        let mut code = cps[i];
        if (L_BASE..L_BASE + L_COUNT).contains(&code)
            && i + 1 < len
            && (V_BASE..V_BASE + V_COUNT).contains(&cps[i + 1])
        {
            let l_index = code - L_BASE;
            let v_index = cps[i + 1] - V_BASE;
            code = S_BASE + (l_index * V_COUNT + v_index) * T_COUNT;
            i += 2;
            if i < len && T_BASE < cps[i] && cps[i] < T_BASE + T_COUNT {
                code += cps[i] - T_BASE;
                i += 1;
            }
            out.push(code);
            continue;
        }
        if !composes_first(code) {
            out.push(code);
            i += 1;
            continue;
        }
        // Combining class of the last character left in place since the starter.
        let mut comb = 0;
        let mut i1 = i + 1;
        while i1 < len {
            let code1 = cps[i1];
            let comb1 = combining(code1);
            if comb != 0 {
                if comb1 == 0 {
                    break;
                }
                if comb >= comb1 {
                    // Blocked.
                    i1 += 1;
                    continue;
                }
            }
            match compose_pair(code, code1) {
                Some(composite) => {
                    code = composite;
                    skipped.push(i1);
                    i1 += 1;
                    if !composes_first(code) {
                        break;
                    }
                }
                None => {
                    if comb1 == 0 {
                        break;
                    }
                    comb = comb1;
                    i1 += 1;
                }
            }
        }
        out.push(code);
        i += 1;
    }
    out
}

//! The case-changing `str` methods over whole strings, as `Objects/unicodeobject.c` does them
//! (`do_lower`, `do_upper`, `do_title`, `do_capitalize`, `do_swapcase`, `do_casefold`).

use alloc::vec::Vec;

use super::{CaseMapping, casefold, is_case_ignorable, is_cased, is_lower, is_upper};
use super::{to_lower, to_title, to_upper};

const CAPITAL_SIGMA: u32 = 0x3A3;
const SMALL_SIGMA: u32 = 0x3C3;
const FINAL_SIGMA: u32 = 0x3C2;

/// `handle_capital_sigma`: U+03A3 at `i` is in the Final_Sigma context when
/// `\p{cased}\p{case-ignorable}* U+03A3 !(\p{case-ignorable}* \p{cased})`.
fn sigma_at(cps: &[u32], i: usize) -> u32 {
    let before = cps[..i].iter().rev().find(|&&c| !is_case_ignorable(c));
    let mut final_sigma = before.is_some_and(|&c| is_cased(c));
    if final_sigma {
        let after = cps[i + 1..].iter().find(|&&c| !is_case_ignorable(c));
        final_sigma = after.is_none_or(|&c| !is_cased(c));
    }
    if final_sigma {
        FINAL_SIGMA
    } else {
        SMALL_SIGMA
    }
}

/// `lower_ucs4`: the lowercase mapping of `cps[i]`, with the final-sigma rule.
fn lower_at(cps: &[u32], i: usize) -> CaseMapping {
    if cps[i] == CAPITAL_SIGMA {
        CaseMapping::single(sigma_at(cps, i))
    } else {
        to_lower(cps[i])
    }
}

/// `str.lower()`.
pub fn lower_str(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for i in 0..cps.len() {
        out.extend(lower_at(cps, i));
    }
    out
}

/// `str.upper()`.
pub fn upper_str(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        out.extend(to_upper(c));
    }
    out
}

/// `str.casefold()`.
pub fn casefold_str(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for &c in cps {
        out.extend(casefold(c));
    }
    out
}

/// `str.title()` (`do_title`): titlecase after an uncased character, lowercase after a cased one.
pub fn title_str(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    let mut previous_is_cased = false;
    for (i, &c) in cps.iter().enumerate() {
        if previous_is_cased {
            out.extend(lower_at(cps, i));
        } else {
            out.extend(to_title(c));
        }
        previous_is_cased = is_cased(c);
    }
    out
}

/// `str.capitalize()` (`do_capitalize`, Python 3.8+): titlecase the first character, lowercase
/// the rest.
pub fn capitalize_str(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    if let Some(&first) = cps.first() {
        out.extend(to_title(first));
        for i in 1..cps.len() {
            out.extend(lower_at(cps, i));
        }
    }
    out
}

/// `str.swapcase()` (`do_swapcase`): uppercase characters are lowered (final-sigma included),
/// lowercase ones uppered, others kept.
pub fn swapcase_str(cps: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(cps.len());
    for (i, &c) in cps.iter().enumerate() {
        if is_upper(c) {
            out.extend(lower_at(cps, i));
        } else if is_lower(c) {
            out.extend(to_upper(c));
        } else {
            out.push(c);
        }
    }
    out
}

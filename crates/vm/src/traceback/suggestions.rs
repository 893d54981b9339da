//! "Did you mean" for `NameError` and `AttributeError` (CPython 3.11:
//! `Python/suggestions.c`): the closest candidate by a Levenshtein distance where a case
//! change costs 1 and any other edit 2, within a third of the characters involved.

use crate::Vm;
use crate::object::Payload;
use crate::objects::typeobj::is_subtype;
use crate::value::Value;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if (a & 31) != (b & 31) {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (i, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[i];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[i] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn calculate(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

fn strings(vm: &mut Vm, items: Vec<Value>) -> Vec<String> {
    items
        .iter()
        .filter(|v| matches!(v.payload(), Some(Payload::Str(_))))
        .map(|v| vm.str_text(v))
        .collect()
}

/// `_Py_Offer_Suggestions`
pub(super) fn offer(vm: &mut Vm, exc: &Value) -> Option<String> {
    let Some(Payload::Exception(d)) = exc.payload() else {
        return None;
    };
    let t = vm.type_of(exc);
    if is_subtype(&t, &vm.types.attribute_error) {
        let name = d.field_opt("name")?;
        let obj = d.field_opt("obj")?;
        if !matches!(name.payload(), Some(Payload::Str(_))) {
            return None;
        }
        let name = vm.str_text(&name);
        let dir = vm.call_special(&obj, "__dir__", &[]).ok()??;
        let items = vm.iterate(&dir).ok()?;
        let cands = strings(vm, items);
        return calculate(&cands, &name);
    }
    if is_subtype(&t, &vm.types.name_error) {
        let name = d.field_opt("name")?;
        if !matches!(name.payload(), Some(Payload::Str(_))) {
            return None;
        }
        let name = vm.str_text(&name);
        let mut tb = d.traceback.borrow().clone();
        loop {
            let next = match tb.payload() {
                Some(Payload::Traceback(t)) => t.next.borrow().clone(),
                _ => return None,
            };
            if next.is_none() {
                break;
            }
            tb = next;
        }
        let Some(Payload::Traceback(t)) = tb.payload() else {
            return None;
        };
        let Payload::Frame(fi) = &t.frame.payload else {
            return None;
        };
        let varnames: Vec<String> = fi
            .code
            .co
            .localsplus
            .iter()
            .zip(fi.code.co.localsplus_kinds.iter())
            .filter(|(_, k)| k.has(krait_bytecode::LocalKind::LOCAL))
            .map(|(n, _)| n.to_string())
            .collect();
        if let Some(s) = calculate(&varnames, &name) {
            return Some(s);
        }
        let globals = Value::Obj(fi.globals.clone());
        let g = vm.iterate(&globals).ok()?;
        let cands = strings(vm, g);
        if let Some(s) = calculate(&cands, &name) {
            return Some(s);
        }
        let builtins = Value::Obj(vm.builtins.clone());
        let b = vm.iterate(&builtins).ok()?;
        let cands = strings(vm, b);
        return calculate(&cands, &name);
    }
    None
}

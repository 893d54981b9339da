//! `list.sort` (CPython: `Objects/listobject.c: list_sort_impl`, `Objects/listsort.txt`).
//!
//! A stable natural merge sort in timsort's shape: the list is cut into runs found by
//! `count_run` (strictly descending runs are reversed in place), short runs are extended to
//! `minrun` with binary insertion sort, and runs are merged from a stack kept balanced by
//! timsort's invariants. Only `<` is used (`PyObject_RichCompare(v, w, Py_LT)` then truth),
//! and small lists (under 64 items) perform exactly CPython's comparisons, so errors from
//! incomparable items name the same pair. Merges do not gallop; for consistent orders the
//! result is the same, only the number of comparisons differs.
//!
//! Every comparison may run Python code that fails; the working vector is a permutation of
//! the input at every point a comparison happens, so on error the items go back unchanged in
//! multiset. While sorting, the list is empty, as in CPython; if it was changed meanwhile
//! the sort reports "list modified during sort".

use krait_bytecode::CompareOp;

use crate::object::Payload;
use crate::objects::function::Args;
use crate::objects::list::ListItems;
use crate::value::Value;
use crate::{PyResult, Vm};

/// A sort element with a `key=` function: the key and the value.
struct Item {
    key: Value,
    value: Value,
}

/// What the sorter moves: a bare value (no `key=`: the value is its own key, and the list's
/// own buffer is sorted in place, 16 bytes an item) or an [`Item`].
trait SortElem {
    /// The key compared.
    fn key(&self) -> &Value;
    /// An empty placeholder.
    fn hole() -> Self;
}

impl SortElem for Value {
    #[inline(always)]
    fn key(&self) -> &Value {
        self
    }
    fn hole() -> Self {
        Value::Null
    }
}

impl SortElem for Item {
    #[inline(always)]
    fn key(&self) -> &Value {
        &self.key
    }
    fn hole() -> Self {
        Item {
            key: Value::Null,
            value: Value::Null,
        }
    }
}

/// What every key in the sort is, found by one scan before sorting (CPython's pre-check that
/// picks `unsafe_long_compare`, `unsafe_latin_compare`, `unsafe_tuple_compare`): comparisons
/// of homogeneous keys then skip the type dispatch. Keys never change during a sort, so the
/// scan's answer holds throughout.
#[derive(Clone, Copy, PartialEq)]
enum KeyKind {
    /// Small ints (`Value::Int`).
    Int,
    /// Floats.
    Float,
    /// Exact `str` objects: WTF-8 byte order is code-point order.
    Str,
    /// Exact tuples: `tuple_richcompare` without the slot lookup.
    Tuple,
    /// Anything else: the full rich comparison.
    Mixed,
}

/// Sort stably, ascending or descending: `reverse` flips the input before and the output after,
/// so equal keys keep their order either way (CPython's `list_sort_impl`).
fn sort_elems<T: SortElem>(vm: &mut Vm, v: &mut [T], reverse: bool) -> PyResult<()> {
    if reverse {
        v.reverse();
    }
    let kind = key_kind(vm, v);
    let result = Sorter { vm, kind }.sort(v);
    if reverse {
        v.reverse();
    }
    result
}

fn key_kind<T: SortElem>(vm: &Vm, v: &[T]) -> KeyKind {
    let kind_of = |k: &Value| match k {
        Value::Int(_) => KeyKind::Int,
        Value::Float(_) => KeyKind::Float,
        Value::Obj(o) => match &o.payload {
            Payload::Str(_) if o.class_is(&vm.types.str) => KeyKind::Str,
            Payload::Tuple(_) if o.class_is(&vm.types.tuple) => KeyKind::Tuple,
            _ => KeyKind::Mixed,
        },
        _ => KeyKind::Mixed,
    };
    let Some(first) = v.first() else {
        return KeyKind::Mixed;
    };
    let kind = kind_of(first.key());
    if kind != KeyKind::Mixed && v.iter().all(|e| kind_of(e.key()) == kind) {
        kind
    } else {
        KeyKind::Mixed
    }
}

struct Sorter<'a> {
    vm: &'a mut Vm,
    kind: KeyKind,
}

impl Sorter<'_> {
    fn lt<T: SortElem>(&mut self, a: &T, b: &T) -> PyResult<bool> {
        // A sort of a huge list is a long native operation: it counts against the limits.
        self.vm.tick(1)?;
        let (x, y) = (a.key(), b.key());
        match (self.kind, x, y) {
            (KeyKind::Int, Value::Int(p), Value::Int(q)) => return Ok(p < q),
            (KeyKind::Float, Value::Float(p), Value::Float(q)) => return Ok(p.get() < q.get()),
            (KeyKind::Str, Value::Obj(p), Value::Obj(q)) => {
                if let (Payload::Str(s), Payload::Str(t)) = (&p.payload, &q.payload) {
                    return Ok(s.wtf8() < t.wtf8());
                }
            }
            (KeyKind::Tuple, _, _) => {
                let r = crate::objects::sequence::seq_richcompare(self.vm, x, y, CompareOp::Lt)?;
                return match r {
                    Value::Bool(b) => Ok(b.get()),
                    other => self.vm.is_true(&other),
                };
            }
            (_, Value::Int(p), Value::Int(q)) => return Ok(p < q),
            (_, Value::Float(p), Value::Float(q)) => return Ok(p.get() < q.get()),
            _ => {}
        }
        let r = self.vm.do_richcompare(x, y, CompareOp::Lt)?;
        match r {
            Value::Bool(b) => Ok(b.get()),
            other => self.vm.is_true(&other),
        }
    }

    /// `count_run`: the length of the run starting at `lo`, reversing a descending one.
    fn count_run<T: SortElem>(&mut self, v: &mut [T], lo: usize, hi: usize) -> PyResult<usize> {
        if lo + 1 >= hi {
            return Ok(1);
        }
        let mut n = 2;
        if self.lt(&v[lo + 1], &v[lo])? {
            let mut i = lo + 2;
            while i < hi {
                if self.lt(&v[i], &v[i - 1])? {
                    n += 1;
                    i += 1;
                } else {
                    break;
                }
            }
            v[lo..lo + n].reverse();
        } else {
            let mut i = lo + 2;
            while i < hi {
                if self.lt(&v[i], &v[i - 1])? {
                    break;
                }
                n += 1;
                i += 1;
            }
        }
        Ok(n)
    }

    /// `binarysort`: `v[lo..start]` is sorted; insert `v[start..hi]` one by one.
    fn binary_sort<T: SortElem>(
        &mut self,
        v: &mut [T],
        lo: usize,
        hi: usize,
        mut start: usize,
    ) -> PyResult<()> {
        if lo == start {
            start += 1;
        }
        while start < hi {
            let (mut l, mut r) = (lo, start);
            loop {
                let p = l + ((r - l) >> 1);
                if self.lt(&v[start], &v[p])? {
                    r = p;
                } else {
                    l = p + 1;
                }
                if l >= r {
                    break;
                }
            }
            v[l..=start].rotate_right(1);
            start += 1;
        }
        Ok(())
    }

    /// Merge the adjacent sorted runs `v[lo..mid]` and `v[mid..hi]`, stably.
    fn merge<T: SortElem>(
        &mut self,
        v: &mut [T],
        lo: usize,
        mid: usize,
        hi: usize,
    ) -> PyResult<()> {
        // Skip the prefix of the left run already in place and the suffix of the right run.
        let mut a = lo;
        while a < mid && !self.lt(&v[mid], &v[a])? {
            a += 1;
        }
        if a == mid {
            return Ok(());
        }
        let mut b = hi;
        while b > mid && !self.lt(&v[b - 1], &v[mid - 1])? {
            b -= 1;
        }
        // `merge_lo`: move the left part out, then fill the gap from the front. The slots
        // in `dest..r` are always empty placeholders and exactly as many as the left items
        // not yet placed, so on error the rest of the left run drops back into them.
        let mut left: Vec<T> = (a..mid)
            .map(|i| std::mem::replace(&mut v[i], T::hole()))
            .collect();
        let (mut li, mut r, mut dest) = (0, mid, a);
        let mut result = Ok(());
        while li < left.len() && r < b {
            match self.lt(&v[r], &left[li]) {
                Ok(true) => {
                    v.swap(dest, r);
                    r += 1;
                }
                Ok(false) => {
                    v[dest] = std::mem::replace(&mut left[li], T::hole());
                    li += 1;
                }
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
            dest += 1;
        }
        for item in left.drain(li..) {
            v[dest] = item;
            dest += 1;
        }
        result
    }

    fn sort<T: SortElem>(&mut self, v: &mut [T]) -> PyResult<()> {
        let n = v.len();
        if n < 2 {
            return Ok(());
        }
        let minrun = compute_minrun(n);
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut lo = 0;
        while lo < n {
            let mut len = self.count_run(v, lo, n)?;
            if len < minrun {
                let force = minrun.min(n - lo);
                self.binary_sort(v, lo, lo + force, lo + len)?;
                len = force;
            }
            runs.push((lo, len));
            lo += len;
            self.merge_collapse(v, &mut runs, false)?;
        }
        self.merge_collapse(v, &mut runs, true)
    }

    fn merge_at<T: SortElem>(
        &mut self,
        v: &mut [T],
        runs: &mut Vec<(usize, usize)>,
        i: usize,
    ) -> PyResult<()> {
        let (a, la) = runs[i];
        let (_, lb) = runs[i + 1];
        runs[i] = (a, la + lb);
        runs.remove(i + 1);
        self.merge(v, a, a + la, a + la + lb)
    }

    fn merge_collapse<T: SortElem>(
        &mut self,
        v: &mut [T],
        runs: &mut Vec<(usize, usize)>,
        force: bool,
    ) -> PyResult<()> {
        while runs.len() > 1 {
            let k = runs.len();
            let mut i = k - 2;
            if force {
                if i > 0 && runs[i - 1].1 < runs[i + 1].1 {
                    i -= 1;
                }
            } else if (i > 0 && runs[i - 1].1 <= runs[i].1 + runs[i + 1].1)
                || (i > 1 && runs[i - 2].1 <= runs[i - 1].1 + runs[i].1)
            {
                if runs[i - 1].1 < runs[i + 1].1 {
                    i -= 1;
                }
            } else if runs[i].1 > runs[i + 1].1 {
                break;
            }
            self.merge_at(v, runs, i)?;
        }
        Ok(())
    }
}

fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// `list.sort(*, key=None, reverse=False)`.
pub fn list_sort(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    let Some(this) = pos.first() else {
        return Err(vm.type_error("descriptor 'sort' of 'list' object needs an argument"));
    };
    if pos.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let mut key = Value::None;
    let mut reverse = false;
    for (name, v) in args.kwargs() {
        match vm.str_text(name).as_str() {
            "key" => key = v.clone(),
            "reverse" => {
                reverse = match v {
                    Value::Bool(b) => b.get(),
                    Value::Int(i) => *i != 0,
                    Value::Float(_) => {
                        return Err(
                            vm.type_error("'float' object cannot be interpreted as an integer")
                        );
                    }
                    other => {
                        let i = vm.index_to_i64(other)?;
                        i != 0
                    }
                }
            }
            other => {
                return Err(vm.type_error(format!(
                    "'{other}' is an invalid keyword argument for sort()"
                )));
            }
        }
    }
    let l = crate::objects::list::list_cell(vm, this)?;
    let taken = std::mem::take(&mut *l.borrow_mut());
    let (result, sorted) = if key.is_none() {
        // The values are their own keys: sort them unpacked (moved, no count changes).
        let mut values = taken.into_vec();
        let result = sort_elems(vm, &mut values, reverse);
        (result, ListItems::from(values))
    } else {
        let values = taken;
        // Keys first: a failing key function leaves the list as it was.
        let mut items: Vec<Item> = Vec::with_capacity(values.len());
        for v in values.iter() {
            match vm.call_pos(&key, std::slice::from_ref(&v)) {
                Ok(k) => items.push(Item { key: k, value: v }),
                Err(e) => {
                    let modified = std::mem::replace(&mut *l.borrow_mut(), values);
                    drop(modified);
                    return Err(e);
                }
            }
        }
        // The values now live in `items` too.
        drop(values);
        let result = sort_elems(vm, &mut items, reverse);
        (result, items.into_iter().map(|i| i.value).collect())
    };
    let modified = std::mem::replace(&mut *l.borrow_mut(), sorted);
    result?;
    if !modified.is_empty() {
        drop(modified);
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    use super::compute_minrun;

    #[test]
    fn minrun_matches_cpython() {
        assert_eq!(compute_minrun(63), 63);
        assert_eq!(compute_minrun(64), 32);
        assert_eq!(compute_minrun(65), 33);
        assert_eq!(compute_minrun(2112), 33);
    }
}

//! The `_heapq` module (CPython: `Modules/_heapqmodule.c`): the binary-heap operations on a
//! list that `heapq.py` imports when present.
//!
//! Items are compared only with `<`, whose methods may run arbitrary code: no borrow of the
//! list is held across a comparison, and after each one the list is checked to still have
//! the size it had (`RuntimeError: list changed size during iteration`), so indexes stay in
//! bounds whatever the comparison did to the list.

use std::cell::RefCell;

use krait_bytecode::CompareOp;

use crate::native::{arity_error, no_kwargs, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

const DOC: &str = "Heap queue algorithm (a.k.a. priority queue).

Heaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for
all k, counting elements from 0.  For the sake of comparison,
non-existing elements are considered to be infinite.  The interesting
property of a heap is that a[0] is always its smallest element.

Usage:

heap = []            # creates an empty heap
heappush(heap, item) # pushes a new item on the heap
item = heappop(heap) # pops the smallest item from the heap
item = heap[0]       # smallest item on the heap without popping it
heapify(x)           # transforms list into a heap, in-place, in linear time
item = heapreplace(heap, item) # pops and returns smallest item, and adds
                               # new item; the heap size is unchanged

Our API differs from textbook heap algorithms as follows:

- We use 0-based indexing.  This makes the relationship between the
  index for a node and the indexes for its children slightly less
  obvious, but is more suitable since Python uses 0-based indexing.

- Our heappop() method returns the smallest item, not the largest.

These two make it possible to view the heap as a regular Python list
without surprises: heap[0] is the smallest item, and heap.sort()
maintains the heap invariant!
";

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("heappush", heappush),
            ("heappushpop", heappushpop),
            ("heappop", heappop),
            ("heapreplace", heapreplace),
            ("heapify", heapify),
            ("_heappop_max", heappop_max),
            ("_heapreplace_max", heapreplace_max),
            ("_heapify_max", heapify_max),
        ],
    );
    let doc = vm.new_str(DOC);
    super::set_attr(vm, m, "__doc__", doc);
    Ok(())
}

type Items = RefCell<crate::objects::list::ListItems>;

/// The list argument, or Argument Clinic's `subclass_of=list` error.
fn list_arg<'a>(vm: &mut Vm, v: &'a Value, fname: &str, pos: &str) -> PyResult<&'a Items> {
    match v.payload() {
        Some(Payload::List(items)) => Ok(items),
        _ => {
            // `_PyArg_BadArgument` names None itself rather than its type.
            let got = if v.is_none() {
                "None".to_string()
            } else {
                vm.type_name(v)
            };
            Err(vm.type_error(format!("{fname}() argument{pos} must be list, not {got}")))
        }
    }
}

/// `(heap)`: METH_O.
fn one<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<&'a Items> {
    let a = pos_args(vm, args, &format!("_heapq.{name}"), 1, 1)?;
    list_arg(vm, &a[0], name, "")
}

/// `(heap, item, /)`.
fn two<'a>(vm: &mut Vm, args: &Args<'a>, name: &str) -> PyResult<(&'a Items, &'a Value)> {
    no_kwargs(vm, args, &format!("_heapq.{name}"))?;
    let n = args.values.len();
    if n != 2 {
        return Err(arity_error(vm, name, 2, 2, n));
    }
    let heap = list_arg(vm, &args.values[0], name, " 1")?;
    Ok((heap, &args.values[1]))
}

fn index_error(vm: &mut Vm) -> crate::PyErr {
    vm.index_error("index out of range")
}

fn changed_size(vm: &mut Vm) -> crate::PyErr {
    vm.runtime_error("list changed size during iteration")
}

/// `a < b` for the min-heap (`b < a` for the max-heap), as a truth value.
fn less(vm: &mut Vm, a: &Value, b: &Value, max: bool) -> PyResult<bool> {
    let (x, y) = if max { (b, a) } else { (a, b) };
    let r = vm.compare(x, y, CompareOp::Lt)?;
    vm.is_true(&r)
}

fn item(heap: &Items, i: usize) -> Value {
    heap.borrow().get(i).unwrap_or(Value::None)
}

fn swap(heap: &Items, i: usize, j: usize) {
    let mut v = heap.borrow_mut();
    if i < v.len() && j < v.len() {
        v.swap(i, j);
    }
}

/// Move the item at `pos` up towards `start` until its parent is not greater.
fn siftdown(vm: &mut Vm, heap: &Items, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = heap.borrow().len();
    if pos >= size {
        return Err(index_error(vm));
    }
    let mut newitem = item(heap, pos);
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let parent = item(heap, parentpos);
        let lt = less(vm, &newitem, &parent, max)?;
        if heap.borrow().len() != size {
            return Err(changed_size(vm));
        }
        if !lt {
            break;
        }
        // The comparison may have replaced items: move what is there now, as CPython does.
        newitem = item(heap, pos);
        swap(heap, parentpos, pos);
        pos = parentpos;
    }
    Ok(())
}

/// Move the smaller child of each node up from `pos` to a leaf, then sift the item that was
/// at `pos` back into place.
fn siftup(vm: &mut Vm, heap: &Items, mut pos: usize, max: bool) -> PyResult<()> {
    let end = heap.borrow().len();
    let start = pos;
    if pos >= end {
        return Err(index_error(vm));
    }
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (a, b) = (item(heap, child), item(heap, child + 1));
            if !less(vm, &a, &b, max)? {
                child += 1;
            }
            if heap.borrow().len() != end {
                return Err(changed_size(vm));
            }
        }
        swap(heap, child, pos);
        pos = child;
    }
    siftdown(vm, heap, start, pos, max)
}

fn heappush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (heap, x) = two(vm, &args, "heappush")?;
    let last = {
        let mut v = heap.borrow_mut();
        v.push(x.clone());
        v.len() - 1
    };
    siftdown(vm, heap, 0, last, false)?;
    Ok(Value::None)
}

fn pop(vm: &mut Vm, heap: &Items, max: bool) -> PyResult<Value> {
    let (last, rest) = {
        let mut v = heap.borrow_mut();
        match v.pop() {
            Some(last) => (last, v.len()),
            None => return Err(index_error(vm)),
        }
    };
    if rest == 0 {
        return Ok(last);
    }
    let top = replace_top(heap, last);
    siftup(vm, heap, 0, max)?;
    Ok(top)
}

/// Put `x` at the top of a non-empty heap and return what was there.
fn replace_top(heap: &Items, x: Value) -> Value {
    let mut h = heap.borrow_mut();
    if h.is_empty() {
        return Value::None;
    }
    h.replace(0, x)
}

fn replace(vm: &mut Vm, heap: &Items, x: &Value, max: bool) -> PyResult<Value> {
    if heap.borrow().is_empty() {
        return Err(index_error(vm));
    }
    let top = replace_top(heap, x.clone());
    siftup(vm, heap, 0, max)?;
    Ok(top)
}

fn heappop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let heap = one(vm, &args, "heappop")?;
    pop(vm, heap, false)
}

fn heappop_max(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let heap = one(vm, &args, "_heappop_max")?;
    pop(vm, heap, true)
}

fn heapreplace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (heap, x) = two(vm, &args, "heapreplace")?;
    replace(vm, heap, x, false)
}

fn heapreplace_max(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (heap, x) = two(vm, &args, "_heapreplace_max")?;
    replace(vm, heap, x, true)
}

fn heappushpop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (heap, x) = two(vm, &args, "heappushpop")?;
    let Some(top) = heap.borrow().first() else {
        return Ok(x.clone());
    };
    if !less(vm, &top, x, false)? {
        return Ok(x.clone());
    }
    replace(vm, heap, x, false)
}

/// `heapify`: sift every node that has a child, bottom-up; above 2500 items in the
/// cache-friendly order CPython uses (the same comparisons, so the same heap).
fn heapify_list(vm: &mut Vm, heap: &Items, max: bool) -> PyResult<Value> {
    let n = heap.borrow().len();
    if n > 2500 {
        let m = n >> 1;
        let leftmost = keep_top_bit(m + 1) - 1;
        let mhalf = m >> 1;
        for range in [(mhalf, leftmost), (leftmost, m)] {
            for i in (range.0..range.1).rev() {
                let mut j = i;
                loop {
                    siftup(vm, heap, j, max)?;
                    if j & 1 == 0 {
                        break;
                    }
                    j >>= 1;
                }
            }
        }
    } else {
        for i in (0..n >> 1).rev() {
            siftup(vm, heap, i, max)?;
        }
    }
    Ok(Value::None)
}

/// `n` with all but its highest set bit cleared.
fn keep_top_bit(n: usize) -> usize {
    match n {
        0 => 0,
        _ => 1 << (usize::BITS - 1 - n.leading_zeros()),
    }
}

fn heapify(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let heap = one(vm, &args, "heapify")?;
    heapify_list(vm, heap, false)
}

fn heapify_max(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let heap = one(vm, &args, "_heapify_max")?;
    heapify_list(vm, heap, true)
}

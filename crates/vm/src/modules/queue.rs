//! `_queue` (CPython: `Modules/_queuemodule.c`): `SimpleQueue`, an unbounded FIFO whose `get`
//! blocks with the interpreter lock released, and the `Empty` exception. `queue.py` uses both.
//!
//! The items live in a `VecDeque` touched only under the interpreter lock; a counter of items
//! not yet claimed, behind a mutex and condition variable, is what a blocked `get` waits on
//! (as `_thread` locks wait, in slices: `thread::blocking_wait`). `put` adds the item, then
//! bumps the counter; `get` claims one unit of the counter, then pops, so a claimed unit always
//! has its item.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;

use crate::native::{bind_args, method_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

#[derive(Default)]
struct Available {
    count: Mutex<usize>,
    cv: Condvar,
}

impl Available {
    fn try_claim(&self) -> bool {
        let mut g = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        if *g == 0 {
            return false;
        }
        *g -= 1;
        true
    }

    fn wait_claim(&self, d: Duration) -> bool {
        let g = self.count.lock().unwrap_or_else(PoisonError::into_inner);
        let (mut g, _) = self
            .cv
            .wait_timeout_while(g, d, |n| *n == 0)
            .unwrap_or_else(PoisonError::into_inner);
        if *g == 0 {
            return false;
        }
        *g -= 1;
        true
    }

    fn add(&self) {
        *self.count.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.cv.notify_one();
    }
}

struct SimpleQueue {
    items: RefCell<VecDeque<Value>>,
    avail: Arc<Available>,
}

/// The queued values (`gc.get_referents`).
pub(super) fn native_referents(n: &dyn std::any::Any, visit: &mut dyn FnMut(&Value)) {
    if let Some(q) = n.downcast_ref::<SimpleQueue>()
        && let Ok(items) = q.items.try_borrow()
    {
        items.iter().for_each(&mut *visit);
    }
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let (sq, empty) = match vm.mods.queue_types.clone() {
        Some(t) => t,
        None => {
            let meta = vm.types.type_.clone();
            let ns = vm.new_dict();
            let modname = vm.new_str("_queue");
            vm.set_dict_str(&ns, "__module__", modname);
            let doc = vm.new_str("Exception raised by Queue.get(block=0)/get_nowait().");
            vm.set_dict_str(&ns, "__doc__", doc);
            let exc = vm.types.exception.clone();
            let empty = vm.type_new(&meta, "Empty", vec![exc], &Value::Obj(ns), &[])?;
            let sq = super::new_type(vm, "_queue", "SimpleQueue", true);
            vm.add_methods(
                &sq,
                crate::methods![
                    staticmethod "__new__" => sq_new, "";
                    method "put" => sq_put, "";
                    method "put_nowait" => sq_put_nowait, "";
                    method "get" => sq_get, "";
                    method "get_nowait" => sq_get_nowait, "";
                    method "empty" => sq_empty, "";
                    method "qsize" => sq_qsize, "";
                    classmethod "__class_getitem__" => class_getitem, "";
                ],
            );
            let doc = vm.new_str("Simple, unbounded, reentrant FIFO queue.");
            vm.set_type_attr(&sq, "__doc__", doc);
            vm.mods.queue_types = Some((sq.clone(), empty.clone()));
            (sq, empty)
        }
    };
    super::set_attr(vm, m, "SimpleQueue", Value::Obj(sq));
    super::set_attr(vm, m, "Empty", Value::Obj(empty));
    Ok(())
}

fn sq_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "SimpleQueue")?;
    let exact = vm
        .mods
        .queue_types
        .as_ref()
        .is_some_and(|(t, _)| ObjRef::ptr_eq(t, &cls));
    if exact {
        if args.pos().len() > 1 {
            return Err(vm.type_error("SimpleQueue() takes no positional arguments"));
        }
        if args.has_kwargs() {
            return Err(vm.type_error("SimpleQueue() takes no keyword arguments"));
        }
    }
    let q = SimpleQueue {
        items: RefCell::new(VecDeque::new()),
        avail: Arc::new(Available::default()),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(q))),
    ))
}

fn queue_of<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a SimpleQueue> {
    match native_ref::<SimpleQueue>(v) {
        Some(q) => Ok(q),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a '_queue.SimpleQueue' object but received a '{tn}'"
            )))
        }
    }
}

fn rest<'a>(args: &Args<'a>) -> Args<'a> {
    Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    }
}

fn put(q: &SimpleQueue, item: Value) {
    q.items.borrow_mut().push_back(item);
    q.avail.add();
}

fn sq_put(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = bind_args(vm, &rest(&args), "put", &["item", "block", "timeout"], 1)?;
    put(queue_of(vm, &this)?, a[0].clone());
    Ok(Value::None)
}

fn sq_put_nowait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = bind_args(vm, &rest(&args), "put_nowait", &["item"], 1)?;
    put(queue_of(vm, &this)?, a[0].clone());
    Ok(Value::None)
}

fn empty_error(vm: &mut Vm) -> PyResult<Value> {
    let Some((_, empty)) = vm.mods.queue_types.clone() else {
        return Err(vm.runtime_error("_queue is not initialised"));
    };
    match vm.call_pos(&Value::Obj(empty), &[])? {
        Value::Obj(e) => Err(crate::PyErr(e)),
        _ => Err(vm.runtime_error("_queue.Empty() returned a non-object")),
    }
}

/// Pop an item, waiting up to `timeout` seconds (`None`: forever, `0`: not at all).
fn get(vm: &mut Vm, this: &Value, timeout: Option<f64>) -> PyResult<Value> {
    let avail = queue_of(vm, this)?.avail.clone();
    if !avail.try_claim() {
        if timeout == Some(0.0) {
            return empty_error(vm);
        }
        let got = super::thread::blocking_wait(vm, timeout, move |d| avail.wait_claim(d))?;
        if !got {
            return empty_error(vm);
        }
    }
    let q = queue_of(vm, this)?;
    let item = q.items.borrow_mut().pop_front();
    match item {
        Some(v) => Ok(v),
        None => empty_error(vm),
    }
}

fn sq_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = bind_args(vm, &rest(&args), "get", &["block", "timeout"], 0)?;
    let block = if a[0].is_null() {
        true
    } else {
        vm.is_true(&a[0])?
    };
    let timeout = if !block {
        Some(0.0)
    } else if a[1].is_null() || a[1].is_none() {
        None
    } else {
        let t = match &a[1] {
            Value::Int(i) => *i as f64,
            Value::Float(f) => f.get(),
            v => {
                let tn = vm.type_name(v);
                return Err(
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                );
            }
        };
        if t.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        if t * 1e9 >= i64::MAX as f64 {
            return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
        }
        if t < 0.0 {
            return Err(vm.value_error("'timeout' must be a non-negative number"));
        }
        Some(t)
    };
    get(vm, &this, timeout)
}

fn sq_get_nowait(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "get_nowait", 0, 0)?;
    let this = this.clone();
    get(vm, &this, Some(0.0))
}

fn sq_empty(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "empty", 0, 0)?;
    Ok(Value::bool(queue_of(vm, this)?.items.borrow().is_empty()))
}

fn sq_qsize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "qsize", 0, 0)?;
    Ok(Value::Int(queue_of(vm, this)?.items.borrow().len() as i64))
}

fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "__class_getitem__", 2, 2)?;
    let alias = vm.types.generic_alias.clone();
    vm.call_pos(&Value::Obj(alias), &[a[0].clone(), a[1].clone()])
}

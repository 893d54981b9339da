//! The iterator builtins `enumerate`, `zip`, `map`, `filter`, `reversed` (CPython:
//! `Objects/enumobject.c`, `Python/bltinmodule.c`) and the `__iter__`/`__next__`/
//! `__length_hint__` methods every builtin iterator type shares. Advancing is in
//! `iterators.rs`.

use std::cell::RefCell;

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::value::Value;
use crate::{PyResult, Vm};

/// The built-in iterator types (those with `__iter__` returning self, `__next__`,
/// `__reduce__` and, where CPython has it, `__length_hint__`).
pub(crate) fn iterator_types(vm: &Vm) -> [ObjRef; 16] {
    let t = &vm.types;
    [
        t.list_iterator.clone(),
        t.tuple_iterator.clone(),
        t.str_iterator.clone(),
        t.range_iterator.clone(),
        t.dict_keyiterator.clone(),
        t.dict_valueiterator.clone(),
        t.dict_itemiterator.clone(),
        t.set_iterator.clone(),
        t.seq_iterator.clone(),
        t.callable_iterator.clone(),
        t.reversed.clone(),
        t.enumerate.clone(),
        t.zip.clone(),
        t.map.clone(),
        t.filter.clone(),
        t.list_reverseiterator.clone(),
    ]
}

/// Register the iterator types' methods and the iterator builtins' constructors.
pub fn init(vm: &mut Vm) {
    let iter_types = iterator_types(vm);
    for ty in &iter_types {
        vm.add_methods(
            ty,
            crate::methods![
                method "__iter__" => iter_self, "";
                method "__next__" => iter_next_m, "";
            ],
        );
    }
    for ty in [
        vm.types.list_iterator.clone(),
        vm.types.tuple_iterator.clone(),
        vm.types.str_iterator.clone(),
        vm.types.range_iterator.clone(),
        vm.types.dict_keyiterator.clone(),
        vm.types.dict_valueiterator.clone(),
        vm.types.dict_itemiterator.clone(),
        vm.types.set_iterator.clone(),
        vm.types.list_reverseiterator.clone(),
        vm.types.reversed.clone(),
    ] {
        vm.add_methods(
            &ty,
            crate::methods![ method "__length_hint__" => length_hint, ""; ],
        );
    }
    let e = vm.types.enumerate.clone();
    vm.add_methods(
        &e,
        crate::methods![ staticmethod "__new__" => enumerate_new, ""; ],
    );
    let z = vm.types.zip.clone();
    vm.add_methods(
        &z,
        crate::methods![ staticmethod "__new__" => zip_new, ""; ],
    );
    let m = vm.types.map.clone();
    vm.add_methods(
        &m,
        crate::methods![ staticmethod "__new__" => map_new, ""; ],
    );
    let f = vm.types.filter.clone();
    vm.add_methods(
        &f,
        crate::methods![ staticmethod "__new__" => filter_new, ""; ],
    );
    let r = vm.types.reversed.clone();
    vm.add_methods(
        &r,
        crate::methods![ staticmethod "__new__" => reversed_new, ""; ],
    );
}

fn iter_self(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    Ok(this.clone())
}

fn iter_next_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    match vm.next(this)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(None)),
    }
}

fn length_hint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__length_hint__", 0, 0)?;
    let Some(Payload::Iter(st)) = this.payload() else {
        return Ok(Value::Int(0));
    };
    let n: i64 = match &*st.borrow() {
        IterState::Seq { seq, index } => {
            let len = match seq.payload() {
                Some(Payload::List(l)) => l.borrow().len(),
                Some(Payload::Tuple(t)) => t.len(),
                _ => 0,
            };
            len.saturating_sub(*index) as i64
        }
        IterState::Str { s, byte_pos } => match &s.payload {
            Payload::Str(ps) => {
                let rest = ps.wtf8().get(*byte_pos..).unwrap_or(&[]);
                rest.iter().filter(|b| (**b & 0xC0) != 0x80).count() as i64
            }
            _ => 0,
        },
        IterState::Reversed { seq, remaining } => match seq.payload() {
            Some(Payload::List(l)) if *remaining > l.borrow().len() => 0,
            _ => *remaining as i64,
        },
        IterState::Range { next, stop, step } => {
            let (a, b, c) = (i128::from(*next), i128::from(*stop), i128::from(*step));
            let n = if c > 0 {
                if a < b { (b - a - 1) / c + 1 } else { 0 }
            } else if a > b {
                (a - b - 1) / (-c) + 1
            } else {
                0
            };
            n.min(i128::from(i64::MAX)) as i64
        }
        IterState::Dict {
            dict, len, left, ..
        }
        | IterState::DictRev {
            dict, len, left, ..
        } => match &dict.payload {
            Payload::Dict(t) if t.borrow().len() == *len => *left as i64,
            _ => 0,
        },
        IterState::Set { len, .. } => *len as i64,
        _ => 0,
    };
    Ok(Value::Int(n.max(0)))
}

fn new_iter_obj(vm: &mut Vm, cls: &ObjRef, state: IterState) -> Value {
    Value::Obj(vm.new_object(cls, Payload::Iter(Box::new(RefCell::new(state)))))
}

fn cls_arg(vm: &mut Vm, args: &Args<'_>) -> PyResult<ObjRef> {
    crate::native::new_cls(vm, args, "object")
}

fn enumerate_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    let pos = &args.pos()[1..];
    let mut iterable = pos.first().cloned();
    let mut start = pos.get(1).cloned();
    for (k, v) in args.kwargs() {
        match vm.str_text(k).as_str() {
            "iterable" if iterable.is_none() => iterable = Some(v.clone()),
            "start" if start.is_none() => start = Some(v.clone()),
            "iterable" | "start" => {
                return Err(vm.type_error(format!(
                    "argument for enumerate() given by name ('{}') and position ({})",
                    vm.str_text(k),
                    if vm.str_text(k) == "iterable" { 1 } else { 2 }
                )));
            }
            other => {
                return Err(vm.type_error(format!(
                    "'{other}' is an invalid keyword argument for enumerate()"
                )));
            }
        }
    }
    if pos.len() > 2 {
        return Err(vm.type_error(format!(
            "enumerate() takes at most 2 arguments ({} given)",
            pos.len() + args.kwnames.len()
        )));
    }
    let Some(iterable) = iterable else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    let count = match start {
        None => Value::Int(0),
        Some(s) => {
            let is_int = crate::objects::range::int_value(&s).is_some()
                || vm.lookup_special_str(&s, "__index__").is_some();
            if !is_int {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    vm.type_name(&s)
                )));
            }
            vm.index_value(&s)?
        }
    };
    let it = vm.iter(&iterable)?;
    Ok(new_iter_obj(vm, &cls, IterState::Enumerate { it, count }))
}

fn zip_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    let mut strict = false;
    for (k, v) in args.kwargs() {
        if vm.str_text(k) == "strict" {
            strict = vm.is_true(v)?;
        } else {
            return Err(vm.type_error("zip() takes at most one keyword argument"));
        }
    }
    let mut iters = Vec::new();
    for a in &args.pos()[1..] {
        iters.push(vm.iter(a)?);
    }
    Ok(new_iter_obj(vm, &cls, IterState::Zip { iters, strict }))
}

fn map_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    if args.has_kwargs() {
        return Err(vm.type_error("map() takes no keyword arguments"));
    }
    let pos = &args.values[1..];
    if pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let func = pos[0].clone();
    let mut iters = Vec::with_capacity(pos.len() - 1);
    for a in &pos[1..] {
        iters.push(vm.iter(a)?);
    }
    Ok(new_iter_obj(vm, &cls, IterState::Map { func, iters }))
}

fn filter_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    if args.has_kwargs() {
        return Err(vm.type_error("filter() takes no keyword arguments"));
    }
    let pos = &args.values[1..];
    if pos.len() != 2 {
        return Err(vm.type_error(format!("filter expected 2 arguments, got {}", pos.len())));
    }
    let it = vm.iter(&pos[1])?;
    Ok(new_iter_obj(
        vm,
        &cls,
        IterState::Filter {
            func: pos[0].clone(),
            it,
        },
    ))
}

fn reversed_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = cls_arg(vm, &args)?;
    if args.has_kwargs() {
        return Err(vm.type_error("reversed() takes no keyword arguments"));
    }
    let pos = &args.values[1..];
    if pos.len() != 1 {
        return Err(vm.type_error(format!("reversed expected 1 argument, got {}", pos.len())));
    }
    let seq = &pos[0];
    if let Some(f) = vm.lookup_special_str(seq, "__reversed__") {
        if f.is_none() {
            return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(seq))));
        }
        return vm.call_method_value(&f, seq, &[]);
    }
    let has_getitem = vm.lookup_special_str(seq, "__getitem__").is_some();
    let is_mapping = matches!(seq.payload(), Some(Payload::Dict(_)));
    if !has_getitem || is_mapping {
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(seq))));
    }
    let n = vm.len(seq)?;
    Ok(new_iter_obj(
        vm,
        &cls,
        IterState::Reversed {
            seq: seq.clone(),
            remaining: n,
        },
    ))
}

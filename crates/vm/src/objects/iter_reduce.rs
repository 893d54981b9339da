//! `__reduce__` and `__setstate__` of the builtin iterators (CPython: `listiter_reduce`,
//! `rangeiter_reduce`, `dictiter_reduce`, `reversed_reduce`, ...), so iterators pickle and
//! copy: a sequence iterator is `(iter, (seq,), index)`, a dict or set iterator the list of
//! what it has left, `enumerate`/`zip`/`map`/`filter` their constructor arguments.
//!
//! One difference: a range iterator reduces to the range of what it has left with index 0
//! (Krait's range iterator keeps no original start), which unpickles to the same items.

use std::cell::RefCell;

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::value::Value;
use crate::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    let reducible = crate::objects::builtin_iters::iterator_types(vm);
    for ty in &reducible {
        vm.add_methods(
            ty,
            crate::methods![ method "__reduce__" => iter_reduce, "Return state information for pickling."; ],
        );
    }
    for ty in [
        vm.types.list_iterator.clone(),
        vm.types.tuple_iterator.clone(),
        vm.types.str_iterator.clone(),
        vm.types.range_iterator.clone(),
        vm.types.seq_iterator.clone(),
        vm.types.reversed.clone(),
        vm.types.list_reverseiterator.clone(),
    ] {
        vm.add_methods(
            &ty,
            crate::methods![ method "__setstate__" => iter_setstate, "Set state information for unpickling."; ],
        );
    }
}

fn builtin_iter(vm: &mut Vm) -> PyResult<Value> {
    let b = Value::Obj(vm.builtins_module.clone());
    vm.getattr_str(&b, "iter")
}

fn seq_len(v: &Value) -> Option<usize> {
    match v.payload()? {
        Payload::List(l) => Some(l.borrow().len()),
        Payload::Tuple(t) => Some(t.len()),
        Payload::Bytes(b) => Some(b.len()),
        Payload::ByteArray(b) => Some(b.borrow().len()),
        _ => None,
    }
}

/// The items an iterator over a dict or set has left, taken from a copy of its state.
fn remaining(vm: &mut Vm, this: &Value, state: IterState) -> PyResult<Value> {
    let cls = vm.type_of(this);
    let copy = Value::Obj(ObjRef::new(
        cls,
        Payload::Iter(Box::new(RefCell::new(state))),
    ));
    let mut items = Vec::new();
    while let Some(v) = vm.next(&copy)? {
        items.push(v);
    }
    Ok(vm.new_list(items))
}

fn iter_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let Some(Payload::Iter(st)) = this.payload() else {
        return Err(vm.type_error("__reduce__ needs a builtin iterator"));
    };
    let cls = vm.type_of(this);
    let is = |t: &ObjRef| ObjRef::ptr_eq(&cls, t);
    // A snapshot of the state, so no borrow is held while Python code runs.
    enum Snap {
        Index(Value, i64),
        Str(ObjRef, usize),
        Range(i64, i64, i64),
        Left(IterState),
        Rev(Value, usize),
        Call(Value, Value),
        Enum(Value, Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
        Done,
        Other,
    }
    let snap = match &*st.borrow() {
        IterState::Seq { seq, index } => Snap::Index(seq.clone(), *index as i64),
        IterState::GetItem { obj, index } => Snap::Index(obj.clone(), *index),
        IterState::Str { s, byte_pos } => Snap::Str(s.clone(), *byte_pos),
        IterState::Range { next, stop, step } => Snap::Range(*next, *stop, *step),
        IterState::Dict {
            dict,
            pos,
            len,
            left,
            kind,
        } => Snap::Left(IterState::Dict {
            dict: dict.clone(),
            pos: *pos,
            len: *len,
            left: *left,
            kind: *kind,
        }),
        IterState::DictRev {
            dict,
            pos,
            len,
            left,
            kind,
        } => Snap::Left(IterState::DictRev {
            dict: dict.clone(),
            pos: *pos,
            len: *len,
            left: *left,
            kind: *kind,
        }),
        IterState::Set { set, pos, len } => Snap::Left(IterState::Set {
            set: set.clone(),
            pos: *pos,
            len: *len,
        }),
        IterState::Reversed { seq, remaining } => Snap::Rev(seq.clone(), *remaining),
        IterState::Call { func, sentinel } => Snap::Call(func.clone(), sentinel.clone()),
        IterState::Enumerate { it, count } => Snap::Enum(it.clone(), count.clone()),
        IterState::Zip { iters, strict } => Snap::Zip(iters.clone(), *strict),
        IterState::Map { func, iters } => Snap::Map(func.clone(), iters.clone()),
        IterState::Filter { func, it } => Snap::Filter(func.clone(), it.clone()),
        IterState::Done => Snap::Done,
        _ => Snap::Other,
    };
    let clsv = Value::Obj(cls.clone());
    let list_iter = vm.types.list_iterator.clone();
    let list_rev = vm.types.list_reverseiterator.clone();
    let list_like = [
        list_iter.clone(),
        list_rev.clone(),
        vm.types.dict_keyiterator.clone(),
        vm.types.dict_valueiterator.clone(),
        vm.types.dict_itemiterator.clone(),
        vm.types.set_iterator.clone(),
    ];
    let out = match snap {
        Snap::Index(seq, index) => {
            let it = builtin_iter(vm)?;
            let a = vm.new_tuple(vec![seq]);
            vec![it, a, Value::Int(index)]
        }
        Snap::Str(s, byte_pos) => {
            let chars = match &s.payload {
                Payload::Str(ps) => ps
                    .wtf8()
                    .get(..byte_pos)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|b| (**b & 0xC0) != 0x80)
                    .count(),
                _ => 0,
            };
            let it = builtin_iter(vm)?;
            let a = vm.new_tuple(vec![Value::Obj(s)]);
            vec![it, a, Value::Int(chars as i64)]
        }
        Snap::Range(next, stop, step) => {
            let (a, b, c) = (i128::from(next), i128::from(stop), i128::from(step));
            let n = if c > 0 && a < b {
                (b - a - 1) / c + 1
            } else if c < 0 && a > b {
                (a - b - 1) / (-c) + 1
            } else {
                0
            };
            let end = a + n * c;
            let end = Value::from_bigint(num_bigint::BigInt::from(end), vm);
            let range = Value::Obj(vm.types.range.clone());
            let r = vm.call_pos(&range, &[Value::Int(next), end, Value::Int(step)])?;
            let it = builtin_iter(vm)?;
            let a = vm.new_tuple(vec![r]);
            vec![it, a, Value::Int(0)]
        }
        Snap::Left(state) => {
            let l = remaining(vm, this, state)?;
            let it = builtin_iter(vm)?;
            let a = vm.new_tuple(vec![l]);
            vec![it, a]
        }
        Snap::Rev(seq, remaining) => {
            if remaining == 0 && is(&list_rev) {
                let it = builtin_iter(vm)?;
                let l = vm.new_list(Vec::new());
                let a = vm.new_tuple(vec![l]);
                vec![it, a]
            } else {
                let rev = Value::Obj(vm.types.reversed.clone());
                let a = vm.new_tuple(vec![seq]);
                vec![rev, a, Value::Int(remaining as i64 - 1)]
            }
        }
        Snap::Call(func, sentinel) => {
            let it = builtin_iter(vm)?;
            let a = vm.new_pair(func, sentinel);
            vec![it, a]
        }
        Snap::Enum(it, count) => {
            let a = vm.new_pair(it, count);
            vec![clsv, a]
        }
        Snap::Zip(iters, strict) => {
            let a = vm.new_tuple(iters);
            if strict {
                vec![clsv, a, Value::bool(true)]
            } else {
                vec![clsv, a]
            }
        }
        Snap::Map(func, iters) => {
            let mut v = vec![func];
            v.extend(iters);
            let a = vm.new_tuple(v);
            vec![clsv, a]
        }
        Snap::Filter(func, it) => {
            let a = vm.new_pair(func, it);
            vec![clsv, a]
        }
        Snap::Done => {
            if is(&vm.types.reversed) {
                let e = vm.new_tuple(Vec::new());
                let a = vm.new_tuple(vec![e]);
                vec![clsv, a]
            } else {
                let empty = if list_like.iter().any(&is) {
                    vm.new_list(Vec::new())
                } else if is(&vm.types.str_iterator) {
                    vm.new_str("")
                } else {
                    vm.new_tuple(Vec::new())
                };
                let it = builtin_iter(vm)?;
                let a = vm.new_tuple(vec![empty]);
                vec![it, a]
            }
        }
        Snap::Other => {
            let tn = vm.type_name(this);
            return Err(vm.type_error(format!("cannot pickle '{tn}' object")));
        }
    };
    Ok(vm.new_tuple(out))
}

fn iter_setstate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__setstate__", 1, 1)?;
    let Some(Payload::Iter(st)) = this.payload() else {
        return Err(vm.type_error("__setstate__ needs a builtin iterator"));
    };
    let index = vm.index_to_i64(&rest[0])?;
    // The sequence's length first: `len()` may run Python code, so no borrow is held.
    let seq = match &*st.borrow() {
        IterState::Seq { seq, .. } | IterState::Reversed { seq, .. } => Some(seq.clone()),
        _ => None,
    };
    let seq_n = match &seq {
        Some(v) => match seq_len(v) {
            Some(n) => n as i64,
            None => vm.len(v)? as i64,
        },
        None => 0,
    };
    let mut s = st.borrow_mut();
    match &mut *s {
        IterState::Seq { index: i, .. } => *i = index.clamp(0, seq_n) as usize,
        IterState::GetItem { index: i, .. } => *i = index.max(0),
        IterState::Str { s: so, byte_pos } => {
            if let Payload::Str(ps) = &so.payload {
                let bytes = ps.wtf8();
                let mut chars = 0i64;
                let mut pos = 0;
                while pos < bytes.len() && chars < index {
                    pos += crate::objects::str::utf8_width(bytes[pos]).max(1);
                    chars += 1;
                }
                *byte_pos = pos.min(bytes.len());
            }
        }
        IterState::Range { next, stop, step } => {
            let (a, b, c) = (i128::from(*next), i128::from(*stop), i128::from(*step));
            let n = if c > 0 && a < b {
                (b - a - 1) / c + 1
            } else if c < 0 && a > b {
                (a - b - 1) / (-c) + 1
            } else {
                0
            };
            let k = i128::from(index).clamp(0, n);
            *next = (a + k * c).clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64;
            if k == n {
                *next = *stop;
            }
        }
        IterState::Reversed { remaining, .. } => {
            *remaining = (index.clamp(-1, seq_n - 1) + 1) as usize;
        }
        _ => {}
    }
    Ok(Value::None)
}

//! `next()` of the builtin iterators (CPython: `Objects/iterobject.c`, `Objects/listobject.c`,
//! `Objects/rangeobject.c`, `Objects/dictobject.c`, `Python/bltinmodule.c`).

use std::cell::RefCell;

use num_bigint::BigInt;
use num_traits::Zero;

use crate::object::{ObjRef, Payload};
use crate::objects::iter::{DictIterKind, IterState};
use crate::value::Value;
use crate::{PyResult, Vm};

/// Advance a builtin iterator: `Ok(None)` when exhausted.
pub fn iter_next(
    vm: &mut Vm,
    this_it: &ObjRef,
    state: &RefCell<IterState>,
) -> PyResult<Option<Value>> {
    // States that never run Python code are advanced under one borrow.
    {
        let mut st = state.borrow_mut();
        match &mut *st {
            IterState::Done => return Ok(None),
            IterState::Range { next, stop, step } => {
                let more = if *step > 0 {
                    *next < *stop
                } else {
                    *next > *stop
                };
                if !more {
                    *st = IterState::Done;
                    return Ok(None);
                }
                let v = *next;
                match next.checked_add(*step) {
                    Some(n) => *next = n,
                    None => *next = *stop,
                }
                return Ok(Some(Value::Int(v)));
            }
            IterState::BigRange { next, stop, step } => {
                let more = if *step > BigInt::zero() {
                    *next < *stop
                } else {
                    *next > *stop
                };
                if !more {
                    *st = IterState::Done;
                    return Ok(None);
                }
                let v = next.clone();
                *next += &*step;
                drop(st);
                return Ok(Some(Value::from_bigint(v, vm)));
            }
            IterState::Seq { seq, index } => {
                let item = seq_item(seq, *index);
                match item {
                    Some(v) => {
                        *index += 1;
                        return Ok(Some(v));
                    }
                    None => {
                        *st = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            IterState::Reversed { seq, remaining } => {
                if *remaining == 0 {
                    *st = IterState::Done;
                    return Ok(None);
                }
                let i = *remaining - 1;
                let item = match seq.payload() {
                    Some(Payload::List(l)) => l.borrow().get(i),
                    Some(Payload::Tuple(t)) => t.get(i).cloned(),
                    _ => None,
                };
                match item {
                    Some(v) => {
                        *remaining = i;
                        return Ok(Some(v));
                    }
                    None => {
                        // A list that shrank under the iterator ends it.
                        if matches!(seq.payload(), Some(Payload::List(_))) {
                            *st = IterState::Done;
                            return Ok(None);
                        }
                    }
                }
            }
            IterState::Str { s, byte_pos } => {
                let Payload::Str(ps) = &s.payload else {
                    return Ok(None);
                };
                let bytes = ps.wtf8();
                if *byte_pos >= bytes.len() {
                    *st = IterState::Done;
                    return Ok(None);
                }
                let first = bytes[*byte_pos];
                if first < 0x80 {
                    *byte_pos += 1;
                    drop(st);
                    return Ok(Some(Value::Obj(vm.latin1_char(first))));
                }
                let w = crate::objects::str::utf8_width(first).max(1);
                let piece = bytes[*byte_pos..*byte_pos + w].to_vec();
                *byte_pos += w;
                drop(st);
                let piece = crate::objects::str::PyStr::from_wtf8(piece);
                if let Some(cp) = piece.char_at(0)
                    && let Ok(b) = u8::try_from(cp)
                {
                    return Ok(Some(Value::Obj(vm.latin1_char(b))));
                }
                return Ok(Some(vm.new_pystr(piece)));
            }
            IterState::Dict {
                dict,
                pos,
                len,
                left,
                kind,
            } => {
                let Payload::Dict(t) = &dict.payload else {
                    return Ok(None);
                };
                let t = t.borrow();
                if t.len() != *len {
                    *len = usize::MAX;
                    drop(t);
                    drop(st);
                    return Err(vm.runtime_error("dictionary changed size during iteration"));
                }
                match t.next_entry(*pos) {
                    Some((i, e)) => {
                        if *left == 0 {
                            *len = usize::MAX;
                            drop(t);
                            drop(st);
                            return Err(
                                vm.runtime_error("dictionary keys changed during iteration")
                            );
                        }
                        *left -= 1;
                        *pos = i;
                        let (k, v) = (e.key.clone(), e.value.clone());
                        let kind = *kind;
                        drop(t);
                        drop(st);
                        return Ok(Some(match kind {
                            DictIterKind::Keys => k,
                            DictIterKind::Values => v,
                            DictIterKind::Items => vm.new_pair(k, v),
                        }));
                    }
                    None => {
                        drop(t);
                        *st = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            IterState::DictRev {
                dict,
                pos,
                len,
                left,
                kind,
            } => {
                let Payload::Dict(t) = &dict.payload else {
                    return Ok(None);
                };
                let t = t.borrow();
                if t.len() != *len {
                    *len = usize::MAX;
                    drop(t);
                    drop(st);
                    return Err(vm.runtime_error("dictionary changed size during iteration"));
                }
                while *pos > 0 {
                    *pos -= 1;
                    if let Some(e) = t.entry(*pos) {
                        *left = left.saturating_sub(1);
                        let (k, v) = (e.key.clone(), e.value.clone());
                        let kind = *kind;
                        drop(t);
                        drop(st);
                        return Ok(Some(match kind {
                            DictIterKind::Keys => k,
                            DictIterKind::Values => v,
                            DictIterKind::Items => vm.new_pair(k, v),
                        }));
                    }
                }
                drop(t);
                *st = IterState::Done;
                return Ok(None);
            }
            IterState::DictView { .. } => {
                drop(st);
                return Err(vm.type_error(format!(
                    "'{}' object is not an iterator",
                    vm.type_name(&Value::Obj(this_it.clone()))
                )));
            }
            IterState::Set { set, pos, len } => {
                let r = match &set.payload {
                    Payload::Set(t) => {
                        let t = t.borrow();
                        if t.len() != *len {
                            Err(())
                        } else {
                            Ok(t.next_key(*pos).map(|(i, k)| (i, k.clone())))
                        }
                    }
                    Payload::FrozenSet(t) => Ok(t.next_key(*pos).map(|(i, k)| (i, k.clone()))),
                    _ => Ok(None),
                };
                match r {
                    Err(()) => {
                        *len = usize::MAX;
                        drop(st);
                        return Err(vm.runtime_error("Set changed size during iteration"));
                    }
                    Ok(Some((i, k))) => {
                        *pos = i;
                        return Ok(Some(k));
                    }
                    Ok(None) => {
                        *st = IterState::Done;
                        return Ok(None);
                    }
                }
            }
            _ => {}
        }
    }
    // States that call back into Python: copy what is needed, release the borrow, call.
    let snapshot = match &*state.borrow() {
        IterState::GetItem { obj, index } => Snap::GetItem(obj.clone(), *index),
        IterState::Call { func, sentinel } => Snap::Call(func.clone(), sentinel.clone()),
        IterState::Enumerate { it, count } => Snap::Enumerate(it.clone(), count.clone()),
        IterState::Zip { iters, strict } => Snap::Zip(iters.clone(), *strict),
        IterState::Map { func, iters } => Snap::Map(func.clone(), iters.clone()),
        IterState::Filter { func, it } => Snap::Filter(func.clone(), it.clone()),
        IterState::Reversed { seq, remaining } => Snap::Reversed(seq.clone(), *remaining),
        _ => return Ok(None),
    };
    match snapshot {
        Snap::GetItem(obj, index) => {
            let item = vm.getitem(&obj, &Value::Int(index));
            sequence_step(vm, state, item, |st| {
                if let IterState::GetItem { index, .. } = st {
                    *index += 1;
                }
            })
        }
        Snap::Reversed(seq, remaining) => {
            let i = remaining - 1;
            let item = vm.getitem(&seq, &Value::Int(i as i64));
            sequence_step(vm, state, item, |st| {
                if let IterState::Reversed { remaining, .. } = st {
                    *remaining = i;
                }
            })
        }
        Snap::Call(func, sentinel) => {
            let v = match vm.call_pos(&func, &[]) {
                Ok(v) => v,
                Err(e) => {
                    let si = vm.types.stop_iteration.clone();
                    if vm.err_matches(&e, &si) {
                        *state.borrow_mut() = IterState::Done;
                        return Ok(None);
                    }
                    return Err(e);
                }
            };
            if vm.eq(&v, &sentinel)? {
                *state.borrow_mut() = IterState::Done;
                return Ok(None);
            }
            Ok(Some(v))
        }
        Snap::Enumerate(it, count) => {
            let Some(v) = vm.next(&it)? else {
                return Ok(None);
            };
            let next_count = match &count {
                Value::Int(i) => match i.checked_add(1) {
                    Some(n) => Value::Int(n),
                    None => Value::from_bigint(BigInt::from(*i) + 1, vm),
                },
                other => vm.binary_op(other, &Value::Int(1), krait_bytecode::BinaryOp::Add)?,
            };
            if let IterState::Enumerate { count: c, .. } = &mut *state.borrow_mut() {
                *c = next_count;
            }
            Ok(Some(vm.new_pair(count, v)))
        }
        Snap::Zip(iters, strict) => {
            if iters.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(iters.len());
            for (i, it) in iters.iter().enumerate() {
                match vm.next(it)? {
                    Some(v) => items.push(v),
                    None => {
                        *state.borrow_mut() = IterState::Done;
                        if strict {
                            if i > 0 {
                                let plural = if i == 1 { " " } else { "s 1-" };
                                return Err(vm.value_error(format!(
                                    "zip() argument {} is shorter than argument{plural}{i}",
                                    i + 1
                                )));
                            }
                            for (j, other) in iters.iter().enumerate().skip(1) {
                                if vm.next(other)?.is_some() {
                                    let plural = if j == 1 { " " } else { "s 1-" };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is longer than argument{plural}{j}",
                                        j + 1
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(vm.new_tuple(items)))
        }
        Snap::Map(func, iters) => {
            let mut items = Vec::with_capacity(iters.len());
            for it in &iters {
                match vm.next(it)? {
                    Some(v) => items.push(v),
                    None => return Ok(None),
                }
            }
            vm.call_pos(&func, &items).map(Some)
        }
        Snap::Filter(func, it) => loop {
            let Some(v) = vm.next(&it)? else {
                return Ok(None);
            };
            let keep = if func.is_none()
                || matches!(&func, Value::Obj(o) if ObjRef::ptr_eq(o, &vm.types.bool_))
            {
                vm.is_true(&v)?
            } else {
                let r = vm.call_pos(&func, std::slice::from_ref(&v))?;
                vm.is_true(&r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
    }
}

enum Snap {
    GetItem(Value, i64),
    Reversed(Value, usize),
    Call(Value, Value),
    Enumerate(Value, Value),
    Zip(Vec<Value>, bool),
    Map(Value, Vec<Value>),
    Filter(Value, Value),
}

/// One step of the sequence protocol: on success advance the state; IndexError or
/// StopIteration from `__getitem__` ends the iteration.
fn sequence_step(
    vm: &mut Vm,
    state: &RefCell<IterState>,
    item: PyResult<Value>,
    advance: impl FnOnce(&mut IterState),
) -> PyResult<Option<Value>> {
    match item {
        Ok(v) => {
            advance(&mut state.borrow_mut());
            Ok(Some(v))
        }
        Err(e) => {
            let ie = vm.types.index_error.clone();
            let si = vm.types.stop_iteration.clone();
            if vm.err_matches(&e, &ie) || vm.err_matches(&e, &si) {
                *state.borrow_mut() = IterState::Done;
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

/// Item `i` of the sequence a `Seq` iterator walks (list, tuple, bytes, bytearray); `None`
/// past the end. Shared by `iter_next` and the eval loop's FOR_ITER fast path.
pub(crate) fn seq_item(seq: &Value, i: usize) -> Option<Value> {
    match seq.payload() {
        Some(Payload::List(l)) => l.borrow().get(i),
        Some(Payload::Tuple(t)) => t.get(i).cloned(),
        Some(Payload::Bytes(b)) => b.get(i).map(|x| Value::Int(i64::from(*x))),
        Some(Payload::ByteArray(b)) => b.borrow().get(i).map(|x| Value::Int(i64::from(*x))),
        _ => None,
    }
}

//! `set` and `frozenset` methods and operators (CPython: `Objects/setobject.c`): the algebra
//! (`set_intersection`, `set_difference`, `set_symmetric_difference_update`), subset tests,
//! comparisons, the repr and `frozenset_hash`.

use std::cell::RefCell;

use krait_bytecode::CompareOp;

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::iter::IterState;
use crate::objects::sequence::{push_str_value, repr_enter, repr_leave};
use crate::objects::set::{SetProbe, SetTable};
use crate::objects::str::PyStr;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Whether `v` is a set or frozenset (or a subclass instance): `PyAnySet_Check`.
pub fn is_anyset(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::Set(_) | Payload::FrozenSet(_)))
}

/// The keys (with hashes) of a set or frozenset, in table order.
pub fn set_keys(v: &Value) -> Vec<(i64, Value)> {
    match v.payload() {
        Some(Payload::Set(t)) => t.borrow().iter().map(|(h, k)| (h, k.clone())).collect(),
        Some(Payload::FrozenSet(t)) => t.iter().map(|(h, k)| (h, k.clone())).collect(),
        _ => Vec::new(),
    }
}

fn set_len(v: &Value) -> usize {
    match v.payload() {
        Some(Payload::Set(t)) => t.borrow().len(),
        Some(Payload::FrozenSet(t)) => t.len(),
        _ => 0,
    }
}

/// A builder for set results: a table that may run `__eq__` while being filled.
pub struct Builder {
    /// The table being filled.
    pub table: RefCell<SetTable>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            table: RefCell::new(SetTable::new()),
        }
    }

    /// `set_copy`: a fresh table merged from `v`'s, as `make_new_set` lays it out.
    fn from_set(v: &Value) -> Builder {
        let mut t = SetTable::new();
        match v.payload() {
            Some(Payload::Set(o)) => t.merge_into_pristine(&o.borrow()),
            Some(Payload::FrozenSet(o)) => t.merge_into_pristine(o),
            _ => {}
        }
        Builder {
            table: RefCell::new(t),
        }
    }

    fn add(&self, vm: &mut Vm, key: Value, hash: i64) -> PyResult<()> {
        if let Err(slot) = vm.set_lookup(&self.table, &key, hash)? {
            self.table.borrow_mut().insert_at(slot, hash, key);
        }
        Ok(())
    }

    fn discard(&self, vm: &mut Vm, key: &Value, hash: i64) -> PyResult<bool> {
        match vm.set_lookup(&self.table, key, hash)? {
            Ok(slot) => {
                let old = self.table.borrow_mut().remove_at(slot);
                drop(old);
                Ok(true)
            }
            Err(_) => Ok(false),
        }
    }

    fn finish(self, vm: &mut Vm, frozen: bool) -> Value {
        let t = self.table.into_inner();
        if frozen {
            Value::Obj(ObjRef::new(
                vm.types.frozenset.clone(),
                Payload::FrozenSet(Box::new(t)),
            ))
        } else {
            Value::Obj(ObjRef::new(
                vm.types.set.clone(),
                Payload::Set(Box::new(RefCell::new(t))),
            ))
        }
    }
}

/// Look `key` up in a frozen table (no mutation can happen, so no restarts).
fn frozen_contains(vm: &mut Vm, t: &SetTable, key: &Value, hash: i64) -> PyResult<bool> {
    let mut st = t.probe_start(hash);
    loop {
        match t.probe(hash, st) {
            SetProbe::Vacant { .. } => return Ok(false),
            SetProbe::Candidate { slot, next } => {
                st = next;
                if let Some(k) = t.key_at(slot) {
                    let k = k.clone();
                    if vm.eq(&k, key)? {
                        return Ok(true);
                    }
                }
            }
        }
    }
}

/// The hash of a key for set lookups; a set key is looked up as a frozenset
/// (`set_contains_key` with CPython's retry).
fn key_hash(vm: &mut Vm, key: &Value) -> PyResult<(Value, i64)> {
    match vm.hash(key) {
        Ok(h) => Ok((key.clone(), h)),
        Err(e) => unhashable_key(vm, key, e),
    }
}

/// [`key_hash`] when hashing `key` raised `e`: a set key stands for the frozenset of its items
/// (`set_contains_key`, `set_discard_key`), anything else fails with `e`.
#[cold]
fn unhashable_key(vm: &mut Vm, key: &Value, e: crate::PyErr) -> PyResult<(Value, i64)> {
    if matches!(key.payload(), Some(Payload::Set(_)))
        && vm.err_matches(&e, &vm.types.type_error.clone())
    {
        let items = set_keys(key);
        let mut t = SetTable::new();
        for (h, k) in items {
            t.insert_unique(h, k);
        }
        let fs = Value::Obj(ObjRef::new(
            vm.types.frozenset.clone(),
            Payload::FrozenSet(Box::new(t)),
        ));
        let h = vm.hash(&fs)?;
        return Ok((fs, h));
    }
    Err(e)
}

/// `key in s` for a set or frozenset value.
pub fn set_contains(vm: &mut Vm, s: &Value, key: &Value) -> PyResult<bool> {
    let h = match vm.hash(key) {
        Ok(h) => h,
        Err(e) => {
            let (key, h) = unhashable_key(vm, key, e)?;
            return contains_hashed(vm, s, &key, h);
        }
    };
    contains_hashed(vm, s, key, h)
}

fn contains_hashed(vm: &mut Vm, s: &Value, key: &Value, h: i64) -> PyResult<bool> {
    match s.payload() {
        Some(Payload::Set(t)) => Ok(vm.set_lookup(t, key, h)?.is_ok()),
        Some(Payload::FrozenSet(t)) => frozen_contains(vm, t, key, h),
        _ => Ok(false),
    }
}

/// The items of any iterable with their hashes (sets reuse their stored hashes).
fn hashed_items(vm: &mut Vm, v: &Value) -> PyResult<Vec<(i64, Value)>> {
    if is_anyset(v) {
        return Ok(set_keys(v));
    }
    if let Some(Payload::Dict(t)) = v.payload() {
        return Ok(t.borrow().iter().map(|e| (e.hash, e.key.clone())).collect());
    }
    let items = vm.iterate(v)?;
    let mut out = Vec::with_capacity(items.len());
    for k in items {
        let h = vm.hash(&k)?;
        out.push((h, k));
    }
    Ok(out)
}

fn this_set<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, &'a [Value])> {
    let (this, rest) = method_args(vm, args, name, min, max)?;
    if !is_anyset(this) {
        return Err(vm.type_error(format!(
            "descriptor '{name}' for 'set' objects doesn't apply to a '{}' object",
            vm.type_name(this)
        )));
    }
    Ok((this, rest))
}

fn this_varargs<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
) -> PyResult<(&'a Value, &'a [Value])> {
    crate::native::no_kwargs(vm, args, name)?;
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error(format!("descriptor '{name}' needs an argument")));
    };
    if !is_anyset(this) {
        return Err(vm.type_error(format!(
            "descriptor '{name}' for 'set' objects doesn't apply to a '{}' object",
            vm.type_name(this)
        )));
    }
    Ok((this, rest))
}

fn mut_table<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a RefCell<SetTable>> {
    match v.payload() {
        Some(Payload::Set(t)) => Ok(t),
        _ => Err(vm.type_error("expected a set")),
    }
}

fn is_frozen(v: &Value) -> bool {
    matches!(v.payload(), Some(Payload::FrozenSet(_)))
}

/// Register `set` and `frozenset` methods.
pub fn init(vm: &mut Vm) {
    let set = vm.types.set.clone();
    let fs = vm.types.frozenset.clone();
    for t in [&set, &fs] {
        vm.add_methods(
            t,
            crate::methods![
                method "__repr__" => set_repr, "";
                method "__len__" => set_len_m, "";
                method "__contains__" => set_contains_m, "";
                method "__iter__" => set_iter, "";
                method "__eq__" => set_eq, "";
                method "__ne__" => set_ne, "";
                method "__lt__" => set_lt, "";
                method "__le__" => set_le, "";
                method "__gt__" => set_gt, "";
                method "__ge__" => set_ge, "";
                method "__or__" => set_or, "";
                method "__ror__" => set_or, "";
                method "__and__" => set_and, "";
                method "__rand__" => set_and, "";
                method "__sub__" => set_sub, "";
                method "__rsub__" => set_rsub, "";
                method "__xor__" => set_xor, "";
                method "__rxor__" => set_xor, "";
                method "copy" => set_copy, "";
                method "union" => set_union, "";
                method "intersection" => set_intersection, "";
                method "difference" => set_difference, "";
                method "symmetric_difference" => set_symmetric_difference, "";
                method "issubset" => set_issubset, "";
                method "issuperset" => set_issuperset, "";
                method "isdisjoint" => set_isdisjoint, "";
                method "__reduce__" => set_reduce, "";
            ],
        );
    }
    vm.add_methods(
        &set,
        crate::methods![
            staticmethod "__new__" => set_new, "";
            method "__init__" => set_init, "";
            method "__ior__" => set_ior, "";
            method "__iand__" => set_iand, "";
            method "__isub__" => set_isub, "";
            method "__ixor__" => set_ixor, "";
            method "add" => set_add_m, "";
            method "discard" => set_discard, "";
            method "remove" => set_remove, "";
            method "pop" => set_pop, "";
            method "clear" => set_clear, "";
            method "update" => set_update_m, "";
            method "intersection_update" => set_intersection_update, "";
            method "difference_update" => set_difference_update, "";
            method "symmetric_difference_update" => set_symmetric_difference_update, "";
        ],
    );
    vm.set_type_attr(&set, "__hash__", Value::None);
    vm.add_methods(
        &fs,
        crate::methods![
            staticmethod "__new__" => frozenset_new, "";
            method "__hash__" => frozenset_hash, "";
        ],
    );
}

/// `set_reduce`: `(type(s), (list(s),), s.__getstate__())`.
fn set_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "__reduce__", 0, 0)?;
    let keys: Vec<Value> = set_keys(this).into_iter().map(|(_, k)| k).collect();
    let list = vm.new_list(keys);
    let cls = Value::Obj(vm.type_of(this));
    let getstate = vm.getattr_str(this, "__getstate__")?;
    let state = vm.call_pos(&getstate, &[])?;
    let inner = vm.new_tuple(vec![list]);
    Ok(vm.new_tuple(vec![cls, inner, state]))
}

fn set_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = &crate::native::new_cls(vm, &args, "set")?;
    let cls = cls.clone();
    Ok(Value::Obj(vm.new_object(
        &cls,
        Payload::Set(Box::new(RefCell::new(SetTable::new()))),
    )))
}

fn set_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'set' object needs an argument"));
    };
    if args.has_kwargs() {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    let pos = &args.values[1..];
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "set expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let t = mut_table(vm, this)?;
    t.borrow_mut().clear();
    if let Some(it) = pos.first() {
        update_with(vm, this, it)?;
    }
    Ok(Value::None)
}

fn frozenset_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = &crate::native::new_cls(vm, &args, "frozenset")?;
    let cls = cls.clone();
    if args.has_kwargs() {
        return Err(vm.type_error("frozenset() takes no keyword arguments"));
    }
    let pos = &args.values[1..];
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "frozenset expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    let exact = ObjRef::ptr_eq(&cls, &vm.types.frozenset);
    if exact
        && let Some(v) = pos.first()
        && is_frozen(v)
        && crate::objects::sequence::is_builtin_exact(v)
    {
        return Ok(v.clone());
    }
    let b = Builder::new();
    if let Some(v) = pos.first() {
        update_table(vm, &b.table, v)?;
    }
    let t = b.table.into_inner();
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::FrozenSet(Box::new(t))),
    ))
}

/// `s.update(it)` for a mutable set value.
pub fn update_with(vm: &mut Vm, s: &Value, it: &Value) -> PyResult<()> {
    let t = mut_table(vm, s)?;
    update_table(vm, t, it)
}

/// `set_update_internal`: sets merge (pre-sized, copied when the target is pristine),
/// dicts pre-size and add with their stored hashes, other iterables add one by one.
fn update_table(vm: &mut Vm, t: &RefCell<SetTable>, it: &Value) -> PyResult<()> {
    if is_anyset(it) {
        let pristine = t.borrow().is_pristine();
        if pristine {
            match it.payload() {
                Some(Payload::Set(o)) => {
                    let o = o.borrow().clone();
                    t.borrow_mut().merge_into_pristine(&o);
                }
                Some(Payload::FrozenSet(o)) => t.borrow_mut().merge_into_pristine(o),
                _ => {}
            }
            return Ok(());
        }
        // `s |= s`: the length must be read before the table is borrowed for writing.
        let n = set_len(it);
        t.borrow_mut().presize(n);
    } else if let Some(Payload::Dict(d)) = it.payload() {
        let n = d.borrow().len();
        t.borrow_mut().presize(n);
    }
    for (h, k) in hashed_items(vm, it)? {
        if let Err(slot) = vm.set_lookup(t, &k, h)? {
            t.borrow_mut().insert_at(slot, h, k);
        }
    }
    Ok(())
}

fn set_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "__repr__", 0, 0)?;
    let tname = vm.type_name(this);
    let exact_set = matches!(this, Value::Obj(o) if o.class_is(&vm.types.set));
    if repr_enter(vm, this) {
        return Ok(vm.new_string(format!("{tname}(...)")));
    }
    let keys = set_keys(this);
    if keys.is_empty() {
        repr_leave(vm, this);
        return Ok(vm.new_string(format!("{tname}()")));
    }
    let mut out = Vec::new();
    if !exact_set {
        out.extend_from_slice(tname.as_bytes());
        out.push(b'(');
    }
    out.push(b'{');
    let mut r = Ok(());
    for (i, (_, k)) in keys.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b", ");
        }
        match vm.repr(k) {
            Ok(s) => push_str_value(&mut out, &s),
            Err(e) => {
                r = Err(e);
                break;
            }
        }
    }
    repr_leave(vm, this);
    r?;
    out.push(b'}');
    if !exact_set {
        out.push(b')');
    }
    Ok(vm.new_pystr(PyStr::from_wtf8(out)))
}

fn set_len_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(set_len(this) as i64))
}

fn set_contains_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::bool(set_contains(vm, this, &rest[0])?))
}

fn set_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "__iter__", 0, 0)?;
    let Value::Obj(o) = this else {
        return Err(vm.type_error("expected a set"));
    };
    let len = set_len(this);
    let t = vm.types.set_iterator.clone();
    Ok(Value::Obj(ObjRef::new(
        t,
        Payload::Iter(Box::new(RefCell::new(IterState::Set {
            set: o.clone(),
            pos: 0,
            len,
        }))),
    )))
}

/// Whether every key of `a` is in `b` (both sets).
fn is_subset(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if set_len(a) > set_len(b) {
        return Ok(false);
    }
    for (h, k) in set_keys(a) {
        if !contains_hashed(vm, b, &k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Rich comparison of two sets (`set_richcompare`).
pub fn set_compare(vm: &mut Vm, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !is_anyset(b) {
        return Ok(vm.not_implemented.clone());
    }
    let (la, lb) = (set_len(a), set_len(b));
    let r = match op {
        CompareOp::Eq => la == lb && is_subset(vm, a, b)?,
        CompareOp::Ne => !(la == lb && is_subset(vm, a, b)?),
        CompareOp::Le => is_subset(vm, a, b)?,
        CompareOp::Ge => is_subset(vm, b, a)?,
        CompareOp::Lt => la < lb && is_subset(vm, a, b)?,
        CompareOp::Gt => la > lb && is_subset(vm, b, a)?,
    };
    Ok(Value::bool(r))
}

macro_rules! cmp_method {
    ($name:ident, $op:expr) => {
        fn $name(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (this, rest) = this_set(vm, &args, "__eq__", 1, 1)?;
            set_compare(vm, this, &rest[0], $op)
        }
    };
}
cmp_method!(set_eq, CompareOp::Eq);
cmp_method!(set_ne, CompareOp::Ne);
cmp_method!(set_lt, CompareOp::Lt);
cmp_method!(set_le, CompareOp::Le);
cmp_method!(set_gt, CompareOp::Gt);
cmp_method!(set_ge, CompareOp::Ge);

/// `a | b` for sets: a new set of `a`'s kind.
pub fn union(vm: &mut Vm, a: &Value, others: &[Value]) -> PyResult<Value> {
    let b = Builder::from_set(a);
    for o in others {
        update_table(vm, &b.table, o)?;
    }
    Ok(b.finish(vm, is_frozen(a)))
}

/// `set_intersection(a, other)`: iterates the smaller side when both are sets.
pub fn intersection(vm: &mut Vm, a: &Value, other: &Value) -> PyResult<Value> {
    let b = Builder::new();
    let (small, big) = if is_anyset(other) && set_len(other) > set_len(a) {
        (a, other)
    } else {
        (other, a)
    };
    for (h, k) in hashed_items(vm, small)? {
        if contains_hashed(vm, big, &k, h)? {
            b.add(vm, k, h)?;
        }
    }
    Ok(b.finish(vm, is_frozen(a)))
}

/// `a - others...` (`set_difference_multi`; the first step is `set_difference`, which
/// builds the result by filtering `a` unless `a` is much bigger than the other side).
pub fn difference(vm: &mut Vm, a: &Value, others: &[Value]) -> PyResult<Value> {
    let Some((first, rest)) = others.split_first() else {
        return Ok(Builder::from_set(a).finish(vm, is_frozen(a)));
    };
    let other_size = if is_anyset(first) {
        Some(set_len(first))
    } else if let Some(Payload::Dict(d)) = first.payload() {
        Some(d.borrow().len())
    } else {
        None
    };
    let b = match other_size {
        Some(n) if (set_len(a) >> 2) <= n => {
            let b = Builder::new();
            for (h, k) in set_keys(a) {
                let present = match first {
                    Value::Obj(d) if matches!(d.payload, Payload::Dict(_)) => {
                        vm.dict_get(d, &k)?.is_some()
                    }
                    _ => contains_hashed(vm, first, &k, h)?,
                };
                if !present {
                    b.add(vm, k, h)?;
                }
            }
            b
        }
        _ => {
            let b = Builder::from_set(a);
            for (h, k) in hashed_items(vm, first)? {
                b.discard(vm, &k, h)?;
            }
            b
        }
    };
    for o in rest {
        for (h, k) in hashed_items(vm, o)? {
            b.discard(vm, &k, h)?;
        }
    }
    Ok(b.finish(vm, is_frozen(a)))
}

/// `a ^ other` (`set_symmetric_difference`: `set(other)`, then toggle `a`'s keys in it).
pub fn symmetric_difference(vm: &mut Vm, a: &Value, other: &Value) -> PyResult<Value> {
    let b = Builder::new();
    update_table(vm, &b.table, other)?;
    for (h, k) in set_keys(a) {
        if !b.discard(vm, &k, h)? {
            b.add(vm, k, h)?;
        }
    }
    Ok(b.finish(vm, is_frozen(a)))
}

/// `set_symmetric_difference_update`: toggle each key of `other` (as a set) in `this`.
fn toggle_keys(vm: &mut Vm, t: &RefCell<SetTable>, other: &Value) -> PyResult<()> {
    let items = if is_anyset(other) || matches!(other.payload(), Some(Payload::Dict(_))) {
        hashed_items(vm, other)?
    } else {
        let o = Builder::new();
        update_table(vm, &o.table, other)?;
        o.table
            .into_inner()
            .iter()
            .map(|(h, k)| (h, k.clone()))
            .collect()
    };
    for (h, k) in items {
        match vm.set_lookup(t, &k, h)? {
            Ok(slot) => {
                let old = t.borrow_mut().remove_at(slot);
                drop(old);
            }
            Err(slot) => t.borrow_mut().insert_at(slot, h, k),
        }
    }
    Ok(())
}

fn set_or(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__or__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    union(vm, this, &rest[..1])
}

fn set_and(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__and__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    intersection(vm, this, &rest[0])
}

fn set_sub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__sub__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    difference(vm, this, &rest[..1])
}

fn set_rsub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__rsub__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    difference(vm, &rest[0], std::slice::from_ref(this))
}

fn set_xor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__xor__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    symmetric_difference(vm, this, &rest[0])
}

/// Replace a mutable set's table with a computed result's.
fn assign_result(vm: &mut Vm, this: &Value, result: &Value) -> PyResult<()> {
    let t = mut_table(vm, this)?;
    let new = match result.payload() {
        Some(Payload::Set(r)) => r.borrow().clone(),
        Some(Payload::FrozenSet(r)) => (**r).clone(),
        _ => SetTable::new(),
    };
    let version = t.borrow().version;
    let mut new = new;
    new.version = version + 1;
    let old = std::mem::replace(&mut *t.borrow_mut(), new);
    drop(old);
    Ok(())
}

fn set_ior(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__ior__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    update_with(vm, this, &rest[0])?;
    Ok(this.clone())
}

fn set_iand(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__iand__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    let r = intersection(vm, this, &rest[0])?;
    assign_result(vm, this, &r)?;
    Ok(this.clone())
}

fn set_isub(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__isub__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    difference_update(vm, this, &rest[..1])?;
    Ok(this.clone())
}

fn set_ixor(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "__ixor__", 1, 1)?;
    if !is_anyset(&rest[0]) {
        return Ok(vm.not_implemented.clone());
    }
    symmetric_difference_update(vm, this, &rest[0])?;
    Ok(this.clone())
}

fn difference_update(vm: &mut Vm, this: &Value, others: &[Value]) -> PyResult<()> {
    let t = mut_table(vm, this)?;
    for o in others {
        for (h, k) in hashed_items(vm, o)? {
            if let Ok(slot) = vm.set_lookup(t, &k, h)? {
                let old = t.borrow_mut().remove_at(slot);
                drop(old);
            }
        }
    }
    Ok(())
}

fn symmetric_difference_update(vm: &mut Vm, this: &Value, other: &Value) -> PyResult<()> {
    let t = mut_table(vm, this)?;
    if other.is(this) {
        t.borrow_mut().clear();
        return Ok(());
    }
    toggle_keys(vm, t, other)
}

fn set_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "set.copy", 0, 0)?;
    if is_frozen(this) && crate::objects::sequence::is_builtin_exact(this) {
        return Ok(this.clone());
    }
    Ok(Builder::from_set(this).finish(vm, is_frozen(this)))
}

fn set_union(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_varargs(vm, &args, "union")?;
    union(vm, this, rest)
}

fn set_intersection(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_varargs(vm, &args, "intersection")?;
    if rest.is_empty() {
        return Ok(Builder::from_set(this).finish(vm, is_frozen(this)));
    }
    let mut acc = this.clone();
    for o in rest {
        acc = intersection(vm, &acc, o)?;
    }
    Ok(acc)
}

fn set_difference(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_varargs(vm, &args, "difference")?;
    difference(vm, this, rest)
}

fn set_symmetric_difference(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.symmetric_difference", 1, 1)?;
    symmetric_difference(vm, this, &rest[0])
}

/// `other` as a set value (sets as they are, other iterables collected).
fn as_set(vm: &mut Vm, other: &Value) -> PyResult<Value> {
    if is_anyset(other) {
        return Ok(other.clone());
    }
    let b = Builder::new();
    for (h, k) in hashed_items(vm, other)? {
        b.add(vm, k, h)?;
    }
    Ok(b.finish(vm, false))
}

fn set_issubset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.issubset", 1, 1)?;
    let other = as_set(vm, &rest[0])?;
    Ok(Value::bool(is_subset(vm, this, &other)?))
}

fn set_issuperset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.issuperset", 1, 1)?;
    if is_anyset(&rest[0]) {
        return Ok(Value::bool(is_subset(vm, &rest[0], this)?));
    }
    for (h, k) in hashed_items(vm, &rest[0])? {
        if !contains_hashed(vm, this, &k, h)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn set_isdisjoint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.isdisjoint", 1, 1)?;
    let it = vm.iter(&rest[0])?;
    while let Some(k) = vm.next(&it)? {
        if set_contains(vm, this, &k)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

fn set_add_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.add", 1, 1)?;
    let t = mut_table(vm, this)?;
    let h = vm.hash(&rest[0])?;
    if let Err(slot) = vm.set_lookup(t, &rest[0], h)? {
        t.borrow_mut().insert_at(slot, h, rest[0].clone());
    }
    Ok(Value::None)
}

fn discard_key(vm: &mut Vm, this: &Value, key: &Value) -> PyResult<bool> {
    let t = mut_table(vm, this)?;
    let (key, h) = key_hash(vm, key)?;
    match vm.set_lookup(t, &key, h)? {
        Ok(slot) => {
            let old = t.borrow_mut().remove_at(slot);
            drop(old);
            Ok(true)
        }
        Err(_) => Ok(false),
    }
}

fn set_discard(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.discard", 1, 1)?;
    discard_key(vm, this, &rest[0])?;
    Ok(Value::None)
}

fn set_remove(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.remove", 1, 1)?;
    if !discard_key(vm, this, &rest[0])? {
        return Err(vm.key_error(rest[0].clone()));
    }
    Ok(Value::None)
}

fn set_pop(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "set.pop", 0, 0)?;
    let t = mut_table(vm, this)?;
    let k = t.borrow_mut().pop_any();
    match k {
        Some(k) => Ok(k),
        None => Err(vm.key_error_msg("pop from an empty set")),
    }
}

fn set_clear(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "set.clear", 0, 0)?;
    let t = mut_table(vm, this)?;
    let old = std::mem::take(&mut *t.borrow_mut());
    let v = old.version;
    t.borrow_mut().version = v + 1;
    drop(old);
    Ok(Value::None)
}

fn set_update_m(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_varargs(vm, &args, "update")?;
    for o in rest {
        update_with(vm, this, o)?;
    }
    Ok(Value::None)
}

fn set_intersection_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_varargs(vm, &args, "intersection_update")?;
    let mut acc = this.clone();
    for o in rest {
        acc = intersection(vm, &acc, o)?;
    }
    assign_result(vm, this, &acc)?;
    Ok(Value::None)
}

fn set_difference_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_varargs(vm, &args, "difference_update")?;
    difference_update(vm, this, rest)?;
    Ok(Value::None)
}

fn set_symmetric_difference_update(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = this_set(vm, &args, "set.symmetric_difference_update", 1, 1)?;
    symmetric_difference_update(vm, this, &rest[0])?;
    Ok(Value::None)
}

fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
}

/// `frozenset_hash`: order-independent, CPython's exact value.
pub fn frozenset_hash_value(keys: &[(i64, Value)]) -> i64 {
    let mut hash: u64 = 0;
    for (h, _) in keys {
        hash ^= shuffle_bits(*h as u64);
    }
    hash ^= (keys.len() as u64 + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let h = hash as i64;
    if h == -1 { 590923713 } else { h }
}

fn frozenset_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = this_set(vm, &args, "__hash__", 0, 0)?;
    Ok(Value::Int(frozenset_hash_value(&set_keys(this))))
}

//! Dict and set operations that may run Python code (`__hash__`, `__eq__`), and the
//! iteration protocol (CPython: `Objects/dictobject.c`, `Objects/setobject.c`,
//! `Objects/abstract.c: PyObject_GetIter`).

use std::cell::RefCell;

use crate::object::{ObjRef, Payload};
use crate::objects::dict::{DictTable, Probe};
use crate::objects::iter::{DictIterKind, IterState};
use crate::objects::set::{SetProbe, SetTable};
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyResult, Vm};

/// Keys that compare equal without running Python code: same identity, or both exact str,
/// or both inline ints.
#[inline]
fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Obj(x), Value::Obj(y)) => match (&x.payload, &y.payload) {
            (Payload::Str(s1), Payload::Str(s2))
                if x.with_class(|c| type_data(c).builtin)
                    && y.with_class(|c| type_data(c).builtin) =>
            {
                Some(s1.wtf8() == s2.wtf8())
            }
            _ => None,
        },
        _ => None,
    }
}

/// Insert or replace a str key in a type namespace (no Python code runs).
pub fn table_set_str(table: &mut DictTable, key: Value, hash: i64, value: Value) {
    let mut st = table.probe_start(hash);
    loop {
        match table.probe(hash, st) {
            Probe::Vacant { .. } => {
                table.insert_new(hash, key, value);
                return;
            }
            Probe::Candidate { entry, next } => {
                if let Some(k) = table.key_at(entry)
                    && fast_eq(&k, &key) == Some(true)
                {
                    table.set_value(entry, value);
                    return;
                }
                st = next;
            }
        }
    }
}

/// Remove a str key from a type namespace; whether it was there.
pub fn table_del_str(table: &mut DictTable, name: &str, hash: i64) -> bool {
    let mut st = table.probe_start(hash);
    loop {
        match table.probe(hash, st) {
            Probe::Vacant { .. } => return false,
            Probe::Candidate { entry, next } => {
                let hit = table.key_at(entry).is_some_and(|k| matches!(&*k, Value::Obj(k) if matches!(&k.payload, Payload::Str(s) if s.wtf8() == name.as_bytes())));
                if hit {
                    table.remove_entry(entry);
                    return true;
                }
                st = next;
            }
        }
    }
}

/// More items than a length hint may promise before collecting raises `MemoryError` (where
/// CPython's preallocation fails), instead of iterating for hours or aborting on allocation.
const MAX_PREALLOC_ITEMS: usize = 1 << 32;

impl Vm {
    #[inline]
    fn dict_table<'a>(&mut self, d: &'a ObjRef) -> PyResult<&'a RefCell<DictTable>> {
        match &d.payload {
            Payload::Dict(t) => Ok(t),
            _ => Err(self.type_error("expected a dict")),
        }
    }

    /// Find `key` in a dict: the entry index, running `__eq__` as needed and restarting if
    /// the dict changes underneath.
    pub fn dict_lookup(&mut self, d: &ObjRef, key: &Value, hash: i64) -> PyResult<Option<usize>> {
        let table = self.dict_table(d)?;
        'restart: loop {
            let mut st = table.borrow().probe_start(hash);
            loop {
                let (cand, version) = {
                    let t = table.borrow();
                    match t.probe(hash, st) {
                        Probe::Vacant { .. } => return Ok(None),
                        Probe::Candidate { entry, next } => {
                            st = next;
                            let Some(k) = t.key_at(entry) else { continue };
                            // Identity first, on the key as rebuilt in registers: most hits
                            // (interned names, the same str object) end here.
                            if k.is(key) {
                                return Ok(Some(entry));
                            }
                            match fast_eq(&k, key) {
                                Some(true) => return Ok(Some(entry)),
                                Some(false) => continue,
                                None => ((entry, k.clone()), t.version),
                            }
                        }
                    }
                };
                let equal = self.eq(&cand.1, key)?;
                if table.borrow().version != version {
                    continue 'restart;
                }
                if equal {
                    return Ok(Some(cand.0));
                }
            }
        }
    }

    /// `d.get(key)` without KeyError.
    pub fn dict_get(&mut self, d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        self.dict_get_hashed(d, key, hash)
    }

    /// `d.get(key)` for a key whose hash is known (`_PyDict_GetItem_KnownHash`).
    pub fn dict_get_hashed(
        &mut self,
        d: &ObjRef,
        key: &Value,
        hash: i64,
    ) -> PyResult<Option<Value>> {
        let idx = self.dict_lookup(d, key, hash)?;
        let table = self.dict_table(d)?;
        Ok(idx.and_then(|i| table.borrow().value_at(i).map(|v| v.clone())))
    }

    /// `d[key] = value`.
    pub fn dict_set(&mut self, d: &ObjRef, key: Value, value: Value) -> PyResult<()> {
        let hash = self.hash(&key)?;
        self.dict_set_hashed(d, key, hash, value)
    }

    /// `d[key] = value` for a key whose hash is known (`_PyDict_SetItem_KnownHash`).
    pub fn dict_set_hashed(
        &mut self,
        d: &ObjRef,
        key: Value,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        let idx = self.dict_lookup(d, &key, hash)?;
        let table = self.dict_table(d)?;
        let old = match idx {
            Some(i) => table.borrow_mut().set_value(i, value),
            None => {
                table.borrow_mut().insert_new(hash, key, value);
                None
            }
        };
        drop(old);
        Ok(())
    }

    /// `del d[key]`: the removed value, or `None` if absent.
    pub fn dict_del(&mut self, d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        self.dict_del_hashed(d, key, hash)
    }

    /// `del d[key]` for a key whose hash is known: the removed value, or `None` if absent.
    pub fn dict_del_hashed(
        &mut self,
        d: &ObjRef,
        key: &Value,
        hash: i64,
    ) -> PyResult<Option<Value>> {
        let idx = self.dict_lookup(d, key, hash)?;
        let table = self.dict_table(d)?;
        let removed = idx.and_then(|i| table.borrow_mut().remove_entry(i));
        Ok(removed.map(|e| e.value))
    }

    /// The (key, value) pairs of a mapping (dicts directly, others via `keys()`).
    pub fn dict_items(&mut self, m: &Value) -> PyResult<Vec<(Value, Value)>> {
        if let Some(Payload::Dict(t)) = m.payload() {
            return Ok(t
                .borrow()
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect());
        }
        let keys_fn = self.getattr_str(m, "keys")?;
        let keys = self.call_pos(&keys_fn, &[])?;
        let mut out = Vec::new();
        for k in self.iterate(&keys)? {
            let v = self.getitem(m, &k)?;
            out.push((k, v));
        }
        Ok(out)
    }

    /// `d.update(m)` (`DICT_UPDATE`).
    pub fn dict_update(&mut self, d: &Value, m: &Value, _merge: bool) -> PyResult<()> {
        let Some(dobj) = d.as_obj().cloned() else {
            return Err(self.type_error("expected a dict"));
        };
        let has_keys = matches!(m.payload(), Some(Payload::Dict(_)))
            || self.lookup_special_str(m, "keys").is_some();
        if !has_keys {
            return Err(self.type_error(format!("'{}' object is not a mapping", self.type_name(m))));
        }
        for (k, v) in self.dict_items(m)? {
            self.dict_set(&dobj, k, v)?;
        }
        Ok(())
    }

    /// `DICT_MERGE` for `f(**a, **b)`: duplicate keys are an error naming the function.
    pub fn dict_merge_kwargs(
        &mut self,
        d: &Value,
        m: &Value,
        func: Option<&Value>,
    ) -> PyResult<()> {
        let Some(dobj) = d.as_obj().cloned() else {
            return Err(self.type_error("expected a dict"));
        };
        // The name is only built for an error message (`format_kwargs_error`).
        let fname = |vm: &mut Vm| match func {
            Some(f) => vm.callable_name(f),
            None => String::from("function"),
        };
        let has_keys = matches!(m.payload(), Some(Payload::Dict(_)))
            || self.lookup_special_str(m, "keys").is_some();
        if !has_keys {
            let fname = fname(self);
            return Err(self.type_error(format!(
                "{fname} argument after ** must be a mapping, not {}",
                self.type_name(m)
            )));
        }
        for (k, v) in self.dict_items(m)? {
            if self.dict_get(&dobj, &k)?.is_some() {
                let ks = self.str_string(&k)?;
                let fname = fname(self);
                return Err(self.type_error(format!(
                    "{fname} got multiple values for keyword argument '{ks}'"
                )));
            }
            self.dict_set(&dobj, k, v)?;
        }
        Ok(())
    }

    /// A readable name for a callable, as CPython's `_PyObject_FunctionStr`.
    pub fn callable_name(&mut self, f: &Value) -> String {
        match f.payload() {
            Some(Payload::Function(fd)) => {
                // `_PyObject_FunctionStr`: `module.qualname()` unless the module is builtins.
                let qual = self.str_text(&fd.qualname.borrow());
                let module = fd.module.borrow().clone();
                match module.payload() {
                    Some(Payload::Str(m)) if m.wtf8() != b"builtins" => {
                        format!("{}.{qual}()", self.str_text(&module))
                    }
                    _ => format!("{qual}()"),
                }
            }
            Some(Payload::Builtin(b)) => format!("{}()", b.name),
            _ => format!("{} object", self.type_name(f)),
        }
    }

    // ----- sets -----

    /// A new set from values.
    pub fn new_set_from(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let s = Value::Obj(ObjRef::new(
            self.types.set.clone(),
            Payload::Set(Box::new(RefCell::new(SetTable::new()))),
        ));
        for v in items {
            self.set_add(&s, v)?;
        }
        Ok(s)
    }

    /// A new frozenset from values.
    pub fn new_frozenset_from(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let s = self.new_set_from(items)?;
        let table = match s.payload() {
            Some(Payload::Set(t)) => t.borrow().clone(),
            _ => SetTable::new(),
        };
        Ok(Value::Obj(ObjRef::new(
            self.types.frozenset.clone(),
            Payload::FrozenSet(Box::new(table)),
        )))
    }

    /// Find `key` in a set table: the slot, if present.
    pub fn set_lookup(
        &mut self,
        table: &RefCell<SetTable>,
        key: &Value,
        hash: i64,
    ) -> PyResult<Result<usize, usize>> {
        'restart: loop {
            let mut st = table.borrow().probe_start(hash);
            loop {
                let (slot, cand, version) = {
                    let t = table.borrow();
                    match t.probe(hash, st) {
                        SetProbe::Vacant { slot } => return Ok(Err(slot)),
                        SetProbe::Candidate { slot, next } => {
                            st = next;
                            let Some(k) = t.key_at(slot) else { continue };
                            match fast_eq(&k, key) {
                                Some(true) => return Ok(Ok(slot)),
                                Some(false) => continue,
                                None => (slot, k.clone(), t.version),
                            }
                        }
                    }
                };
                let equal = self.eq(&cand, key)?;
                if table.borrow().version != version {
                    continue 'restart;
                }
                if equal {
                    return Ok(Ok(slot));
                }
            }
        }
    }

    /// `s.add(v)`.
    pub fn set_add(&mut self, s: &Value, v: Value) -> PyResult<()> {
        let Some(Payload::Set(table)) = s.payload() else {
            return Err(self.type_error("expected a set"));
        };
        let hash = self.hash(&v)?;
        match self.set_lookup(table, &v, hash)? {
            Ok(_) => Ok(()),
            Err(slot) => {
                table.borrow_mut().insert_at(slot, hash, v);
                Ok(())
            }
        }
    }

    // ----- lists, sequences -----

    /// `list.extend(iterable)`.
    pub fn list_extend(&mut self, list: &Value, it: &Value) -> PyResult<()> {
        let exact = matches!(it, Value::Obj(o) if o.with_class(|c| type_data(c).builtin));
        let items = match it.payload() {
            Some(Payload::List(l)) if exact => l.borrow().to_vec(),
            Some(Payload::Tuple(t)) if exact => t.to_vec(),
            _ => match self.iterate(it) {
                Ok(v) => v,
                Err(e) => {
                    if self.err_matches(&e, &self.types.type_error.clone())
                        && self.lookup_special_str(it, "__iter__").is_none()
                    {
                        return Err(self.type_error(format!(
                            "Value after * must be an iterable, not {}",
                            self.type_name(it)
                        )));
                    }
                    return Err(e);
                }
            },
        };
        if let Some(Payload::List(l)) = list.payload() {
            l.borrow_mut().extend(items);
        }
        Ok(())
    }

    /// Collect an iterable into a vector.
    pub fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Value::Obj(o) = v
            && o.with_class(|c| type_data(c).builtin)
        {
            match &o.payload {
                Payload::List(l) => return Ok(l.borrow().to_vec()),
                Payload::Tuple(t) => return Ok(t.to_vec()),
                // `list_preallocate_exact` from the length hint: a huge range fails up front.
                Payload::Range(r) if r.len_usize().is_none_or(|n| n > MAX_PREALLOC_ITEMS) => {
                    return Err(self.memory_error());
                }
                _ => {}
            }
        }
        let it = self.iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// A tuple's or list's items, else the iterable collected.
    pub fn seq_to_vec(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        self.iterate(v)
    }

    /// Unpack `seq` into exactly `n` values, or with a star target: `before` values, a list,
    /// and `after` values.
    pub fn unpack(
        &mut self,
        seq: &Value,
        before: usize,
        after: Option<usize>,
    ) -> PyResult<Vec<Value>> {
        // Exact lists and tuples are read directly; a subclass may define `__iter__`.
        let exact = |o: &ObjRef, t: &ObjRef| o.class_is(t);
        let items = match seq {
            Value::Obj(o)
                if matches!(o.payload, Payload::List(_)) && exact(o, &self.types.list) =>
            {
                match &o.payload {
                    Payload::List(l) => l.borrow().to_vec(),
                    _ => Vec::new(),
                }
            }
            Value::Obj(o)
                if matches!(o.payload, Payload::Tuple(_)) && exact(o, &self.types.tuple) =>
            {
                match &o.payload {
                    Payload::Tuple(t) => t.to_vec(),
                    _ => Vec::new(),
                }
            }
            _ => match self.iter(seq) {
                Ok(it) => {
                    let mut out = Vec::new();
                    while let Some(x) = self.next(&it)? {
                        out.push(x);
                        if after.is_none() && out.len() > before {
                            return Err(self.value_error(format!(
                                "too many values to unpack (expected {before})"
                            )));
                        }
                    }
                    out
                }
                Err(e) => {
                    if self.err_matches(&e, &self.types.type_error.clone()) {
                        return Err(self.type_error(format!(
                            "cannot unpack non-iterable {} object",
                            self.type_name(seq)
                        )));
                    }
                    return Err(e);
                }
            },
        };
        match after {
            None => {
                if items.len() < before {
                    Err(self.value_error(format!(
                        "not enough values to unpack (expected {before}, got {})",
                        items.len()
                    )))
                } else if items.len() > before {
                    Err(self.value_error(format!("too many values to unpack (expected {before})")))
                } else {
                    Ok(items)
                }
            }
            Some(after) => {
                if items.len() < before + after {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let mut out = items[..before].to_vec();
                let mid = items[before..items.len() - after].to_vec();
                out.push(self.new_list(mid));
                out.extend_from_slice(&items[items.len() - after..]);
                Ok(out)
            }
        }
    }

    // ----- iteration -----

    fn new_iter(&self, ty: &ObjRef, state: IterState) -> Value {
        Value::Obj(ObjRef::new(
            ty.clone(),
            Payload::Iter(Box::new(RefCell::new(state))),
        ))
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: &Value) -> PyResult<Value> {
        if let Value::Obj(o) = v
            && o.with_class(|c| type_data(c).builtin)
        {
            let t = self.types.clone_iter_types();
            match &o.payload {
                Payload::List(_) => {
                    return Ok(self.new_iter(
                        &t.0,
                        IterState::Seq {
                            seq: v.clone(),
                            index: 0,
                        },
                    ));
                }
                Payload::Tuple(_) => {
                    return Ok(self.new_iter(
                        &t.1,
                        IterState::Seq {
                            seq: v.clone(),
                            index: 0,
                        },
                    ));
                }
                Payload::Str(_) => {
                    return Ok(self.new_iter(
                        &t.2,
                        IterState::Str {
                            s: o.clone(),
                            byte_pos: 0,
                        },
                    ));
                }
                Payload::Dict(d) => {
                    let len = d.borrow().len();
                    return Ok(self.new_iter(
                        &t.3,
                        IterState::Dict {
                            dict: o.clone(),
                            pos: 0,
                            len,
                            left: len,
                            kind: DictIterKind::Keys,
                        },
                    ));
                }
                Payload::Set(s) => {
                    let len = s.borrow().len();
                    return Ok(self.new_iter(
                        &t.4,
                        IterState::Set {
                            set: o.clone(),
                            pos: 0,
                            len,
                        },
                    ));
                }
                Payload::FrozenSet(s) => {
                    let len = s.len();
                    return Ok(self.new_iter(
                        &t.4,
                        IterState::Set {
                            set: o.clone(),
                            pos: 0,
                            len,
                        },
                    ));
                }
                Payload::Range(r) => {
                    if let Some((start, stop, step)) = r.small {
                        return Ok(self.new_iter(
                            &t.5,
                            IterState::Range {
                                next: start,
                                stop,
                                step,
                            },
                        ));
                    }
                    let st = IterState::BigRange {
                        next: r.start.clone(),
                        stop: r.stop.clone(),
                        step: r.step.clone(),
                    };
                    return Ok(self.new_iter(&t.5, st));
                }
                Payload::Iter(st) => {
                    let view = match &*st.borrow() {
                        IterState::DictView { dict, kind } => Some((dict.clone(), *kind)),
                        _ => None,
                    };
                    return Ok(match view {
                        Some((d, kind)) => {
                            crate::objects::dictmethods::dict_iter_obj(self, &d, kind, false)
                        }
                        None => v.clone(),
                    });
                }
                Payload::Generator(_) if o.class_is(&self.types.generator) => {
                    return Ok(v.clone());
                }
                _ => {}
            }
        }
        if let Some(f) = self.lookup_special_str(v, "__iter__") {
            if f.is_none() {
                return Err(
                    self.type_error(format!("'{}' object is not iterable", self.type_name(v)))
                );
            }
            let it = self.call_method_value(&f, v, &[])?;
            if !matches!(it.payload(), Some(Payload::Iter(_) | Payload::Generator(_)))
                && self.lookup_special_str(&it, "__next__").is_none()
            {
                return Err(self.type_error(format!(
                    "iter() returned non-iterator of type '{}'",
                    self.type_name(&it)
                )));
            }
            return Ok(it);
        }
        if self.lookup_special_str(v, "__getitem__").is_some() {
            let t = self.types.seq_iterator.clone();
            return Ok(self.new_iter(
                &t,
                IterState::GetItem {
                    obj: v.clone(),
                    index: 0,
                },
            ));
        }
        Err(self.type_error(format!("'{}' object is not iterable", self.type_name(v))))
    }

    /// `next(it)`: `None` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // Native loops over iterators (`sum`, `list`, `join`, ...) count against the limits.
        self.tick(1)?;
        if let Value::Obj(o) = it {
            if let Payload::Iter(state) = &o.payload {
                return crate::objects::iterators::iter_next(self, o, state);
            }
            if let Payload::Generator(_) = &o.payload {
                return crate::generator::gen_next(self, o);
            }
        }
        match self.lookup_special_str(it, "__next__") {
            // through call_special: a bound method stored on the class is not bound again
            Some(_) => match self.call_special(it, "__next__", &[]) {
                Ok(v) => Ok(Some(v.unwrap_or(Value::None))),
                Err(e) if self.err_matches(&e, &self.types.stop_iteration.clone()) => Ok(None),
                Err(e) => Err(e),
            },
            None => Err(self.type_error(format!(
                "'{}' object is not an iterator",
                self.type_name(it)
            ))),
        }
    }
}

//! Creating instances and classes: `type.__call__`, `object.__new__`/`__init__`, `type.__new__`,
//! `__build_class__`, and the descriptor types `super`, `property`, `staticmethod`,
//! `classmethod` (CPython: `Objects/typeobject.c`, `Python/bltinmodule.c`,
//! `Objects/descrobject.c`, `Objects/funcobject.c`).

use std::cell::RefCell;

use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::{
    BuiltinKind, Layout, TypeData, c3_mro, is_subtype, lookup, type_data,
};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// A new instance of `cls` with `payload`, with an instance dict when the class has one.
    pub fn new_object(&mut self, cls: &ObjRef, payload: Payload) -> ObjRef {
        if type_data(cls).has_dict {
            if let Payload::Plain(_) = payload {
                // Attributes inline until something asks for `__dict__` (`instattrs.rs`).
                let keys = self.shared_keys(cls);
                return ObjRef::new(
                    cls.clone(),
                    Payload::Plain(crate::instattrs::InlineAttrs::new(keys)),
                );
            }
            let d = self.new_dict();
            ObjRef::with_dict(cls.clone(), payload, d)
        } else {
            ObjRef::new(cls.clone(), payload)
        }
    }

    /// Calling a class: the metaclass's `__call__`, normally `type.__call__`.
    pub fn call_type(&mut self, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
        let meta = cls.class();
        if !ObjRef::ptr_eq(&meta, &self.types.type_)
            && let Some(c) = self.type_lookup_str(&meta, "__call__")
            && !matches!(c.payload(), Some(Payload::Builtin(b)) if b.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &self.types.type_)))
        {
            let mut v = Vec::with_capacity(args.values.len() + 1);
            v.push(Value::Obj(cls.clone()));
            v.extend_from_slice(args.values);
            return self.call(
                &c,
                Args {
                    values: &v,
                    kwnames: args.kwnames,
                },
            );
        }
        self.type_call(cls, args)
    }

    /// `type.__call__(cls, *args, **kwargs)`: `__new__` then `__init__`.
    pub fn type_call(&mut self, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
        if ObjRef::ptr_eq(cls, &self.types.type_) && args.values.len() == 1 && !args.has_kwargs() {
            return Ok(Value::Obj(self.type_of(&args.values[0])));
        }
        let Some(new) = self.type_lookup_str(cls, "__new__") else {
            let n = new_tp_name(self, cls);
            return Err(self.type_error(format!("cannot create '{n}' instances")));
        };
        let new = match new.payload() {
            Some(Payload::StaticMethod(f)) => f.borrow().clone(),
            _ => new,
        };
        // A builtin type without a constructor of its own (no `tp_new`) inherits none.
        if type_data(cls).builtin
            && !ObjRef::ptr_eq(cls, &self.types.object)
            && matches!(new.payload(), Some(Payload::Builtin(b)) if b.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &self.types.object)))
            && !matches!(
                type_data(cls).layout,
                crate::objects::typeobj::Layout::Object
            )
        {
            let n = new_tp_name(self, cls);
            return Err(self.type_error(format!("cannot create '{n}' instances")));
        }
        // `cls` and the arguments: on the Rust stack for the usual few (`int(x)`, `C(a, b)`).
        let n = args.values.len();
        let mut small = [Value::Null, Value::Null, Value::Null, Value::Null];
        let mut heap: Vec<Value>;
        let v: &mut [Value] = if n < small.len() {
            small[0] = Value::Obj(cls.clone());
            small[1..=n].clone_from_slice(args.values);
            &mut small[..=n]
        } else {
            heap = Vec::with_capacity(n + 1);
            heap.push(Value::Obj(cls.clone()));
            heap.extend_from_slice(args.values);
            &mut heap
        };
        let new_args = Args {
            values: v,
            kwnames: args.kwnames,
        };
        // A builtin `__new__` found on `cls` itself needs none of `tp_new_wrapper`'s checks.
        let obj = match new.payload() {
            Some(Payload::Builtin(b)) if b.is_static => {
                let r = (b.func)(self, new_args);
                self.after_native(r)?
            }
            _ => self.call(&new, new_args)?,
        };
        let ot = self.type_of(&obj);
        if !is_subtype(&ot, cls) {
            return Ok(obj);
        }
        // A builtin type (its namespace cannot change) with a `__new__` of its own and
        // `object.__init__`: that `__init__` accepts any arguments and does nothing
        // (`object_init`'s excess-argument checks both pass), so it is not called.
        if ObjRef::ptr_eq(&ot, cls)
            && type_data(cls).builtin
            && !self.is_object_builtin(&new)
            && self
                .type_lookup_str(cls, "__init__")
                .is_some_and(|init| self.is_object_builtin(&init))
        {
            return Ok(obj);
        }
        if let Some(init) = self.type_lookup_str(&ot, "__init__") {
            v[0] = obj.clone();
            let r = match init.payload() {
                Some(Payload::Function(_)) | Some(Payload::Builtin(_)) => self.call(
                    &init,
                    Args {
                        values: v,
                        kwnames: args.kwnames,
                    },
                )?,
                _ => {
                    let tv = Value::Obj(ot.clone());
                    let bound = self.descriptor_get(&init, &obj, &tv)?;
                    self.call(
                        &bound,
                        Args {
                            values: &v[1..],
                            kwnames: args.kwnames,
                        },
                    )?
                }
            };
            if !r.is_none() {
                return Err(self.type_error(format!(
                    "__init__() should return None, not '{}'",
                    self.type_name(&r)
                )));
            }
        }
        Ok(obj)
    }

    /// `tp_new_wrapper`'s checks for `owner.__new__(subtype, ...)` called directly: the
    /// subtype must derive from `owner`, and its nearest base without a Python `__new__` must
    /// use `owner`'s constructor (`object.__new__(MyList)` would skip `list`'s).
    pub(crate) fn check_new_call(&mut self, owner: &ObjRef, args: &[Value]) -> PyResult<()> {
        let tn = new_tp_name(self, owner);
        let Some(first) = args.first() else {
            return Err(self.type_error(format!("{tn}.__new__(): not enough arguments")));
        };
        let Value::Obj(sub) = first else {
            let an = self.type_name(first);
            return Err(self.type_error(format!("{tn}.__new__(X): X is not a type object ({an})")));
        };
        if !matches!(sub.payload, Payload::Type(_)) {
            let an = self.type_name(first);
            return Err(self.type_error(format!("{tn}.__new__(X): X is not a type object ({an})")));
        }
        if !is_subtype(sub, owner) {
            let sn = new_tp_name(self, sub);
            return Err(
                self.type_error(format!("{tn}.__new__({sn}): {sn} is not a subtype of {tn}"))
            );
        }
        let mine = self.type_lookup_str(owner, "__new__");
        let mut staticbase = Some(sub.clone());
        while let Some(sb) = staticbase.clone() {
            let new = self.type_lookup_str(&sb, "__new__");
            if matches!(
                new.as_ref().and_then(|n| n.payload()),
                Some(Payload::Builtin(_))
            ) {
                if !new
                    .as_ref()
                    .zip(mine.as_ref())
                    .is_some_and(|(a, b)| a.is(b))
                {
                    let tn2 = new_tp_name(self, &sb);
                    let sn = new_tp_name(self, sub);
                    return Err(self.type_error(format!(
                        "{tn}.__new__({sn}) is not safe, use {tn2}.__new__()"
                    )));
                }
                break;
            }
            staticbase = solid_base(&sb);
        }
        Ok(())
    }

    /// Whether `f` is a builtin that `object` defines (`object.__new__`, `object.__init__`).
    fn is_object_builtin(&self, f: &Value) -> bool {
        matches!(f.payload(), Some(Payload::Builtin(b))
            if b.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &self.types.object)))
    }

    /// Whether `cls.attr` is the builtin defined by `owner` (not overridden).
    fn is_builtin_of(&mut self, cls: &ObjRef, name: &str, owner: &ObjRef) -> bool {
        let h = self.hash_text(name);
        match lookup(cls, name, h) {
            Some(v) => {
                let v = match v.payload() {
                    Some(Payload::StaticMethod(f)) => f.borrow().clone(),
                    _ => v,
                };
                matches!(v.payload(), Some(Payload::Builtin(b)) if b.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, owner)))
            }
            None => false,
        }
    }

    /// Build a type from a name, bases and namespace (`type.__new__`).
    pub fn type_new(
        &mut self,
        meta: &ObjRef,
        name: &str,
        bases: Vec<ObjRef>,
        ns: &Value,
        kwargs: &[(Value, Value)],
    ) -> PyResult<ObjRef> {
        let bases = if bases.is_empty() {
            vec![self.types.object.clone()]
        } else {
            bases
        };
        // Validate bases and find the layout.
        let mut layout = Layout::Object;
        let mut has_dict = false;
        let mut base_slots: Vec<String> = Vec::new();
        for (i, b) in bases.iter().enumerate() {
            let bd = type_data(b);
            if !bd.base_type {
                let n = crate::modules::tp_name(self, b);
                return Err(self.type_error(format!("type '{n}' is not an acceptable base type")));
            }
            if bases[..i].iter().any(|o| ObjRef::ptr_eq(o, b)) {
                let n = bd.name.borrow().clone();
                return Err(self.type_error(format!("duplicate base class {n}")));
            }
            match (layout, bd.layout) {
                (_, Layout::Object) => {}
                (Layout::Object, l) => layout = l,
                (a, b2) if a == b2 => {}
                (
                    Layout::Builtin(BuiltinKind::Exception),
                    Layout::Builtin(BuiltinKind::Exception),
                ) => {}
                _ => return Err(self.type_error("multiple bases have instance lay-out conflict")),
            }
            // A class based on a builtin layout has a dict unless it (and its bases) declared
            // `__slots__` (`class S(Structure): __slots__ = ()` has none, as in CPython).
            if bd.has_dict || matches!(bd.layout, Layout::Builtin(BuiltinKind::Exception)) {
                has_dict = true;
            }
            // CPython's solid bases must form one chain: a base whose slots extend another
            // base's (its subclass, as `_FlowControlMixin` of `Transport` in asyncio) fits.
            if !bd.slot_names.is_empty() {
                if bd.slot_names.starts_with(&base_slots) {
                    base_slots = bd.slot_names.clone();
                } else if !base_slots.starts_with(&bd.slot_names) {
                    return Err(self.type_error("multiple bases have instance lay-out conflict"));
                }
            }
        }
        // The namespace, copied.
        let items = self.dict_items(ns)?;
        let mut slots: Option<Vec<String>> = None;
        let slots_key = self.intern("__slots__");
        if let Some(sv) = self.mapping_get(ns, &Value::Obj(slots_key))? {
            let names = if matches!(sv.payload(), Some(Payload::Str(_))) {
                vec![sv]
            } else {
                self.iterate(&sv)?
            };
            let mut out = Vec::new();
            for n in names {
                let Some(Payload::Str(s)) = n.payload() else {
                    return Err(self.type_error(format!(
                        "__slots__ items must be strings, not '{}'",
                        self.type_name(&n)
                    )));
                };
                let s = s.as_str().into_owned();
                if !krait_common::unicode::is_identifier(
                    &s.chars().map(|c| c as u32).collect::<Vec<_>>(),
                ) {
                    return Err(self.type_error("__slots__ must be identifiers"));
                }
                out.push(s);
            }
            slots = Some(out);
        } else {
            has_dict = true;
        }
        let mut slot_names = base_slots.clone();
        let mut new_slots = Vec::new();
        if let Some(s) = &slots {
            for n in s {
                if n == "__dict__" {
                    if has_dict {
                        return Err(self.type_error("__dict__ slot disallowed: we already got one"));
                    }
                    has_dict = true;
                    continue;
                }
                if n == "__weakref__" {
                    continue;
                }
                if items.iter().any(|(k, _)| self.str_text(k) == *n) {
                    return Err(self
                        .value_error(format!("'{n}' in __slots__ conflicts with class variable")));
                }
                let n = mangle(name, n);
                new_slots.push(n.clone());
                slot_names.push(n);
            }
        }
        // Instances of builtin-based classes carry their base's payload, which has no slot
        // storage: their `__slots__` names live in an instance dict instead.
        if layout != Layout::Object && !new_slots.is_empty() {
            has_dict = true;
            new_slots.clear();
            slot_names = base_slots.clone();
        }
        let mut td = TypeData::new(name, bases.clone(), layout, false);
        td.has_dict = has_dict;
        td.slot_names = slot_names.clone();
        let cls = ObjRef::new(meta.clone(), Payload::Type(Box::new(td)));
        match c3_mro(&cls, &bases) {
            Ok(mro) => *type_data(&cls).mro.borrow_mut() = mro,
            Err(heads) => {
                let names: Vec<String> = heads
                    .iter()
                    .map(|h| type_data(h).name.borrow().clone())
                    .collect();
                return Err(self.type_error(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            }
        }
        // A metaclass may override mro().
        if !ObjRef::ptr_eq(meta, &self.types.type_) {
            let h = self.hash_text("mro");
            if let Some(m) = lookup(meta, "mro", h)
                && !matches!(m.payload(), Some(Payload::Builtin(b)) if b.owner.as_ref().is_some_and(|o| ObjRef::ptr_eq(o, &self.types.type_)))
            {
                let r = self.call_method_value(&m, &Value::Obj(cls.clone()), &[])?;
                let mut mro = Vec::new();
                for t in self.iterate(&r)? {
                    match t {
                        Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => mro.push(o),
                        other => {
                            let tn = self.type_name(&other);
                            return Err(
                                self.type_error(format!("mro() returned a non-class ('{tn}')"))
                            );
                        }
                    }
                }
                *type_data(&cls).mro.borrow_mut() = mro;
            }
        }
        for b in &bases {
            let mut subs = type_data(b).subclasses.borrow_mut();
            subs.retain(|w| w.upgrade().is_some());
            subs.push(cls.downgrade());
        }
        self.types_changed();
        let mut classcell = None;
        let mut qualname = None;
        for (k, v) in &items {
            let key = self.str_text(k);
            match key.as_str() {
                "__classcell__" => {
                    classcell = Some(v.clone());
                    continue;
                }
                "__qualname__" => {
                    if !matches!(v.payload(), Some(Payload::Str(_))) {
                        return Err(self.type_error(format!(
                            "type __qualname__ must be a str, not {}",
                            self.type_name(v)
                        )));
                    }
                    qualname = Some(self.str_text(v));
                    continue;
                }
                _ => {}
            }
            let v = match (key.as_str(), v.payload()) {
                ("__new__", Some(Payload::Function(_))) => Value::Obj(ObjRef::new(
                    self.types.staticmethod.clone(),
                    Payload::StaticMethod(RefCell::new(v.clone())),
                )),
                ("__init_subclass__" | "__class_getitem__", Some(Payload::Function(_))) => {
                    Value::Obj(ObjRef::new(
                        self.types.classmethod.clone(),
                        Payload::ClassMethod(RefCell::new(v.clone())),
                    ))
                }
                _ => v.clone(),
            };
            let h = self.hash(k)?;
            crate::objects::dictops::table_set_str(
                &mut type_data(&cls).dict.borrow_mut(),
                k.clone(),
                h,
                v,
            );
        }
        if let Some(q) = qualname {
            *type_data(&cls).qualname.borrow_mut() = q;
        }
        // Defining `__eq__` without `__hash__` makes instances unhashable (CPython's
        // `type_new_set_hash` via `inherit_slots`).
        let (he, hh) = (self.hash_text("__eq__"), self.hash_text("__hash__"));
        let (has_eq, has_hash) = {
            let d = type_data(&cls).dict.borrow();
            (
                crate::objects::typeobj::dict_get_str(&d, "__eq__", he).is_some(),
                crate::objects::typeobj::dict_get_str(&d, "__hash__", hh).is_some(),
            )
        };
        if has_eq && !has_hash {
            self.set_type_attr(&cls, "__hash__", Value::None);
        }
        let h = self.hash_text("__module__");
        if crate::objects::typeobj::dict_get_str(&type_data(&cls).dict.borrow(), "__module__", h)
            .is_none()
        {
            let module = match self.frames.last() {
                Some(f) => {
                    let g = f.globals.clone();
                    let k = self.intern("__name__");
                    self.dict_get_str_obj(&g, &k)
                }
                None => None,
            };
            if let Some(m) = module {
                self.set_type_attr(&cls, "__module__", m);
            }
        }
        let h = self.hash_text("__doc__");
        if crate::objects::typeobj::dict_get_str(&type_data(&cls).dict.borrow(), "__doc__", h)
            .is_none()
        {
            self.set_type_attr(&cls, "__doc__", Value::None);
        }
        let weakref_slot = slots
            .as_ref()
            .is_none_or(|s| s.iter().any(|n| n == "__weakref__"));
        if weakref_slot {
            let h = self.hash_text("__weakref__");
            if lookup(&cls, "__weakref__", h).is_none() {
                self.add_getset(
                    &cls,
                    "__weakref__",
                    crate::objects::object::weakref_get,
                    None,
                );
            }
        }
        if has_dict {
            let h = self.hash_text("__dict__");
            if lookup(&cls, "__dict__", h).is_none() {
                self.add_getset(
                    &cls,
                    "__dict__",
                    crate::objects::object::instance_dict_get,
                    Some(crate::objects::object::instance_dict_set),
                );
            }
        }
        let base_count = base_slots.len();
        for (i, n) in new_slots.iter().enumerate() {
            let m = Value::Obj(ObjRef::new(
                self.types.member_descriptor.clone(),
                Payload::Member(Box::new((std::rc::Rc::from(n.as_str()), base_count + i))),
            ));
            self.set_type_attr(&cls, n, m);
        }
        if let Some(cell) = classcell {
            match cell.payload() {
                Some(Payload::Cell(c)) => *c.borrow_mut() = Value::Obj(cls.clone()),
                _ => {
                    return Err(self.type_error(format!(
                        "__classcell__ must be a nonlocal cell, not {}",
                        self.type_name(&cell)
                    )));
                }
            }
        }
        self.types_changed();
        // __set_name__ on the namespace's values.
        let clsv = Value::Obj(cls.clone());
        for (k, v) in &items {
            if let Some(f) = self.lookup_special_str(v, "__set_name__")
                && let Err(e) = self.call_method_value(&f, v, &[clsv.clone(), k.clone()])
            {
                let kr = self.repr_string(k).unwrap_or_default();
                let tn = self.type_name(v);
                let err = self.runtime_error(format!(
                    "Error calling __set_name__ on '{tn}' instance {kr} in '{name}'"
                ));
                if let Payload::Exception(d) = &err.0.payload {
                    *d.cause.borrow_mut() = Value::Obj(e.0.clone());
                    *d.context.borrow_mut() = Value::Obj(e.0);
                }
                return Err(err);
            }
        }
        // super(cls, cls).__init_subclass__(**kwargs)
        let mro: Vec<ObjRef> = type_data(&cls).mro.borrow().clone();
        let h = self.hash_text("__init_subclass__");
        for t in mro.iter().skip(1) {
            let found = crate::objects::typeobj::dict_get_str(
                &type_data(t).dict.borrow(),
                "__init_subclass__",
                h,
            );
            if let Some(f) = found {
                let bound = self.descriptor_get(&f, &Value::Null, &clsv)?;
                let (names, values): (Vec<Value>, Vec<Value>) = kwargs.iter().cloned().unzip();
                self.call(
                    &bound,
                    Args {
                        values: &values,
                        kwnames: &names,
                    },
                )?;
                break;
            }
        }
        let h = self.hash_text("__del__");
        type_data(&cls)
            .has_del
            .set(lookup(&cls, "__del__", h).is_some());
        self.types_changed();
        Ok(cls)
    }

    /// `super()` with no arguments, from the running frame's first argument and `__class__`.
    pub fn super_zero_arg(&mut self, f: &crate::frame::Frame) -> PyResult<Value> {
        let co = &f.code.co;
        if co.arg_count == 0 && !co.flags.has(krait_bytecode::CodeFlags::VARARGS) {
            return Err(self.runtime_error("super(): no arguments"));
        }
        let mut first = f.fast.first().cloned().unwrap_or(Value::Null);
        if let Some(Payload::Cell(c)) = first.payload()
            && co
                .localsplus_kinds
                .first()
                .is_some_and(|k| k.has(krait_bytecode::LocalKind::CELL))
        {
            let inner = c.borrow().clone();
            first = inner;
        }
        if first.is_null() {
            return Err(self.runtime_error("super(): arg[0] deleted"));
        }
        let idx = co.localsplus.iter().position(|n| n == "__class__");
        let Some(idx) =
            idx.filter(|&i| co.localsplus_kinds[i].has(krait_bytecode::LocalKind::FREE))
        else {
            return Err(self.runtime_error("super(): __class__ cell not found"));
        };
        let cls = match f.fast[idx].payload() {
            Some(Payload::Cell(c)) => c.borrow().clone(),
            _ => Value::Null,
        };
        match cls {
            Value::Obj(c) if matches!(c.payload, Payload::Type(_)) => self.new_super(&c, first),
            Value::Null => Err(self.runtime_error("super(): empty __class__ cell")),
            other => Err(self.runtime_error(format!(
                "super(): __class__ is not a type ({})",
                self.type_name(&other)
            ))),
        }
    }

    /// `super(cls, obj)`.
    pub fn new_super(&mut self, cls: &ObjRef, obj: Value) -> PyResult<Value> {
        if !obj.is_none() {
            let ok = match &obj {
                Value::Obj(o) if matches!(o.payload, Payload::Type(_)) && is_subtype(o, cls) => {
                    true
                }
                _ => is_subtype(&self.type_of(&obj), cls),
            };
            if !ok {
                return Err(
                    self.type_error("super(type, obj): obj must be an instance or subtype of type")
                );
            }
        }
        Ok(Value::Obj(ObjRef::new(
            self.types.super_.clone(),
            Payload::Super(Box::new((cls.clone(), obj))),
        )))
    }

    /// Attribute lookup through a `super` object.
    pub fn super_getattr(&mut self, sup: &Value, name: &ObjRef) -> PyResult<Option<Value>> {
        let Some(Payload::Super(s)) = sup.payload() else {
            return Ok(None);
        };
        let (cls, obj) = (s.0.clone(), s.1.clone());
        let text = self.str_text(&Value::Obj(name.clone()));
        if text != "__class__" && !obj.is_none() {
            let start = match &obj {
                Value::Obj(o) if matches!(o.payload, Payload::Type(_)) && is_subtype(o, &cls) => {
                    o.clone()
                }
                _ => self.type_of(&obj),
            };
            let mro: Vec<ObjRef> = type_data(&start).mro.borrow().clone();
            let h = self.hash_text(&text);
            if let Some(pos) = mro.iter().position(|t| ObjRef::ptr_eq(t, &cls)) {
                for t in &mro[pos + 1..] {
                    let found = crate::objects::typeobj::dict_get_str(
                        &type_data(t).dict.borrow(),
                        &text,
                        h,
                    );
                    if let Some(v) = found {
                        let inst = if matches!(&obj, Value::Obj(o) if ObjRef::ptr_eq(o, &start)) {
                            Value::Null
                        } else {
                            obj.clone()
                        };
                        return self.descriptor_get(&v, &inst, &Value::Obj(start)).map(Some);
                    }
                }
            }
        }
        // Attributes of the super object itself.
        let st = self.types.super_.clone();
        let h = self.hash_text(&text);
        match lookup(&st, &text, h) {
            Some(v) => self.descriptor_get(&v, sup, &Value::Obj(st)).map(Some),
            None => Ok(None),
        }
    }

    /// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
    pub fn build_class(&mut self, args: Args<'_>) -> PyResult<Value> {
        let pos = args.pos();
        if pos.len() < 2 {
            return Err(self.type_error("__build_class__: not enough arguments"));
        }
        let func = pos[0].clone();
        let Some(Payload::Function(fd)) = func.payload() else {
            return Err(self.type_error("__build_class__: func must be a function"));
        };
        let Some(Payload::Str(_)) = pos[1].payload() else {
            return Err(self.type_error("__build_class__: name is not a string"));
        };
        let name = self.str_text(&pos[1]);
        let orig_bases: Vec<Value> = pos[2..].to_vec();
        // __mro_entries__
        let mut bases = Vec::new();
        let mut changed = false;
        for b in &orig_bases {
            if matches!(b.payload(), Some(Payload::Type(_))) {
                bases.push(b.clone());
                continue;
            }
            let key = self.intern("__mro_entries__");
            match self.getattr_opt(b, &key)? {
                Some(m) => {
                    let t = self.new_tuple(orig_bases.clone());
                    let r = self.call_pos(&m, &[t])?;
                    let Some(Payload::Tuple(items)) = r.payload() else {
                        return Err(self.type_error("__mro_entries__ must return a tuple"));
                    };
                    bases.extend(items.iter().cloned());
                    changed = true;
                }
                None => bases.push(b.clone()),
            }
        }
        let mut meta: Option<Value> = None;
        let mut kw: Vec<(Value, Value)> = Vec::new();
        for (k, v) in args.kwargs() {
            if self.str_text(k) == "metaclass" {
                meta = Some(v.clone());
            } else {
                kw.push((k.clone(), v.clone()));
            }
        }
        let is_class = meta.is_none()
            || matches!(
                meta.as_ref().and_then(|m| m.payload()),
                Some(Payload::Type(_))
            );
        let mut meta = match meta {
            Some(m) => m,
            None => match bases.first() {
                Some(b) => Value::Obj(self.type_of(b)),
                None => Value::Obj(self.types.type_.clone()),
            },
        };
        if is_class && let Value::Obj(m) = &meta {
            let w = self.calculate_metaclass(m, &bases)?;
            meta = Value::Obj(w);
        }
        let bases_t = self.new_tuple(bases.clone());
        let prep = self.intern("__prepare__");
        let (kwnames, kwvalues): (Vec<Value>, Vec<Value>) = kw.iter().cloned().unzip();
        let ns = match self.getattr_opt(&meta, &prep)? {
            Some(p) => {
                let mut v = vec![pos[1].clone(), bases_t.clone()];
                v.extend(kwvalues.iter().cloned());
                self.call(
                    &p,
                    Args {
                        values: &v,
                        kwnames: &kwnames,
                    },
                )?
            }
            None => Value::Obj(self.new_dict()),
        };
        if !matches!(ns.payload(), Some(Payload::Dict(_)))
            && self.lookup_special_str(&ns, "__getitem__").is_none()
        {
            let mn = match meta.payload() {
                Some(Payload::Type(t)) => t.name.borrow().clone(),
                _ => String::from("<metaclass>"),
            };
            return Err(self.type_error(format!(
                "{mn}.__prepare__() must return a mapping, not {}",
                self.type_name(&ns)
            )));
        }
        let code = self.function_code(fd)?;
        let globals = fd.globals.clone();
        let fobj = func.as_obj().cloned();
        let frame = self.new_frame(code, globals, Some(ns.clone()), fobj);
        let cell = self.run_frame(frame)?;
        if changed {
            let ob = self.new_tuple(orig_bases);
            let k = Value::Obj(self.intern("__orig_bases__"));
            self.setitem(&ns, k, ob)?;
        }
        let mut v = vec![pos[1].clone(), bases_t, ns];
        v.extend(kwvalues);
        let cls = self.call(
            &meta,
            Args {
                values: &v,
                kwnames: &kwnames,
            },
        )?;
        if let Some(Payload::Cell(c)) = cell.payload()
            && matches!(cls.payload(), Some(Payload::Type(_)))
        {
            let cur = c.borrow().clone();
            if cur.is_null() {
                *c.borrow_mut() = cls.clone();
            } else if !cur.is(&cls) {
                let r = self.repr_string(&cls)?;
                let cr = self.repr_string(&cur)?;
                return Err(
                    self.type_error(format!("__class__ set to {cr} defining '{name}' as {r}"))
                );
            }
        }
        Ok(cls)
    }

    /// The most derived metaclass of `meta` and the bases' metaclasses.
    pub fn calculate_metaclass(&mut self, meta: &ObjRef, bases: &[Value]) -> PyResult<ObjRef> {
        let mut winner = meta.clone();
        for b in bases {
            let bt = self.type_of(b);
            if is_subtype(&winner, &bt) {
                continue;
            }
            if is_subtype(&bt, &winner) {
                winner = bt;
                continue;
            }
            return Err(self.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        Ok(winner)
    }

    /// `object.__new__` checks and instance creation.
    pub fn object_new(&mut self, cls: &ObjRef, args: Args<'_>) -> PyResult<Value> {
        if !args.values.is_empty() {
            let object = self.types.object.clone();
            if !self.is_builtin_of(cls, "__new__", &object) {
                return Err(self.type_error(
                    "object.__new__() takes exactly one argument (the type to instantiate)",
                ));
            }
            if self.is_builtin_of(cls, "__init__", &object) {
                let n = type_data(cls).name.borrow().clone();
                return Err(self.type_error(format!("{n}() takes no arguments")));
            }
        }
        self.check_abstract(cls)?;
        let td = type_data(cls);
        let payload = match td.layout {
            Layout::Object => {
                if td.slot_names.is_empty() {
                    Payload::plain()
                } else {
                    Payload::Slots(RefCell::new(vec![Value::Null; td.slot_names.len()]))
                }
            }
            Layout::Builtin(BuiltinKind::Exception) => {
                let args = self.new_tuple(args.values.to_vec());
                Payload::Exception(Box::new(crate::objects::exception::ExceptionData::new(
                    args,
                )))
            }
            _ => {
                let n = td.name.borrow().clone();
                return Err(self.type_error(format!(
                    "object.__new__({n}) is not safe, use {n}.__new__()"
                )));
            }
        };
        Ok(Value::Obj(self.new_object(cls, payload)))
    }

    fn check_abstract(&mut self, cls: &ObjRef) -> PyResult<()> {
        let h = self.hash_text("__abstractmethods__");
        let Some(am) = crate::objects::typeobj::dict_get_str(
            &type_data(cls).dict.borrow(),
            "__abstractmethods__",
            h,
        ) else {
            return Ok(());
        };
        let mut names: Vec<String> = Vec::new();
        for n in self.iterate(&am)? {
            names.push(self.str_text(&n));
        }
        if names.is_empty() {
            return Ok(());
        }
        names.sort();
        let n = type_data(cls).name.borrow().clone();
        // 3.11 joins the names bare (3.12 quotes them).
        Err(self.type_error(format!(
            "Can't instantiate abstract class {n} with abstract method{} {}",
            if names.len() == 1 { "" } else { "s" },
            names.join(", ")
        )))
    }
}

/// A `TypeError` for a wrong argument type, CPython's `_PyArg_BadArgument` form.
pub fn bad_argument(vm: &mut Vm, fname: &str, pos: usize, expected: &str, got: &Value) -> PyErr {
    let tn = vm.type_name(got);
    vm.type_error(format!(
        "{fname}() argument {pos} must be {expected}, not {tn}"
    ))
}

/// Private-name mangling of a `__slots__` entry (`__x` in class `C` is `_C__x`).
fn mangle(class_name: &str, n: &str) -> String {
    if !n.starts_with("__") || n.ends_with("__") || n.contains('.') {
        return n.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return n.to_string();
    }
    format!("_{stripped}{n}")
}

/// A type's `tp_base`: the first base with the same instance layout, else the first base.
pub(crate) fn solid_base(t: &ObjRef) -> Option<ObjRef> {
    let bases = type_data(t).bases.borrow();
    let layout = type_data(t).layout;
    bases
        .iter()
        .find(|b| {
            type_data(b).layout == layout && layout != crate::objects::typeobj::Layout::Object
        })
        .or(bases.first())
        .cloned()
}

/// `tp_name`: `module.Name` for a builtin type outside `builtins`, the bare name of a class.
fn new_tp_name(vm: &mut Vm, t: &ObjRef) -> String {
    if type_data(t).builtin {
        crate::modules::tp_name(vm, t)
    } else {
        type_data(t).name.borrow().clone()
    }
}

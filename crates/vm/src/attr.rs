//! Attribute access (CPython: `Objects/object.c: PyObject_GenericGetAttr`,
//! `Objects/typeobject.c: type_getattro`): data descriptors on the type win over the instance
//! dict, which wins over non-data descriptors and plain class attributes; `__getattr__` is the
//! last resort.

use crate::instattrs::InlineStore;
use crate::object::{ObjRef, Payload};
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

impl Vm {
    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &Value, name: &ObjRef) -> PyResult<Value> {
        match self.getattr_impl(obj, name)? {
            Ok(v) => Ok(v),
            Err(Some(e)) => Err(e),
            Err(None) => Err(self.no_attribute(obj, name)),
        }
    }

    /// `getattr(obj, name)` by text.
    pub fn getattr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        let n = self.intern(name);
        self.getattr(obj, &n)
    }

    /// `getattr(obj, name, None)`-like: `Ok(None)` when the attribute does not exist
    /// (AttributeError swallowed).
    pub fn getattr_opt(&mut self, obj: &Value, name: &ObjRef) -> PyResult<Option<Value>> {
        Ok(self.getattr_impl(obj, name)?.ok())
    }

    /// Attribute lookup as `slot_tp_getattr_hook` does it: `__getattribute__`, then on
    /// AttributeError `__getattr__`. `Ok(Err(Some(e)))` carries an AttributeError raised by
    /// user code (so `getattr` reports it unchanged), `Ok(Err(None))` a plain miss.
    fn getattr_impl(
        &mut self,
        obj: &Value,
        name: &ObjRef,
    ) -> PyResult<Result<Value, Option<PyErr>>> {
        if let Some(Payload::Super(_)) = obj.payload() {
            return Ok(self.super_getattr(obj, name)?.ok_or(None));
        }
        let custom = self.lookup_special_str(obj, "__getattribute__");
        let generic = match &custom {
            None => true,
            Some(c) => self.is_core_attr_slot(c),
        };
        let attr_error = self.types.attribute_error.clone();
        let miss = if generic {
            match self.generic_getattr(obj, name) {
                Ok(Some(v)) => return Ok(Ok(v)),
                Ok(None) => None,
                Err(e) if self.err_matches(&e, &attr_error) => Some(e),
                Err(e) => return Err(e),
            }
        } else {
            let f = custom.unwrap_or(Value::None);
            match self.call_method_value(&f, obj, &[Value::Obj(name.clone())]) {
                Ok(v) => return Ok(Ok(v)),
                Err(e) if self.err_matches(&e, &attr_error) => Some(e),
                Err(e) => return Err(e),
            }
        };
        // PEP 562: a module's own `__getattr__`.
        if let Some(Payload::Module(m)) = obj.payload() {
            if !self.mods.imports.published
                && matches!(obj, Value::Obj(o) if ObjRef::ptr_eq(o, &self.sys))
                && matches!(
                    self.str_text(&Value::Obj(name.clone())).as_str(),
                    "path_hooks" | "path_importer_cache"
                )
            {
                self.publish_import_lists()?;
                return self.getattr_impl(obj, name);
            }
            let d = m.dict.clone();
            let k = self.intern("__getattr__");
            if let Some(f) = self.dict_get_str_obj(&d, &k) {
                return self.call_getattr_hook(&f, obj, name, false);
            }
        }
        if let Some(Payload::File(_)) = obj.payload()
            && let Some(v) = crate::builtins::io::delegated_attr(self, obj, name)?
        {
            return Ok(Ok(v));
        }
        if let Some(ga) = self.lookup_special_str(obj, "__getattr__") {
            let t = Value::Obj(self.type_of(obj));
            let f = match ga.payload() {
                Some(Payload::Function(_)) => return self.call_getattr_hook(&ga, obj, name, true),
                _ => self.descriptor_get(&ga, obj, &t)?,
            };
            return self.call_getattr_hook(&f, obj, name, false);
        }
        Ok(Err(miss))
    }

    fn call_getattr_hook(
        &mut self,
        f: &Value,
        obj: &Value,
        name: &ObjRef,
        with_self: bool,
    ) -> PyResult<Result<Value, Option<PyErr>>> {
        let r = if with_self {
            self.call_method_value(f, obj, &[Value::Obj(name.clone())])
        } else {
            self.call_pos(f, &[Value::Obj(name.clone())])
        };
        match r {
            Ok(v) => Ok(Ok(v)),
            Err(e) if self.err_matches(&e, &self.types.attribute_error.clone()) => Ok(Err(Some(e))),
            Err(e) => Err(e),
        }
    }

    /// `object.__getattribute__` (and `type.__getattribute__` for types); `None` when absent.
    pub fn generic_getattr(&mut self, obj: &Value, name: &ObjRef) -> PyResult<Option<Value>> {
        let Payload::Str(ns) = &name.payload else {
            return Ok(None);
        };
        let h = self.str_hash(ns);
        let t = self.type_of(obj);
        let class_attr = self.type_lookup_obj(&t, name, h);
        if let Some(attr) = &class_attr
            && self.is_data_descriptor(attr)
            && (!matches!(
                attr.payload(),
                Some(Payload::Plain(_) | Payload::Slots(_)) | None
            ) || self.lookup_special_str(attr, "__get__").is_some())
        {
            let tv = Value::Obj(t.clone());
            return self.descriptor_get(attr, obj, &tv).map(Some);
        }
        if let Value::Obj(o) = obj {
            // A type looks along its own MRO, binding descriptors to the class.
            if let Payload::Type(_) = &o.payload {
                if let Some(v) = self.type_lookup_obj(o, name, h) {
                    return self.descriptor_get(&v, &Value::Null, obj).map(Some);
                }
            } else if let Some(found) = o.instance_attr(name, ns.wtf8(), h) {
                return Ok(Some(found));
            }
            if let Payload::Module(m) = &o.payload
                && let Payload::Dict(table) = &m.dict.payload
                && let Some(v) =
                    crate::objects::typeobj::dict_get_name(&table.borrow(), name, ns.wtf8(), h)
            {
                return Ok(Some(v));
            }
        }
        match class_attr {
            Some(attr) => {
                let tv = Value::Obj(t);
                self.descriptor_get(&attr, obj, &tv).map(Some)
            }
            None => Ok(None),
        }
    }

    /// Whether `attr` defines `__set__` or `__delete__` (a data descriptor).
    pub fn is_data_descriptor(&mut self, attr: &Value) -> bool {
        match attr.payload() {
            Some(Payload::Property(_) | Payload::GetSet(_) | Payload::Member(_)) => true,
            Some(
                Payload::Function(_) | Payload::Builtin(_) | Payload::Str(_) | Payload::Int(_),
            ) => false,
            _ => match attr {
                Value::Obj(_) => {
                    self.lookup_special_str(attr, "__set__").is_some()
                        || self.lookup_special_str(attr, "__delete__").is_some()
                }
                _ => false,
            },
        }
    }

    /// `attr.__get__(instance, owner)` for the descriptor kinds; other values come back as is.
    /// `instance` is `Null` for access through the class (`None` is a real instance).
    pub fn descriptor_get(
        &mut self,
        attr: &Value,
        instance: &Value,
        owner: &Value,
    ) -> PyResult<Value> {
        let Value::Obj(a) = attr else {
            return Ok(attr.clone());
        };
        match &a.payload {
            Payload::Function(_) => {
                if instance.is_null() {
                    Ok(attr.clone())
                } else {
                    Ok(self.new_method(attr.clone(), instance.clone()))
                }
            }
            Payload::Builtin(b) => {
                if b.is_classmethod {
                    let cls = if instance.is_null() {
                        owner.clone()
                    } else {
                        Value::Obj(self.type_of(instance))
                    };
                    Ok(self.bind_builtin(a, cls))
                } else if b.is_method && b.bound.is_none() && !instance.is_null() {
                    Ok(self.bind_builtin(a, instance.clone()))
                } else {
                    Ok(attr.clone())
                }
            }
            Payload::StaticMethod(f) => Ok(f.borrow().clone()),
            Payload::ClassMethod(f) => {
                let cls = if instance.is_null() {
                    owner.clone()
                } else {
                    Value::Obj(self.type_of(instance))
                };
                let f = f.borrow().clone();
                Ok(self.new_method(f, cls))
            }
            Payload::Property(p) => {
                if instance.is_null() {
                    return Ok(attr.clone());
                }
                let getter = p.borrow()[0].clone();
                if getter.is_none() {
                    // `property_descr_get`: named after `__set_name__` when it ran.
                    return Err(crate::objects::object::property_missing(
                        self, p, instance, "getter",
                    ));
                }
                self.call_pos(&getter, std::slice::from_ref(instance))
            }
            Payload::GetSet(g) => {
                if instance.is_null() {
                    return Ok(attr.clone());
                }
                (g.get)(self, instance)
            }
            Payload::Member(m) => {
                if instance.is_null() {
                    return Ok(attr.clone());
                }
                let v = match instance.as_obj().map(|o| &o.payload) {
                    Some(Payload::Slots(s)) => s.borrow().get(m.1).cloned().unwrap_or(Value::Null),
                    // A struct sequence's field (`sys.version_info.major`).
                    Some(Payload::Tuple(t)) => t.get(m.1).cloned().unwrap_or(Value::Null),
                    _ => Value::Null,
                };
                if v.is_null() {
                    let tn = self.type_name(instance);
                    let err =
                        self.attribute_error(format!("'{}' object has no attribute '{}'", tn, m.0));
                    if let Payload::Exception(d) = &err.0.payload {
                        d.set_field("name", self.new_str(&m.0));
                        d.set_field("obj", instance.clone());
                    }
                    return Err(err);
                }
                Ok(v)
            }
            _ => {
                if let Some(get) = self.lookup_special_str(attr, "__get__") {
                    // Python-level `__get__` receives None for access through the class.
                    let inst = if instance.is_null() {
                        Value::None
                    } else {
                        instance.clone()
                    };
                    return self.call_method_value(&get, attr, &[inst, owner.clone()]);
                }
                Ok(attr.clone())
            }
        }
    }

    /// A bound method object.
    pub fn new_method(&self, func: Value, receiver: Value) -> Value {
        Value::Obj(ObjRef::new(
            self.types.method.clone(),
            Payload::Method(Box::new((func, receiver))),
        ))
    }

    fn bind_builtin(&self, b: &ObjRef, receiver: Value) -> Value {
        let Payload::Builtin(data) = &b.payload else {
            return Value::Obj(b.clone());
        };
        let bound = crate::objects::function::BuiltinData {
            name: data.name,
            func: data.func,
            bound: Some(receiver),
            owner: data.owner.clone(),
            doc: data.doc,
            is_method: true,
            is_classmethod: data.is_classmethod,
            is_static: false,
            needs_frame: false,
            fastcall: data.fastcall,
        };
        Value::Obj(ObjRef::new(
            self.types.builtin_function.clone(),
            Payload::Builtin(Box::new(bound)),
        ))
    }

    /// `LOAD_METHOD`: `(function, true)` when `obj.name` is a plain function or method
    /// descriptor on the type (call it with `obj` first), else `(attribute, false)`.
    pub fn load_method(&mut self, obj: &Value, name: &ObjRef) -> PyResult<(Value, bool)> {
        let Payload::Str(ns) = &name.payload else {
            return Err(self.no_attribute(obj, name));
        };
        let is_type = matches!(
            obj.payload(),
            Some(Payload::Type(_) | Payload::Module(_) | Payload::Super(_))
        );
        let custom = self.lookup_special_str(obj, "__getattribute__");
        let generic = match &custom {
            None => true,
            Some(c) => self.is_core_attr_slot(c),
        };
        if !is_type && generic {
            let h = self.str_hash(ns);
            let t = self.type_of(obj);
            if let Some(attr) = self.type_lookup_obj(&t, name, h) {
                let plain = match attr.payload() {
                    Some(Payload::Function(_)) => true,
                    Some(Payload::Builtin(b)) => {
                        b.is_method && b.bound.is_none() && !b.is_classmethod
                    }
                    _ => false,
                };
                let in_dict = obj
                    .as_obj()
                    .is_some_and(|o| o.instance_attr(name, ns.wtf8(), h).is_some());
                if plain && !in_dict {
                    return Ok((attr, true));
                }
            }
        }
        Ok((self.getattr(obj, name)?, false))
    }

    /// `setattr(obj, name, value)`, or `delattr` when `value` is `None`.
    pub fn setattr(&mut self, obj: &Value, name: &ObjRef, value: Option<Value>) -> PyResult<()> {
        let custom = self.lookup_special_str(
            obj,
            if value.is_some() {
                "__setattr__"
            } else {
                "__delattr__"
            },
        );
        if let Some(f) = custom
            && !self.is_core_attr_slot(&f)
        {
            let mut args = vec![Value::Obj(name.clone())];
            if let Some(v) = value {
                args.push(v);
            }
            self.call_method_value(&f, obj, &args)?;
            return Ok(());
        }
        self.generic_setattr(obj, name, value)
    }

    /// Whether an attribute hook is `object`'s or `type`'s own (handled inline); native
    /// modules' types (weak proxies) define their own, which must be called.
    fn is_core_attr_slot(&self, f: &Value) -> bool {
        matches!(f.payload(), Some(Payload::Builtin(b)) if b.owner.as_ref().is_none_or(|o| {
            ObjRef::ptr_eq(o, &self.types.object) || ObjRef::ptr_eq(o, &self.types.type_)
        }))
    }

    /// `object.__setattr__` / `object.__delattr__`.
    pub fn generic_setattr(
        &mut self,
        obj: &Value,
        name: &ObjRef,
        value: Option<Value>,
    ) -> PyResult<()> {
        let Payload::Str(ns) = &name.payload else {
            return Err(self.type_error("attribute name must be string"));
        };
        let text = ns.as_str();
        let h = self.str_hash(ns);
        let t = self.type_of(obj);
        if let Some(attr) = self.type_lookup_obj(&t, name, h) {
            match attr.payload() {
                Some(Payload::Property(p)) => {
                    let idx = if value.is_some() { 1 } else { 2 };
                    let f = p.borrow()[idx].clone();
                    if f.is_none() {
                        let what = if value.is_some() { "setter" } else { "deleter" };
                        return Err(crate::objects::object::property_missing(self, p, obj, what));
                    }
                    let mut args = vec![obj.clone()];
                    args.extend(value);
                    self.call_pos(&f, &args)?;
                    return Ok(());
                }
                Some(Payload::GetSet(g)) => {
                    return match g.set {
                        Some(set) => set(self, obj, value),
                        None => {
                            let tn = self.type_name(obj);
                            Err(self.attribute_error(format!(
                                "attribute '{text}' of '{tn}' objects is not writable"
                            )))
                        }
                    };
                }
                Some(Payload::Member(m)) => {
                    if let Some(Payload::Slots(s)) = obj.payload() {
                        let mut s = s.borrow_mut();
                        if let Some(slot) = s.get_mut(m.1) {
                            if value.is_none() && slot.is_null() {
                                drop(s);
                                return Err(self.attribute_error(text));
                            }
                            *slot = value.unwrap_or(Value::Null);
                            return Ok(());
                        }
                    }
                }
                _ => {
                    if self.is_data_descriptor(&attr) {
                        let (m, args) = match &value {
                            Some(v) => ("__set__", vec![obj.clone(), v.clone()]),
                            None => ("__delete__", vec![obj.clone()]),
                        };
                        if let Some(f) = self.lookup_special_str(&attr, m) {
                            self.call_method_value(&f, &attr, &args)?;
                            return Ok(());
                        }
                        // A data descriptor missing the method for this operation refuses it.
                        return Err(self.attribute_error(m));
                    }
                }
            }
        }
        let Value::Obj(o) = obj else {
            return Err(self.no_attribute_set(obj, &text));
        };
        if let Payload::Type(td) = &o.payload {
            if td.builtin {
                let tn = td.name.borrow().clone();
                return Err(self.type_error(format!(
                    "cannot set '{text}' attribute of immutable type '{tn}'"
                )));
            }
            let key = Value::Obj(name.clone());
            let mut table = td.dict.borrow_mut();
            match value {
                Some(v) => {
                    drop(table);
                    let h = self.str_hash(ns);
                    let mut table = td.dict.borrow_mut();
                    crate::objects::dictops::table_set_str(&mut table, key, h, v);
                }
                None => {
                    if !crate::objects::dictops::table_del_str(&mut table, &text, h) {
                        drop(table);
                        let tn = td.name.borrow().clone();
                        return Err(self.attribute_error(format!(
                            "type object '{tn}' has no attribute '{text}'"
                        )));
                    }
                }
            }
            td.version.set(td.version.get() + 1);
            self.types_changed();
            return Ok(());
        }
        let value = match self.inline_setattr(o, name, ns, value) {
            InlineStore::Done => return Ok(()),
            InlineStore::Missing => return Err(self.no_attribute_set(obj, &text)),
            InlineStore::NotInline(value) => value,
        };
        // `_pyio`'s state of a delegated file layer lives apart from its `__dict__`.
        let value = match &o.payload {
            Payload::File(_) => {
                match crate::builtins::io::delegated_setattr(self, obj, &text, value)? {
                    Some(value) => value,
                    None => return Ok(()),
                }
            }
            _ => value,
        };
        let dict = match &o.payload {
            Payload::Module(m) => Some(m.dict.clone()),
            _ => self.instance_dict(o),
        };
        match dict {
            Some(d) => match value {
                Some(v) => self.dict_set(&d, Value::Obj(name.clone()), v),
                None => {
                    if self.dict_del(&d, &Value::Obj(name.clone()))?.is_none() {
                        // `_PyObject_GenericSetAttrWithDict` names the type, even for modules
                        // (3.11 sets no `name`/`obj` on this error).
                        return Err(self.no_attribute_set(obj, &text));
                    }
                    Ok(())
                }
            },
            None => {
                // No instance dict: an attribute the class has is read-only.
                let t = self.type_of(obj);
                let h = self.str_hash(ns);
                if self.type_lookup_obj(&t, name, h).is_some() {
                    let tn = self.type_name(obj);
                    return Err(self.attribute_error(format!(
                        "'{tn}' object attribute '{text}' is read-only"
                    )));
                }
                Err(self.no_attribute_set(obj, &text))
            }
        }
    }

    fn no_attribute_set(&mut self, obj: &Value, name: &str) -> PyErr {
        let tn = self.type_name(obj);
        self.attribute_error(format!("'{tn}' object has no attribute '{name}'"))
    }

    /// CPython's AttributeError for a missing attribute.
    pub fn no_attribute(&mut self, obj: &Value, name: &ObjRef) -> PyErr {
        let n = self.str_text(&Value::Obj(name.clone()));
        let msg = match obj.payload() {
            Some(Payload::Type(td)) => format!(
                "type object '{}' has no attribute '{}'",
                td.name.borrow(),
                n
            ),
            Some(Payload::Module(m)) => {
                let key = self.intern("__name__");
                let modname = self
                    .dict_get_str_obj(&m.dict, &key)
                    .map(|v| self.str_text(&v))
                    .unwrap_or_else(|| "?".into());
                format!("module '{modname}' has no attribute '{n}'")
            }
            _ => format!("'{}' object has no attribute '{}'", self.type_name(obj), n),
        };
        let err = self.attribute_error(msg);
        if let Payload::Exception(d) = &err.0.payload {
            d.set_field("name", Value::Obj(name.clone()));
            d.set_field("obj", obj.clone());
        }
        err
    }

    /// A str-keyed lookup in a dict object, without running Python code.
    pub fn dict_get_str_obj(&self, dict: &ObjRef, name: &ObjRef) -> Option<Value> {
        let Payload::Str(ns) = &name.payload else {
            return None;
        };
        let Payload::Dict(table) = &dict.payload else {
            return None;
        };
        let h = self.str_hash(ns);
        crate::objects::typeobj::dict_get_name(&table.borrow(), name, ns.wtf8(), h)
    }

    /// `NameError: name 'x' is not defined`.
    pub fn name_error(&mut self, name: &ObjRef, _frame: Option<&crate::frame::Frame>) -> PyErr {
        let n = self.str_text(&Value::Obj(name.clone()));
        let t = self.types.name_error.clone();
        let err = self.new_exception_msg(&t, format!("name '{n}' is not defined"));
        if let Payload::Exception(d) = &err.0.payload {
            d.set_field("name", Value::Obj(name.clone()));
        }
        err
    }

    /// The `__name__` of a type object.
    pub fn type_name_of(&self, t: &ObjRef) -> String {
        type_data(t).name.borrow().clone()
    }
}

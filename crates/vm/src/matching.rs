//! `match` statements and `except*` (CPython 3.11: `Python/ceval.c: match_keys,
//! match_class, match_class_attr, exception_group_match`; `Objects/exceptions.c:
//! _PyExc_PrepReraiseStar`).
//!
//! Sequence and mapping patterns accept what CPython's `Py_TPFLAGS_SEQUENCE` /
//! `Py_TPFLAGS_MAPPING` mark: the builtin sequence and mapping types and their subclasses
//! (`collections.abc` registration is not modelled).

use crate::object::{ObjRef, Payload};
use crate::objects::exception::group::{Matcher, group_members, split};
use crate::objects::typeobj::{is_subtype, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    /// `MATCH_MAPPING`: whether the subject is a mapping for pattern matching.
    pub fn is_mapping_for_match(&mut self, v: &Value) -> bool {
        let t = self.type_of(v);
        is_subtype(&t, &self.types.dict) || is_subtype(&t, &self.types.mappingproxy)
    }

    /// `MATCH_SEQUENCE`: whether the subject is a sequence for pattern matching.
    pub fn is_sequence_for_match(&mut self, v: &Value) -> bool {
        let t = self.type_of(v);
        let ty = &self.types;
        [&ty.list, &ty.tuple, &ty.range, &ty.memoryview]
            .iter()
            .any(|s| is_subtype(&t, s))
    }

    /// `MATCH_KEYS`: a tuple of the values for `keys`, or `None` when one is missing.
    pub fn match_keys(&mut self, subject: &Value, keys: &Value) -> PyResult<Value> {
        let keys = match keys.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => return Err(self.type_error("MATCH_KEYS expects a tuple of keys")),
        };
        if keys.is_empty() {
            return Ok(self.new_tuple(Vec::new()));
        }
        let get = self.getattr_str(subject, "get")?;
        let seen = self.new_dict();
        let dummy = Value::Obj(ObjRef::new(self.types.object.clone(), Payload::plain()));
        let mut values = Vec::with_capacity(keys.len());
        for key in keys {
            if self.dict_get(&seen, &key)?.is_some() {
                let r = self.repr_string(&key)?;
                return Err(self.value_error(format!("mapping pattern checks duplicate key ({r})")));
            }
            self.dict_set(&seen, key.clone(), Value::None)?;
            let v = self.call_pos(&get, &[key, dummy.clone()])?;
            if v.is(&dummy) {
                return Ok(Value::None);
            }
            values.push(v);
        }
        Ok(self.new_tuple(values))
    }

    /// `MATCH_CLASS`: a tuple of the extracted attributes, or `None`.
    pub fn match_class(
        &mut self,
        subject: &Value,
        cls: &Value,
        nargs: usize,
        names: &Value,
    ) -> PyResult<Value> {
        let Value::Obj(t) = cls else {
            return Err(self.type_error("called match pattern must be a type"));
        };
        if !matches!(t.payload, Payload::Type(_)) {
            return Err(self.type_error("called match pattern must be a type"));
        }
        if !self.isinstance(subject, cls)? {
            return Ok(Value::None);
        }
        let tname = type_data(t).name.borrow().clone();
        let mut seen: Vec<String> = Vec::new();
        let mut attrs = Vec::new();
        if nargs > 0 {
            let key = self.intern("__match_args__");
            let (match_args, match_self) = match self.getattr_opt(cls, &key)? {
                Some(m) => match m.payload() {
                    Some(Payload::Tuple(items))
                        if ObjRef::ptr_eq(&self.type_of(&m), &self.types.tuple) =>
                    {
                        (items.to_vec(), false)
                    }
                    _ => {
                        return Err(self.type_error(format!(
                            "{tname}.__match_args__ must be a tuple (got {})",
                            self.type_name(&m)
                        )));
                    }
                },
                None => (Vec::new(), self.matches_self(t)),
            };
            let allowed = if match_self { 1 } else { match_args.len() };
            if allowed < nargs {
                let plural = if allowed == 1 { "" } else { "s" };
                return Err(self.type_error(format!(
                    "{tname}() accepts {allowed} positional sub-pattern{plural} ({nargs} given)"
                )));
            }
            if match_self {
                attrs.push(subject.clone());
            } else {
                for name in &match_args[..nargs] {
                    let exact_str = matches!(name, Value::Obj(o) if o.class_is(&self.types.str));
                    if !exact_str {
                        return Err(self.type_error(format!(
                            "__match_args__ elements must be strings (got {})",
                            self.type_name(name)
                        )));
                    }
                    match self.match_class_attr(subject, &tname, name, &mut seen)? {
                        Some(v) => attrs.push(v),
                        None => return Ok(Value::None),
                    }
                }
            }
        }
        let kw = match names.payload() {
            Some(Payload::Tuple(t)) => t.to_vec(),
            _ => Vec::new(),
        };
        for name in &kw {
            match self.match_class_attr(subject, &tname, name, &mut seen)? {
                Some(v) => attrs.push(v),
                None => return Ok(Value::None),
            }
        }
        Ok(self.new_tuple(attrs))
    }

    /// Builtins whose single positional sub-pattern matches the subject itself
    /// (`_Py_TPFLAGS_MATCH_SELF`, inherited by subclasses).
    fn matches_self(&self, t: &ObjRef) -> bool {
        let ty = &self.types;
        [
            &ty.bool_,
            &ty.bytearray,
            &ty.bytes,
            &ty.dict,
            &ty.float,
            &ty.frozenset,
            &ty.int,
            &ty.list,
            &ty.set,
            &ty.str,
            &ty.tuple,
        ]
        .iter()
        .any(|s| is_subtype(t, s))
    }

    fn match_class_attr(
        &mut self,
        subject: &Value,
        tname: &str,
        name: &Value,
        seen: &mut Vec<String>,
    ) -> PyResult<Option<Value>> {
        let text = self.str_text(name);
        if seen.contains(&text) {
            let r = self.repr_string(name)?;
            return Err(self.type_error(format!(
                "{tname}() got multiple sub-patterns for attribute {r}"
            )));
        }
        seen.push(text);
        let Value::Obj(n) = name else {
            return Ok(None);
        };
        match self.getattr(subject, n) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let ae = self.types.attribute_error.clone();
                if self.err_matches(&e, &ae) {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        }
    }

    /// `CHECK_EG_MATCH`: split an exception group; `(rest, matched)`, with `matched` `None`
    /// (and `rest` the original) when nothing matches.
    pub fn exception_group_match(&mut self, eg: &Value, ty: &Value) -> PyResult<(Value, Value)> {
        self.exception_matches(eg, ty)?;
        let beg = self.types.base_exception_group.clone();
        let is_group_type = |c: &Value| matches!(c, Value::Obj(o) if matches!(o.payload, Payload::Type(_)) && is_subtype(o, &beg));
        let rejects = match ty.payload() {
            Some(Payload::Tuple(t)) => t.iter().any(is_group_type),
            _ => is_group_type(ty),
        };
        if rejects {
            return Err(self.type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
        if eg.is_none() {
            return Ok((Value::None, Value::None));
        }
        let (matched, rest) = if self.exception_matches(eg, ty)? {
            if group_members(eg).is_some() {
                (eg.clone(), Value::None)
            } else {
                let t = Value::Obj(beg.clone());
                let empty = self.new_str("");
                let l = self.new_tuple(vec![eg.clone()]);
                (self.call_pos(&t, &[empty, l])?, Value::None)
            }
        } else if group_members(eg).is_some() {
            let m = Matcher::from_value(self, ty)?;
            split(self, eg, &m, true)?
        } else {
            (Value::None, Value::None)
        };
        if matched.is_none() {
            return Ok((eg.clone(), Value::None));
        }
        if let Some(top) = self.handled.last_mut() {
            *top = matched.clone();
        }
        Ok((rest, matched))
    }

    /// `PREP_RERAISE_STAR`: what leaves a `try`/`except*`: the exceptions raised in the
    /// handlers plus the unhandled and re-raised part of the original group.
    pub fn prep_reraise_star(&mut self, orig: &Value, list: &Value) -> PyResult<Value> {
        let excs = match list.payload() {
            Some(Payload::List(l)) => l.borrow().to_vec(),
            _ => return Err(self.type_error("PREP_RERAISE_STAR expects a list")),
        };
        if excs.is_empty() {
            return Ok(Value::None);
        }
        if group_members(orig).is_none() {
            return Ok(excs[0].clone());
        }
        let mut raised = Vec::new();
        let mut reraised = Vec::new();
        for e in excs {
            if e.is_none() {
                continue;
            }
            if same_metadata(&e, orig) {
                reraised.push(e);
            } else {
                raised.push(e);
            }
        }
        let reraised_eg = if reraised.is_empty() {
            Value::None
        } else {
            let mut ids = Vec::new();
            for e in &reraised {
                leaf_ids(e, &mut ids);
            }
            split(self, orig, &Matcher::Instances(ids), false)?.0
        };
        if raised.is_empty() {
            return Ok(reraised_eg);
        }
        if !reraised_eg.is_none() {
            raised.push(reraised_eg);
        }
        if raised.len() > 1 {
            let t = Value::Obj(self.types.base_exception_group.clone());
            let empty = self.new_str("");
            let l = self.new_list(raised);
            return self.call_pos(&t, &[empty, l]);
        }
        Ok(raised.swap_remove(0))
    }
}

/// `is_same_exception_metadata`: the same traceback, cause and context objects.
fn same_metadata(a: &Value, b: &Value) -> bool {
    match (a.payload(), b.payload()) {
        (Some(Payload::Exception(x)), Some(Payload::Exception(y))) => {
            x.traceback.borrow().is(&y.traceback.borrow())
                && x.cause.borrow().is(&y.cause.borrow())
                && x.context.borrow().is(&y.context.borrow())
        }
        _ => false,
    }
}

/// `collect_exception_group_leaf_ids`
fn leaf_ids(e: &Value, out: &mut Vec<usize>) {
    if e.is_none() {
        return;
    }
    match group_members(e) {
        Some(members) => {
            for m in &members {
                leaf_ids(m, out);
            }
        }
        None => out.push(e.identity()),
    }
}

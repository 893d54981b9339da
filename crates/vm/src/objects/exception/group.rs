//! `BaseExceptionGroup` and `ExceptionGroup` (CPython: `Objects/exceptions.c`:
//! `BaseExceptionGroup_new`, `exceptiongroup_split_recursive`, `exceptiongroup_subset`).

use super::exc_data;
use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::{c3_mro, is_subtype, type_data};
use crate::value::Value;
use crate::{PyResult, Vm};

/// Register the group types and give `ExceptionGroup` its two bases.
pub fn init(vm: &mut Vm) {
    let beg = vm.types.base_exception_group.clone();
    let eg = vm.types.exception_group.clone();
    let bases = vec![beg.clone(), vm.types.exception.clone()];
    if let Ok(mro) = c3_mro(&eg, &bases) {
        *type_data(&eg).bases.borrow_mut() = bases;
        *type_data(&eg).mro.borrow_mut() = mro;
    }
    vm.add_methods(
        &beg,
        crate::methods![
            staticmethod "__new__" => group_new, "";
            method "__init__" => group_init, "";
            method "__str__" => group_str, "";
            method "derive" => group_derive, "";
            method "split" => group_split, "";
            method "subgroup" => group_subgroup, "";
        ],
    );
    vm.add_getset(&beg, "message", group_message, None);
    vm.add_getset(&beg, "exceptions", group_exceptions, None);
}

fn group_message(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(exc_data(vm, this)?.field("message"))
}

fn group_exceptions(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(exc_data(vm, this)?.field("exceptions"))
}

/// The sub-exceptions of a group, or `None` for anything else.
pub fn group_members(v: &Value) -> Option<Vec<Value>> {
    match v.payload() {
        Some(Payload::Exception(d)) => match d.field_opt("exceptions") {
            Some(Value::Obj(o)) => match &o.payload {
                Payload::Tuple(t) => Some(t.to_vec()),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

fn is_exc_instance(vm: &Vm, v: &Value, ty: &ObjRef) -> bool {
    is_subtype(&vm.type_of(v), ty)
}

fn group_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(Value::Obj(cls)) = args.values.first() else {
        return Err(vm.type_error("BaseExceptionGroup.__new__(): not enough arguments"));
    };
    let mut cls = cls.clone();
    let tname = type_data(&cls).name.borrow().clone();
    if args.has_kwargs() {
        return Err(vm.type_error(format!("{tname} takes no keyword arguments")));
    }
    let pos = &args.pos()[1..];
    if pos.len() != 2 {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len()
        )));
    }
    let (message, exceptions) = (&pos[0], &pos[1]);
    if !matches!(message.payload(), Some(Payload::Str(_))) {
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {}",
            vm.type_name(message)
        )));
    }
    let is_seq = vm.lookup_special_str(exceptions, "__getitem__").is_some()
        && !matches!(exceptions.payload(), Some(Payload::Dict(_)));
    if !is_seq {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let items = vm.iterate(exceptions)?;
    if items.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let be = vm.types.base_exception.clone();
    let ex = vm.types.exception.clone();
    let mut nested_base = false;
    for (i, e) in items.iter().enumerate() {
        if !is_exc_instance(vm, e, &be) {
            return Err(vm.value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        if !is_exc_instance(vm, e, &ex) {
            nested_base = true;
        }
    }
    let beg = vm.types.base_exception_group.clone();
    let eg = vm.types.exception_group.clone();
    if ObjRef::ptr_eq(&cls, &beg) {
        if !nested_base {
            cls = eg;
        }
    } else if ObjRef::ptr_eq(&cls, &eg) {
        if nested_base {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if nested_base && is_subtype(&cls, &ex) {
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{tname}'")));
    }
    let new_args = [Value::Obj(cls), message.clone(), exceptions.clone()];
    let o = super::exc_new(vm, Args::positional(&new_args))?;
    let d = exc_data(vm, &o)?;
    d.set_field("message", message.clone());
    let t = vm.new_tuple(items);
    exc_data(vm, &o)?.set_field("exceptions", t);
    Ok(o)
}

fn group_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.has_kwargs() {
        let tn = vm.type_name(&args.values[0]);
        return Err(vm.type_error(format!("{tn} takes no keyword arguments")));
    }
    super::exc_init(vm, args)
}

fn group_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__str__", 0, 0)?;
    let d = exc_data(vm, this)?;
    let msg = d.field("message");
    let n = group_members(this).map_or(0, |m| m.len());
    let m = vm.str(&msg)?;
    let m = vm.str_text(&m);
    let s = if n > 1 { "s" } else { "" };
    Ok(vm.new_string(format!("{m} ({n} sub-exception{s})")))
}

fn group_derive(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "derive", 1, 1)?;
    let msg = exc_data(vm, this)?.field("message");
    let beg = Value::Obj(vm.types.base_exception_group.clone());
    vm.call_pos(&beg, &[msg, rest[0].clone()])
}

/// What `split`/`subgroup` match against.
pub enum Matcher {
    /// An exception type or a tuple of them.
    Types(Value),
    /// A predicate called with each exception.
    Predicate(Value),
    /// An identity set (for `except*` re-raise bookkeeping).
    Instances(Vec<usize>),
}

impl Matcher {
    /// `get_matcher_type`: classify the argument of `split`/`subgroup`.
    pub fn from_value(vm: &mut Vm, v: &Value) -> PyResult<Matcher> {
        let be = vm.types.base_exception.clone();
        let is_exc_type = |x: &Value| matches!(x, Value::Obj(o) if matches!(o.payload, Payload::Type(_)) && is_subtype(o, &be));
        if is_exc_type(v) {
            return Ok(Matcher::Types(v.clone()));
        }
        if let Some(Payload::Tuple(t)) = v.payload() {
            if t.iter().all(is_exc_type) {
                return Ok(Matcher::Types(v.clone()));
            }
        } else if vm.is_callable(v) {
            return Ok(Matcher::Predicate(v.clone()));
        }
        Err(vm.type_error("expected a function, exception type or tuple of exception types"))
    }

    fn matches(&self, vm: &mut Vm, exc: &Value) -> PyResult<bool> {
        match self {
            Matcher::Types(t) => {
                let et = vm.type_of(exc);
                Ok(match t.payload() {
                    Some(Payload::Tuple(items)) => items
                        .iter()
                        .any(|c| matches!(c, Value::Obj(o) if is_subtype(&et, o))),
                    _ => matches!(t, Value::Obj(o) if is_subtype(&et, o)),
                })
            }
            Matcher::Predicate(f) => {
                let r = vm.call_pos(f, std::slice::from_ref(exc))?;
                vm.is_true(&r)
            }
            Matcher::Instances(ids) => Ok(ids.contains(&exc.identity())),
        }
    }
}

/// `exceptiongroup_subset`: `orig.derive(excs)` carrying over the traceback, cause, context
/// and notes; `None` for an empty list.
pub fn subset(vm: &mut Vm, orig: &Value, excs: Vec<Value>) -> PyResult<Value> {
    if excs.is_empty() {
        return Ok(Value::None);
    }
    let list = vm.new_list(excs);
    let derive = vm.getattr_str(orig, "derive")?;
    let eg = vm.call_pos(&derive, &[list])?;
    let beg = vm.types.base_exception_group.clone();
    if !is_exc_instance(vm, &eg, &beg) {
        return Err(vm.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    if let (Some(Payload::Exception(src)), Some(Payload::Exception(dst))) =
        (orig.payload(), eg.payload())
    {
        *dst.traceback.borrow_mut() = src.traceback.borrow().clone();
        *dst.cause.borrow_mut() = src.cause.borrow().clone();
        *dst.context.borrow_mut() = src.context.borrow().clone();
        dst.suppress_context.set(src.suppress_context.get());
    }
    let key = vm.intern("__notes__");
    if let Some(notes) = vm.getattr_opt(orig, &key)?
        && matches!(notes.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
    {
        let items = vm.iterate(&notes)?;
        let l = vm.new_list(items);
        vm.setattr(&eg, &key, Some(l))?;
    }
    Ok(eg)
}

/// `exceptiongroup_split_recursive`: `(match, rest)`, each `None` when empty.
pub fn split(
    vm: &mut Vm,
    exc: &Value,
    m: &Matcher,
    construct_rest: bool,
) -> PyResult<(Value, Value)> {
    if m.matches(vm, exc)? {
        return Ok((exc.clone(), Value::None));
    }
    let Some(members) = group_members(exc) else {
        return Ok((Value::None, exc.clone()));
    };
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for e in &members {
        let (a, b) = split(vm, e, m, construct_rest)?;
        if !a.is_none() {
            matched.push(a);
        }
        if construct_rest && !b.is_none() {
            rest.push(b);
        }
    }
    let a = subset(vm, exc, matched)?;
    let b = if construct_rest {
        subset(vm, exc, rest)?
    } else {
        Value::None
    };
    Ok((a, b))
}

fn group_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "split", 1, 1)?;
    let m = Matcher::from_value(vm, &rest[0])?;
    let (a, b) = split(vm, this, &m, true)?;
    Ok(vm.new_pair(a, b))
}

fn group_subgroup(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "subgroup", 1, 1)?;
    let m = Matcher::from_value(vm, &rest[0])?;
    Ok(split(vm, this, &m, false)?.0)
}

//! `_contextvars` (CPython: `Python/context.c`). A `Context` holds a dict from `ContextVar` to
//! value; CPython's contexts are immutable mappings swapped on every `set`, which is
//! observably the same as one mutable dict per context as long as `copy_context` copies it,
//! and that is what this does. The current context is per interpreter (one thread).

use std::cell::Cell;

use crate::native::{bind_args, method_args, native_ref, pos_args};
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

struct Context {
    vars: ObjRef,
    entered: Cell<bool>,
}

struct ContextVar {
    name: Value,
    default: Option<Value>,
}

struct Token {
    var: Value,
    ctx: Value,
    old: Option<Value>,
    used: Cell<bool>,
}

/// The `_contextvars` types: Context, ContextVar, Token, and `Token.MISSING`'s type.
#[derive(Clone)]
pub(crate) struct CtxTypes {
    context: ObjRef,
    var: ObjRef,
    token: ObjRef,
    missing: Value,
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = types(vm);
    super::set_attr(vm, m, "Context", Value::Obj(t.context));
    super::set_attr(vm, m, "ContextVar", Value::Obj(t.var));
    super::set_attr(vm, m, "Token", Value::Obj(t.token));
    vm.add_functions(m, &[("copy_context", copy_context)]);
    Ok(())
}

fn types(vm: &mut Vm) -> CtxTypes {
    if let Some(t) = &vm.mods.ctx_types {
        return t.clone();
    }
    let context = super::new_type(vm, "_contextvars", "Context", false);
    vm.add_methods(
        &context,
        crate::methods![
            staticmethod "__new__" => context_new, "";
            method "run" => context_run, "";
            method "copy" => context_copy, "";
            method "get" => context_get, "";
            method "__getitem__" => context_getitem, "";
            method "__contains__" => context_contains, "";
            method "__len__" => context_len, "";
            method "__iter__" => context_iter, "";
            method "keys" => context_keys, "";
            method "values" => context_values, "";
            method "items" => context_items, "";
        ],
    );
    vm.set_type_attr(&context, "__hash__", Value::None);
    let var = super::new_type(vm, "_contextvars", "ContextVar", false);
    vm.add_methods(
        &var,
        crate::methods![
            staticmethod "__new__" => var_new, "";
            method "get" => var_get, "";
            method "set" => var_set, "";
            method "reset" => var_reset, "";
            method "__repr__" => var_repr, "";
            classmethod "__class_getitem__" => class_getitem, "";
        ],
    );
    vm.add_getset(&var, "name", var_name, None);
    let token = super::new_type(vm, "_contextvars", "Token", false);
    vm.add_methods(
        &token,
        crate::methods![
            method "__repr__" => token_repr, "";
            classmethod "__class_getitem__" => class_getitem, "";
        ],
    );
    vm.add_getset(&token, "var", token_var, None);
    vm.add_getset(&token, "old_value", token_old_value, None);
    let missing_t = super::new_type(vm, "_contextvars", "Token.MISSING", false);
    vm.add_methods(
        &missing_t,
        crate::methods![ method "__repr__" => missing_repr, ""; ],
    );
    let missing = Value::Obj(vm.new_object(&missing_t, Payload::plain()));
    vm.set_type_attr(&token, "MISSING", missing.clone());
    let t = CtxTypes {
        context,
        var,
        token,
        missing,
    };
    vm.mods.ctx_types = Some(t.clone());
    t
}

fn new_context(vm: &mut Vm, vars: ObjRef) -> Value {
    let t = types(vm);
    let c = Context {
        vars,
        entered: Cell::new(false),
    };
    Value::Obj(vm.new_object(&t.context, Payload::Native(Box::new(c))))
}

/// The current context, made empty on first use.
fn current(vm: &mut Vm) -> Value {
    if let Some(c) = &vm.mods.context {
        return c.clone();
    }
    let d = vm.new_dict();
    let c = new_context(vm, d);
    vm.mods.context = Some(c.clone());
    c
}

fn ctx<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a Context> {
    match native_ref::<Context>(v) {
        Some(c) => Ok(c),
        None => Err(vm.type_error("a Context object is required")),
    }
}

fn cvar<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a ContextVar> {
    match native_ref::<ContextVar>(v) {
        Some(c) => Ok(c),
        None => Err(vm.type_error("a ContextVar object is required")),
    }
}

fn copy_vars(vm: &mut Vm, vars: &ObjRef) -> PyResult<ObjRef> {
    let d = vm.new_dict();
    vm.dict_update(&Value::Obj(d.clone()), &Value::Obj(vars.clone()), false)?;
    Ok(d)
}

fn copy_context(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    pos_args(vm, &args, "copy_context", 0, 0)?;
    let cur = current(vm);
    let vars = ctx(vm, &cur)?.vars.clone();
    let d = copy_vars(vm, &vars)?;
    Ok(new_context(vm, d))
}

fn context_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if args.values.len() > 1 || args.has_kwargs() {
        return Err(vm.type_error("Context() does not accept any arguments"));
    }
    let d = vm.new_dict();
    Ok(new_context(vm, d))
}

fn context_run(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some((this, rest)) = args.values.split_first() else {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    };
    let Some((func, fargs)) = rest.split_first() else {
        return Err(vm.type_error("run() missing 1 required positional argument"));
    };
    let c = ctx(vm, this)?;
    if c.entered.get() {
        let r = vm.repr_string(this)?;
        return Err(vm.runtime_error(format!("cannot enter context: {r} is already entered")));
    }
    c.entered.set(true);
    let prev = current(vm);
    vm.mods.context = Some(this.clone());
    let r = vm.call(
        func,
        Args {
            values: fargs,
            kwnames: args.kwnames,
        },
    );
    vm.mods.context = Some(prev);
    if let Some(c) = native_ref::<Context>(this) {
        c.entered.set(false);
    }
    r
}

fn context_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "copy", 0, 0)?;
    let vars = ctx(vm, this)?.vars.clone();
    let d = copy_vars(vm, &vars)?;
    Ok(new_context(vm, d))
}

fn key_var(vm: &mut Vm, v: &Value) -> PyResult<()> {
    if native_ref::<ContextVar>(v).is_none() {
        let tn = vm.type_name(v);
        return Err(vm.type_error(format!("a ContextVar key was expected, got {tn}")));
    }
    Ok(())
}

fn context_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getitem__", 1, 1)?;
    key_var(vm, &rest[0])?;
    let vars = ctx(vm, this)?.vars.clone();
    match vm.dict_get(&vars, &rest[0])? {
        Some(v) => Ok(v),
        None => Err(vm.key_error(rest[0].clone())),
    }
}

fn context_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "get", 1, 2)?;
    key_var(vm, &rest[0])?;
    let vars = ctx(vm, this)?.vars.clone();
    Ok(vm
        .dict_get(&vars, &rest[0])?
        .unwrap_or_else(|| rest.get(1).cloned().unwrap_or(Value::None)))
}

fn context_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__contains__", 1, 1)?;
    key_var(vm, &rest[0])?;
    let vars = ctx(vm, this)?.vars.clone();
    Ok(Value::bool(vm.dict_get(&vars, &rest[0])?.is_some()))
}

fn context_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__len__", 0, 0)?;
    let vars = ctx(vm, this)?.vars.clone();
    Ok(Value::Int(vm.len(&Value::Obj(vars))? as i64))
}

fn vars_method(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Value> {
    let (this, _) = method_args(vm, args, name, 0, 0)?;
    let vars = ctx(vm, this)?.vars.clone();
    let f = vm.getattr_str(&Value::Obj(vars), name)?;
    vm.call_pos(&f, &[])
}

fn context_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let keys = vars_method(vm, &args, "keys")?;
    vm.iter(&keys)
}

fn context_keys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vars_method(vm, &args, "keys")
}

fn context_values(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vars_method(vm, &args, "values")
}

fn context_items(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    vars_method(vm, &args, "items")
}

fn var_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "ContextVar")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = bind_args(vm, &rest, "ContextVar", &["name", "default"], 1)?;
    if crate::native::as_pystr(&a[0]).is_none() {
        return Err(vm.type_error("context variable name must be a str"));
    }
    let v = ContextVar {
        name: a[0].clone(),
        default: (!a[1].is_null()).then(|| a[1].clone()),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(v))),
    ))
}

fn var_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "get", 0, 1)?;
    let cur = current(vm);
    let vars = ctx(vm, &cur)?.vars.clone();
    if let Some(v) = vm.dict_get(&vars, this)? {
        return Ok(v);
    }
    if let Some(d) = rest.first() {
        return Ok(d.clone());
    }
    if let Some(d) = &cvar(vm, this)?.default {
        return Ok(d.clone());
    }
    let t = vm.types.lookup_error.clone();
    Err(vm.new_exception(&t, vec![this.clone()]))
}

fn var_set(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "set", 1, 1)?;
    cvar(vm, this)?;
    let cur = current(vm);
    let vars = ctx(vm, &cur)?.vars.clone();
    let old = vm.dict_get(&vars, this)?;
    vm.dict_set(&vars, this.clone(), rest[0].clone())?;
    let t = types(vm);
    let tok = Token {
        var: this.clone(),
        ctx: cur,
        old,
        used: Cell::new(false),
    };
    Ok(Value::Obj(
        vm.new_object(&t.token, Payload::Native(Box::new(tok))),
    ))
}

fn var_reset(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "reset", 1, 1)?;
    let Some(tok) = native_ref::<Token>(&rest[0]) else {
        let tn = vm.type_name(&rest[0]);
        return Err(vm.type_error(format!("expected an instance of Token, got '{tn}'")));
    };
    if tok.used.get() {
        let r = vm.repr_string(&rest[0])?;
        return Err(vm.runtime_error(format!("{r} has already been used once")));
    }
    if tok.var.identity() != this.identity() {
        let r = vm.repr_string(&rest[0])?;
        return Err(vm.value_error(format!("{r} was created by a different ContextVar")));
    }
    let cur = current(vm);
    if tok.ctx.identity() != cur.identity() {
        let r = vm.repr_string(&rest[0])?;
        return Err(vm.value_error(format!("{r} was created in a different Context")));
    }
    tok.used.set(true);
    let vars = ctx(vm, &cur)?.vars.clone();
    match &tok.old {
        Some(v) => vm.dict_set(&vars, this.clone(), v.clone())?,
        None => {
            vm.dict_del(&vars, this)?;
        }
    }
    Ok(Value::None)
}

fn var_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(cvar(vm, this)?.name.clone())
}

fn var_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let v = cvar(vm, this)?;
    let name = vm.repr_string(&v.name)?;
    let default = match &v.default {
        Some(d) => format!(" default={}", vm.repr_string(d)?),
        None => String::new(),
    };
    Ok(vm.new_string(format!(
        "<ContextVar name={name}{default} at {:#x}>",
        this.identity()
    )))
}

fn token_var(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match native_ref::<Token>(this) {
        Some(t) => Ok(t.var.clone()),
        None => Err(vm.type_error("a Token object is required")),
    }
}

fn token_old_value(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let old = match native_ref::<Token>(this) {
        Some(t) => t.old.clone(),
        None => return Err(vm.type_error("a Token object is required")),
    };
    match old {
        Some(v) => Ok(v),
        None => Ok(types(vm).missing),
    }
}

fn token_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let Some(t) = native_ref::<Token>(this) else {
        return Err(vm.type_error("a Token object is required"));
    };
    let used = if t.used.get() { " used" } else { "" };
    let var = vm.repr_string(&t.var)?;
    Ok(vm.new_string(format!("<Token{used} var={var} at {:#x}>", this.identity())))
}

fn missing_repr(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(vm.new_str("<Token.MISSING>"))
}

fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "__class_getitem__", 2, 2)?;
    let alias = vm.types.generic_alias.clone();
    vm.call_pos(&Value::Obj(alias), &[a[0].clone(), a[1].clone()])
}

//! `dict_keys`, `dict_values`, `dict_items` (CPython: `Objects/dictobject.c`, the
//! `dictview_*` and `dictviews_*` functions) and `mappingproxy` (`Objects/descrobject.c`).
//! Views are `Payload::Iter(IterState::DictView)` objects that read their dict live.

use krait_bytecode::CompareOp;

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::dict::DictTable;
use crate::objects::dictmethods::{dict_iter_obj, table};
use crate::objects::function::Args;
use crate::objects::iter::{DictIterKind, IterState};
use crate::objects::sequence::{push_str_value, repr_enter, repr_leave};
use crate::objects::setmethods::{self, is_anyset};
use crate::objects::str::PyStr;
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyResult, Vm};

/// The dict and kind behind a view value.
pub fn view_of(v: &Value) -> Option<(ObjRef, DictIterKind)> {
    match v.payload() {
        Some(Payload::Iter(st)) => match &*st.borrow() {
            IterState::DictView { dict, kind } => Some((dict.clone(), *kind)),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `v` is a keys or items view (`PyDictViewSet_Check`).
fn is_set_view(v: &Value) -> bool {
    matches!(
        view_of(v),
        Some((_, DictIterKind::Keys | DictIterKind::Items))
    )
}

fn this_view<'a>(
    vm: &mut Vm,
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(&'a Value, ObjRef, DictIterKind, &'a [Value])> {
    let (this, rest) = method_args(vm, args, name, min, max)?;
    match view_of(this) {
        Some((d, k)) => Ok((this, d, k, rest)),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a dict view"))),
    }
}

/// Register the view and mappingproxy types' methods.
pub fn init(vm: &mut Vm) {
    let keys = vm.types.dict_keys.clone();
    let values = vm.types.dict_values.clone();
    let items = vm.types.dict_items.clone();
    for t in [&keys, &values, &items] {
        vm.add_methods(
            t,
            crate::methods![
                method "__len__" => view_len, "";
                method "__iter__" => view_iter, "";
                method "__reversed__" => view_reversed, "";
                method "__repr__" => view_repr, "";
            ],
        );
        vm.add_getset(t, "mapping", view_mapping, None);
    }
    for t in [&keys, &items] {
        vm.add_methods(
            t,
            crate::methods![
                method "__contains__" => view_contains, "";
                method "__eq__" => view_eq, "";
                method "__ne__" => view_ne, "";
                method "__lt__" => view_lt, "";
                method "__le__" => view_le, "";
                method "__gt__" => view_gt, "";
                method "__ge__" => view_ge, "";
                method "__and__" => view_and, "";
                method "__rand__" => view_rand, "";
                method "__or__" => view_or, "";
                method "__ror__" => view_ror, "";
                method "__sub__" => view_sub, "";
                method "__rsub__" => view_rsub, "";
                method "__xor__" => view_xor, "";
                method "__rxor__" => view_rxor, "";
                method "isdisjoint" => view_isdisjoint, "";
            ],
        );
        vm.set_type_attr(t, "__hash__", Value::None);
    }
    vm.add_methods(
        &values,
        crate::methods![ method "__contains__" => view_contains, ""; ],
    );
    let mp = vm.types.mappingproxy.clone();
    vm.add_methods(
        &mp,
        crate::methods![
            staticmethod "__new__" => proxy_new, "";
            method "__getitem__" => proxy_getitem, "";
            method "__len__" => proxy_len, "";
            method "__contains__" => proxy_contains, "";
            method "__iter__" => proxy_iter, "";
            method "__repr__" => proxy_repr, "";
            method "__str__" => proxy_str, "";
            method "get" => proxy_get, "";
            method "keys" => proxy_keys, "";
            method "values" => proxy_values, "";
            method "items" => proxy_items, "";
            method "copy" => proxy_copy, "";
            method "__eq__" => proxy_eq, "";
            method "__ne__" => proxy_ne, "";
            method "__lt__" => proxy_lt, "";
            method "__le__" => proxy_le, "";
            method "__gt__" => proxy_gt, "";
            method "__ge__" => proxy_ge, "";
        ],
    );
}

fn view_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, _, _) = this_view(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(table(&d).borrow().len() as i64))
}

fn view_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, kind, _) = this_view(vm, &args, "__iter__", 0, 0)?;
    Ok(dict_iter_obj(vm, &d, kind, false))
}

fn view_reversed(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, kind, _) = this_view(vm, &args, "__reversed__", 0, 0)?;
    Ok(dict_iter_obj(vm, &d, kind, true))
}

fn view_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, d, kind, _) = this_view(vm, &args, "__repr__", 0, 0)?;
    let name = vm.type_name(this);
    if repr_enter(vm, this) {
        return Ok(vm.new_str("..."));
    }
    let it = dict_iter_obj(vm, &d, kind, false);
    let items = vm.iterate(&it);
    let r = match items {
        Ok(items) => {
            let l = vm.new_list(items);
            vm.repr(&l)
        }
        Err(e) => Err(e),
    };
    repr_leave(vm, this);
    let r = r?;
    let mut out = Vec::from(name.as_bytes());
    out.push(b'(');
    push_str_value(&mut out, &r);
    out.push(b')');
    Ok(vm.new_pystr(PyStr::from_wtf8(out)))
}

fn view_mapping(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match view_of(this) {
        Some((d, _)) => Ok(Value::Obj(ObjRef::new(
            vm.types.mappingproxy.clone(),
            Payload::MappingProxy(Value::Obj(d)),
        ))),
        None => Err(vm.type_error("expected a dict view")),
    }
}

/// `x in view` for any view kind.
pub fn view_contains_value(
    vm: &mut Vm,
    d: &ObjRef,
    kind: DictIterKind,
    x: &Value,
) -> PyResult<bool> {
    match kind {
        DictIterKind::Keys => Ok(vm.dict_get(d, x)?.is_some()),
        DictIterKind::Items => {
            let Some(Payload::Tuple(t)) = x.payload() else {
                return Ok(false);
            };
            if t.len() != 2 {
                return Ok(false);
            }
            match vm.dict_get(d, &t[0])? {
                Some(v) => vm.eq(&v, &t[1]),
                None => Ok(false),
            }
        }
        DictIterKind::Values => {
            let it = dict_iter_obj(vm, d, kind, false);
            while let Some(v) = vm.next(&it)? {
                if vm.eq(&v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
    }
}

fn view_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, kind, rest) = this_view(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::bool(view_contains_value(vm, &d, kind, &rest[0])?))
}

/// `all_contained_in(a, b)`: every item of `a` is in `b`.
fn all_contained_in(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let it = vm.iter(a)?;
    while let Some(x) = vm.next(&it)? {
        if !vm.contains(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn view_compare(vm: &mut Vm, args: Args<'_>, op: CompareOp) -> PyResult<Value> {
    let (this, d, _, rest) = this_view(vm, &args, "__eq__", 1, 1)?;
    let other = &rest[0];
    if !is_anyset(other) && !is_set_view(other) {
        return Ok(vm.not_implemented.clone());
    }
    let la = table(&d).borrow().len();
    let lb = vm.len(other)?;
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            let eq = la == lb && all_contained_in(vm, this, other)?;
            if op == CompareOp::Eq { eq } else { !eq }
        }
        CompareOp::Lt => la < lb && all_contained_in(vm, this, other)?,
        CompareOp::Le => la <= lb && all_contained_in(vm, this, other)?,
        CompareOp::Gt => la > lb && all_contained_in(vm, other, this)?,
        CompareOp::Ge => la >= lb && all_contained_in(vm, other, this)?,
    };
    Ok(Value::bool(r))
}

fn view_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Eq)
}
fn view_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Ne)
}
fn view_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Lt)
}
fn view_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Le)
}
fn view_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Gt)
}
fn view_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    view_compare(vm, args, CompareOp::Ge)
}

/// `set(v)` for any iterable.
fn to_set(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    let s = vm.new_set_from(Vec::new())?;
    setmethods::update_with(vm, &s, v)?;
    Ok(s)
}

#[derive(Copy, Clone)]
enum ViewOp {
    And,
    Or,
    Sub,
    Xor,
}

/// `dictviews_and` and friends, with the operands in the order the operator saw them.
fn view_binop(vm: &mut Vm, left: &Value, right: &Value, op: ViewOp) -> PyResult<Value> {
    match op {
        ViewOp::And => {
            // `_PyDictView_Intersect`: the view goes first; keep items of `other` in it.
            let (view, other) = if view_of(left).is_some() {
                (left, right)
            } else {
                (right, left)
            };
            let Some((d, kind)) = view_of(view) else {
                return Ok(vm.not_implemented.clone());
            };
            let result = vm.new_set_from(Vec::new())?;
            let it = vm.iter(other)?;
            while let Some(x) = vm.next(&it)? {
                if view_contains_value(vm, &d, kind, &x)? {
                    vm.set_add(&result, x)?;
                }
            }
            Ok(result)
        }
        ViewOp::Or => {
            let s = to_set(vm, left)?;
            setmethods::update_with(vm, &s, right)?;
            Ok(s)
        }
        ViewOp::Sub => {
            let s = to_set(vm, left)?;
            let other = to_set(vm, right)?;
            let r = setmethods::difference(vm, &s, std::slice::from_ref(&other))?;
            Ok(r)
        }
        ViewOp::Xor => {
            let s = to_set(vm, left)?;
            setmethods::symmetric_difference(vm, &s, right)
        }
    }
}

macro_rules! view_ops {
    ($($fwd:ident, $rev:ident, $op:expr;)*) => {$(
        fn $fwd(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (this, _, _, rest) = this_view(vm, &args, "__and__", 1, 1)?;
            if vm.iter(&rest[0]).is_err() {
                return Ok(vm.not_implemented.clone());
            }
            view_binop(vm, this, &rest[0], $op)
        }
        fn $rev(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
            let (this, _, _, rest) = this_view(vm, &args, "__rand__", 1, 1)?;
            if vm.iter(&rest[0]).is_err() {
                return Ok(vm.not_implemented.clone());
            }
            view_binop(vm, &rest[0], this, $op)
        }
    )*};
}

view_ops! {
    view_and, view_rand, ViewOp::And;
    view_or, view_ror, ViewOp::Or;
    view_sub, view_rsub, ViewOp::Sub;
    view_xor, view_rxor, ViewOp::Xor;
}

fn view_isdisjoint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (_, d, kind, rest) = this_view(vm, &args, "isdisjoint", 1, 1)?;
    let it = vm.iter(&rest[0])?;
    while let Some(x) = vm.next(&it)? {
        if view_contains_value(vm, &d, kind, &x)? {
            return Ok(Value::bool(false));
        }
    }
    Ok(Value::bool(true))
}

// ----- mappingproxy -----

/// The mapping a proxy wraps: a type's namespace table, or a dict object.
fn proxied(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    match this.payload() {
        Some(Payload::MappingProxy(m)) => Ok(m.clone()),
        _ => Err(vm.type_error("descriptor requires a 'mappingproxy' object")),
    }
}

/// A snapshot dict of a proxied mapping (type namespaces are tables, not dict objects).
fn proxy_dict(vm: &mut Vm, m: &Value) -> Option<ObjRef> {
    match m {
        Value::Obj(o) => match &o.payload {
            Payload::Dict(_) => Some(o.clone()),
            Payload::Type(_) => {
                let t: DictTable = type_data(o).dict.borrow().clone();
                Some(ObjRef::new(
                    vm.types.dict.clone(),
                    Payload::Dict(Box::new(std::cell::RefCell::new(t))),
                ))
            }
            _ => None,
        },
        _ => None,
    }
}

fn proxy_target(
    vm: &mut Vm,
    args: &Args<'_>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<(Value, Vec<Value>)> {
    let (this, rest) = method_args(vm, args, name, min, max)?;
    let m = proxied(vm, this)?;
    let target = match proxy_dict(vm, &m) {
        Some(d) => Value::Obj(d),
        None => m,
    };
    Ok((target, rest.to_vec()))
}

/// `mappingproxy(mapping)` (`mappingproxy_new`): any mapping but a list or tuple.
fn proxy_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "mappingproxy")?;
    let rest = Args {
        values: &args.values[1..],
        kwnames: args.kwnames,
    };
    let a = crate::native::bind_args(vm, &rest, "mappingproxy", &["mapping"], 1)?;
    let m = a[0].clone();
    let sequence = matches!(m.payload(), Some(Payload::List(_) | Payload::Tuple(_)));
    if sequence || vm.lookup_special_str(&m, "__getitem__").is_none() {
        let tn = vm.type_name(&m);
        return Err(vm.type_error(format!(
            "mappingproxy() argument must be a mapping, not {tn}"
        )));
    }
    Ok(Value::Obj(ObjRef::new(cls, Payload::MappingProxy(m))))
}

/// `mappingproxy_richcompare`: the comparison is the wrapped mapping's.
fn proxy_compare(vm: &mut Vm, args: &Args<'_>, name: &str, op: CompareOp) -> PyResult<Value> {
    let (t, rest) = proxy_target(vm, args, name, 1, 1)?;
    vm.compare(&t, &rest[0], op)
}

fn proxy_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_compare(vm, &args, "__eq__", CompareOp::Eq)
}

fn proxy_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_compare(vm, &args, "__ne__", CompareOp::Ne)
}

fn proxy_lt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_compare(vm, &args, "__lt__", CompareOp::Lt)
}

fn proxy_le(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_compare(vm, &args, "__le__", CompareOp::Le)
}

fn proxy_gt(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_compare(vm, &args, "__gt__", CompareOp::Gt)
}

fn proxy_ge(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_compare(vm, &args, "__ge__", CompareOp::Ge)
}

fn proxy_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, rest) = proxy_target(vm, &args, "__getitem__", 1, 1)?;
    vm.getitem(&t, &rest[0])
}

fn proxy_len(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, _) = proxy_target(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(vm.len(&t)? as i64))
}

fn proxy_contains(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, rest) = proxy_target(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::bool(vm.contains(&t, &rest[0])?))
}

fn proxy_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, _) = proxy_target(vm, &args, "__iter__", 0, 0)?;
    vm.iter(&t)
}

fn proxy_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, _) = proxy_target(vm, &args, "__repr__", 0, 0)?;
    let r = vm.repr(&t)?;
    let mut out = Vec::from(&b"mappingproxy("[..]);
    push_str_value(&mut out, &r);
    out.push(b')');
    Ok(vm.new_pystr(PyStr::from_wtf8(out)))
}

fn proxy_str(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, _) = proxy_target(vm, &args, "__str__", 0, 0)?;
    vm.str(&t)
}

fn proxy_get(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (t, rest) = proxy_target(vm, &args, "get", 1, 2)?;
    let f = vm.getattr_str(&t, "get")?;
    vm.call_pos(&f, &rest)
}

fn proxy_method(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let (t, _) = proxy_target(vm, &args, name, 0, 0)?;
    let f = vm.getattr_str(&t, name)?;
    vm.call_pos(&f, &[])
}

fn proxy_keys(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_method(vm, args, "keys")
}
fn proxy_values(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_method(vm, args, "values")
}
fn proxy_items(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_method(vm, args, "items")
}
fn proxy_copy(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    proxy_method(vm, args, "copy")
}

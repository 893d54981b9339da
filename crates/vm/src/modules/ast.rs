//! `_ast`: the AST node classes (CPython: `Python/Python-ast.c`). The classes come from a
//! table generated from CPython 3.11 (`ast_nodes.rs`); `AST.__init__` fills `_fields` from
//! positional arguments and any attribute from keywords (`ast_type_init`), and
//! `AST.__reduce__` pickles a node as its class and `__dict__`. Producing trees from source
//! (`compile(..., PyCF_ONLY_AST)`) is not here yet.

use crate::native::method_args;
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

use super::ast_nodes::NODES;

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let mut made: Vec<(&str, ObjRef)> = Vec::new();
    let meta = vm.types.type_.clone();
    for (name, base, fields, attributes, nones) in NODES {
        let bases = if base.is_empty() {
            vec![vm.types.object.clone()]
        } else {
            match made.iter().find(|(n, _)| n == base) {
                Some((_, b)) => vec![b.clone()],
                None => return Err(vm.runtime_error("_ast: base class out of order")),
            }
        };
        let ns = vm.new_dict();
        let module = vm.new_str("ast");
        vm.set_dict_str(&ns, "__module__", module);
        if let Some(f) = fields {
            let items: Vec<Value> = f.iter().map(|s| vm.new_str(s)).collect();
            let t = vm.new_tuple(items);
            vm.set_dict_str(&ns, "_fields", t.clone());
            vm.set_dict_str(&ns, "__match_args__", t);
        }
        if let Some(a) = attributes {
            let items: Vec<Value> = a.iter().map(|s| vm.new_str(s)).collect();
            let t = vm.new_tuple(items);
            vm.set_dict_str(&ns, "_attributes", t);
        }
        for n in *nones {
            vm.set_dict_str(&ns, n, Value::None);
        }
        let cls = vm.type_new(&meta, name, bases, &Value::Obj(ns), &[])?;
        if base.is_empty() {
            vm.add_methods(
                &cls,
                crate::methods![
                    method "__init__" => ast_init, "";
                    method "__reduce__" => ast_reduce, "";
                ],
            );
        }
        super::set_attr(vm, m, name, Value::Obj(cls.clone()));
        made.push((name, cls));
    }
    super::set_attr(vm, m, "PyCF_ONLY_AST", Value::Int(1024));
    super::set_attr(vm, m, "PyCF_TYPE_COMMENTS", Value::Int(4096));
    super::set_attr(vm, m, "PyCF_ALLOW_TOP_LEVEL_AWAIT", Value::Int(8192));
    Ok(())
}

/// `ast_type_init`.
fn ast_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first().cloned() else {
        return Err(vm.type_error("descriptor '__init__' of 'AST' object needs an argument"));
    };
    let cls = Value::Obj(vm.type_of(&this));
    let fields = match vm.getattr_str(&cls, "_fields") {
        Ok(f) => vm.iterate(&f)?,
        Err(_) => Vec::new(),
    };
    let pos = &args.pos()[1..];
    if pos.len() > fields.len() {
        let tn = vm.type_name(&this);
        let n = fields.len();
        return Err(vm.type_error(format!(
            "{tn} constructor takes at most {n} positional argument{}",
            if n == 1 { "" } else { "s" }
        )));
    }
    for (f, v) in fields.iter().zip(pos) {
        let Value::Obj(name) = f else { continue };
        vm.setattr(&this, name, Some(v.clone()))?;
    }
    for (k, v) in args.kwargs() {
        let Value::Obj(name) = k else { continue };
        vm.setattr(&this, name, Some(v.clone()))?;
    }
    Ok(Value::None)
}

/// `ast_type_reduce`: `(type(self), (), self.__dict__)`.
fn ast_reduce(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__reduce__", 0, 0)?;
    let cls = Value::Obj(vm.type_of(this));
    let empty = vm.new_tuple(Vec::new());
    match this.as_obj().and_then(|o| o.dict.borrow().clone()) {
        Some(d) => Ok(vm.new_tuple(vec![cls, empty, Value::Obj(d)])),
        None => Ok(vm.new_tuple(vec![cls, empty])),
    }
}

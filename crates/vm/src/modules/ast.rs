//! `_ast`: the AST node classes (CPython: `Python/Python-ast.c`). The classes come from a
//! table generated from CPython 3.11 (`ast_nodes.rs`); `AST.__init__` fills `_fields` from
//! positional arguments and any attribute from keywords (`ast_type_init`), and
//! `AST.__reduce__` pickles a node as its class and `__dict__`. `compile(..., PyCF_ONLY_AST)`
//! gets its tree from the compiler (`krait_compiler::parse_tree`, a generic tree of named
//! nodes) and [`tree_to_value`] makes the objects; operators and contexts are shared instances
//! as in CPython.

use std::collections::HashMap;
use std::rc::Rc;

use krait_bytecode::Constant;
use krait_compiler::PyAst;

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
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
    let mut classes = HashMap::new();
    let mut singletons = HashMap::new();
    for ((name, _, fields, attributes, _), (_, cls)) in NODES.iter().zip(&made) {
        classes.insert(*name, cls.clone());
        // The leaves of operator, boolop, cmpop, unaryop and expr_context.
        if fields.is_some_and(|f| f.is_empty()) && attributes.is_none() {
            let o = vm.new_object(cls, Payload::plain());
            singletons.insert(*name, Value::Obj(o));
        }
    }
    // Each concrete class's fields, then the attributes it inherits.
    let mut layout: HashMap<&'static str, Vec<&'static str>> = HashMap::new();
    let mut by_ptr = HashMap::new();
    for (name, base, fields, attributes, _) in NODES {
        let mut names: Vec<&'static str> = fields.map(|f| f.to_vec()).unwrap_or_default();
        let attrs = attributes.or_else(|| NODES.iter().find(|n| n.0 == *base).and_then(|n| n.3));
        names.extend(attrs.unwrap_or(&[]).iter().copied());
        layout.insert(*name, names);
        if let Some(c) = classes.get(name) {
            by_ptr.insert(c.addr(), *name);
        }
    }
    vm.mods.ast = Some(Rc::new(AstState {
        classes,
        singletons,
        layout,
        by_ptr,
    }));
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
    match this.as_obj().and_then(|o| vm.instance_dict(o)) {
        Some(d) => Ok(vm.new_tuple(vec![cls, empty, Value::Obj(d)])),
        None => Ok(vm.new_pair(cls, empty)),
    }
}

/// The `_ast` classes by name, and the one instance of each operator and context class.
pub(crate) struct AstState {
    pub(crate) classes: HashMap<&'static str, ObjRef>,
    pub(crate) singletons: HashMap<&'static str, Value>,
    /// Fields then attributes of each class.
    layout: HashMap<&'static str, Vec<&'static str>>,
    /// Class by address, to find the `_ast` class a node's class derives from.
    by_ptr: HashMap<usize, &'static str>,
}

/// The `_ast` state, importing the module first if needed.
pub(crate) fn state(vm: &mut Vm) -> PyResult<Rc<AstState>> {
    if let Some(s) = &vm.mods.ast {
        return Ok(s.clone());
    }
    let name = vm.new_str("_ast");
    let Value::Obj(name) = name else {
        return Err(vm.runtime_error("_ast: bad module name"));
    };
    let zero = Value::Int(0);
    vm.import_module_level(&name, None, &Value::None, &zero)?;
    match &vm.mods.ast {
        Some(s) => Ok(s.clone()),
        None => Err(vm.runtime_error("_ast did not initialise")),
    }
}

/// The objects for a tree made by the compiler.
pub(crate) fn tree_to_value(vm: &mut Vm, st: &AstState, t: PyAst) -> PyResult<Value> {
    Ok(match t {
        PyAst::Node(n) => {
            if n.fields.is_empty()
                && let Some(v) = st.singletons.get(n.class)
            {
                return Ok(v.clone());
            }
            let Some(cls) = st.classes.get(n.class) else {
                return Err(vm.runtime_error(format!("_ast has no class {}", n.class)));
            };
            let o = vm.new_object(cls, Payload::plain());
            let d = vm.instance_dict(&o);
            if let Some(d) = d {
                for (name, v) in n.fields {
                    let v = tree_to_value(vm, st, v)?;
                    vm.set_dict_str(&d, name, v);
                }
            }
            Value::Obj(o)
        }
        PyAst::List(items) => {
            let mut out = Vec::with_capacity(items.len());
            for i in items {
                out.push(tree_to_value(vm, st, i)?);
            }
            vm.new_list(out)
        }
        PyAst::Const(c) => vm.constant_value(&c),
        PyAst::None | PyAst::Missing | PyAst::Other(..) => Value::None,
    })
}

/// Whether `v` is an `ast.AST` instance (never true before `_ast` is imported).
pub(crate) fn is_ast(vm: &Vm, v: &Value) -> bool {
    match &vm.mods.ast {
        Some(st) => st
            .classes
            .get("AST")
            .is_some_and(|c| vm.isinstance_exact_or_sub(v, c)),
        None => false,
    }
}

/// The `_ast` class a value's class is or derives from.
fn ast_class(vm: &Vm, st: &AstState, v: &Value) -> Option<&'static str> {
    let t = vm.type_of(v);
    let mro = crate::objects::typeobj::type_data(&t).mro.borrow().clone();
    mro.iter().find_map(|c| st.by_ptr.get(&(c.addr())).copied())
}

/// A constant's value, if `v` is one of the types a `Constant` node may hold.
fn constant_of(vm: &mut Vm, v: &Value) -> PyResult<Option<Constant>> {
    Ok(Some(match v {
        Value::None => Constant::None,
        Value::Bool(b) => Constant::Bool(b.get()),
        Value::Int(i) => Constant::Int(*i),
        Value::Float(f) => Constant::Float(f.get()),
        Value::Obj(o) => {
            if v.identity() == vm.ellipsis.identity() {
                return Ok(Some(Constant::Ellipsis));
            }
            match &o.payload {
                Payload::Int(b) => Constant::BigInt(b.clone()),
                Payload::Float(f) => Constant::Float(*f),
                Payload::Complex(re, im) => Constant::Complex(*re, *im),
                Payload::Str(s) => Constant::str(&s.as_str()),
                Payload::Bytes(b) => Constant::Bytes(b.to_vec().into()),
                Payload::Tuple(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for i in items.iter() {
                        match constant_of(vm, i)? {
                            Some(c) => out.push(c),
                            None => return Ok(None),
                        }
                    }
                    Constant::Tuple(out.into())
                }
                Payload::FrozenSet(_) => {
                    let items = vm.iterate(v)?;
                    let mut out = Vec::with_capacity(items.len());
                    for i in &items {
                        match constant_of(vm, i)? {
                            Some(c) => out.push(c),
                            None => return Ok(None),
                        }
                    }
                    Constant::FrozenSet(out.into())
                }
                _ => return Ok(None),
            }
        }
        _ => return Ok(None),
    }))
}

/// The generic tree for `ast` objects (`obj2ast_*` reads the same attributes).
fn value_to_tree(vm: &mut Vm, st: &AstState, v: &Value, depth: usize) -> PyResult<PyAst> {
    if depth > 3000 {
        let t = vm.types.recursion_error.clone();
        return Err(vm.new_exception_msg(&t, "maximum recursion depth exceeded during compilation"));
    }
    if let Some(class) = ast_class(vm, st, v) {
        let names = st.layout.get(class).cloned().unwrap_or_default();
        let mut fields = Vec::with_capacity(names.len());
        for name in names {
            let key = vm.intern(name);
            let f = match vm.getattr_opt(v, &key)? {
                Some(x) => value_to_tree(vm, st, &x, depth + 1)?,
                None => PyAst::Missing,
            };
            fields.push((name, f));
        }
        let repr = vm.default_repr(v);
        return Ok(PyAst::Node(Box::new(krait_compiler::PyNode {
            class,
            fields,
            repr,
        })));
    }
    if let Some(Payload::List(items)) = v.payload() {
        let items = items.borrow().to_vec();
        let mut out = Vec::with_capacity(items.len());
        for i in &items {
            out.push(value_to_tree(vm, st, i, depth + 1)?);
        }
        return Ok(PyAst::List(out));
    }
    if matches!(v, Value::None) {
        return Ok(PyAst::None);
    }
    if let Some(c) = constant_of(vm, v)? {
        return Ok(PyAst::Const(c));
    }
    let repr = vm.repr_string(v)?;
    Ok(PyAst::Other(repr, vm.type_name(v).to_string()))
}

/// `compile()` of an AST object.
pub(crate) fn compile_tree(
    vm: &mut Vm,
    tree: &Value,
    filename: &str,
    mode: krait_compiler::Mode,
) -> PyResult<std::sync::Arc<krait_bytecode::CodeObject>> {
    let st = state(vm)?;
    let t = value_to_tree(vm, &st, tree, 0)?;
    let options = krait_compiler::CompileOptions {
        optimize: vm.config.optimize,
        ..Default::default()
    };
    let compiled = crate::vm::on_compiler_stack(|| {
        let compiled = krait_compiler::compile_tree(&t, filename, mode, &options);
        drop(t);
        compiled
    });
    match compiled {
        Ok(co) => Ok(co),
        Err(krait_compiler::TreeError::Ast(krait_compiler::AstError::Type(m))) => {
            Err(vm.type_error(m))
        }
        Err(krait_compiler::TreeError::Ast(krait_compiler::AstError::Value(m))) => {
            Err(vm.value_error(m))
        }
        Err(krait_compiler::TreeError::Compile(e)) => Err(vm.syntax_error_from(&e, filename)),
    }
}

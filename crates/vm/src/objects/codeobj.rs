//! `code` objects' attributes, `types.GenericAlias` (`list[int]`) and `types.UnionType`
//! (`int | str`) (CPython: `Objects/codeobject.c`, `Objects/genericaliasobject.c`,
//! `Objects/unionobject.c`).

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::type_data;
use crate::value::Value;
use crate::{PyResult, Vm, methods};

/// Register the code type's attributes and the alias types' methods.
pub fn init(vm: &mut Vm) {
    let c = vm.types.code.clone();
    vm.add_getset(&c, "co_name", co_name, None);
    vm.add_getset(&c, "co_qualname", co_qualname, None);
    vm.add_getset(&c, "co_filename", co_filename, None);
    vm.add_getset(&c, "co_firstlineno", co_firstlineno, None);
    vm.add_getset(&c, "co_argcount", co_argcount, None);
    vm.add_getset(&c, "co_posonlyargcount", co_posonlyargcount, None);
    vm.add_getset(&c, "co_kwonlyargcount", co_kwonlyargcount, None);
    vm.add_getset(&c, "co_flags", co_flags, None);
    vm.add_getset(&c, "co_varnames", co_varnames, None);
    vm.add_getset(&c, "co_cellvars", co_cellvars, None);
    vm.add_getset(&c, "co_freevars", co_freevars, None);
    vm.add_getset(&c, "co_names", co_names, None);
    vm.add_getset(&c, "co_consts", co_consts, None);
    vm.add_getset(&c, "co_nlocals", co_nlocals, None);
    vm.add_getset(&c, "co_stacksize", co_stacksize, None);
    vm.add_getset(&c, "co_code", co_code, None);
    vm.add_methods(
        &c,
        methods![
            method "__repr__" => code_repr, "";
            method "__eq__" => code_eq, "";
            method "__ne__" => code_ne, "";
            method "__hash__" => code_hash, "";
            method "co_positions" => co_positions, "";
            method "co_lines" => co_lines, "";
            method "replace" => code_replace, "";
        ],
    );
    let ga = vm.types.generic_alias.clone();
    vm.add_methods(
        &ga,
        methods![
            staticmethod "__new__" => alias_new, "";
            method "__repr__" => alias_repr, "";
            method "__call__" => alias_call, "";
            method "__eq__" => alias_eq, "";
            method "__hash__" => alias_hash, "";
            method "__or__" => union_or, "";
            method "__ror__" => union_ror, "";
            method "__getattr__" => alias_getattr, "";
            method "__instancecheck__" => alias_instancecheck, "";
            method "__subclasscheck__" => alias_subclasscheck, "";
        ],
    );
    vm.add_getset(&ga, "__origin__", alias_origin, None);
    vm.add_getset(&ga, "__args__", alias_args, None);
    vm.add_getset(&ga, "__parameters__", alias_parameters, None);
    let u = vm.types.union_type.clone();
    vm.add_methods(
        &u,
        methods![
            method "__repr__" => union_repr, "";
            method "__eq__" => union_eq, "";
            method "__hash__" => union_hash, "";
            method "__or__" => union_or, "";
            method "__ror__" => union_ror, "";
            method "__instancecheck__" => union_instancecheck, "";
            method "__subclasscheck__" => union_subclasscheck, "";
        ],
    );
    vm.add_getset(&u, "__args__", alias_args, None);
    vm.add_getset(&u, "__parameters__", alias_parameters, None);
    // `type.__or__` builds unions.
    let t = vm.types.type_.clone();
    vm.add_methods(
        &t,
        methods![ method "__or__" => union_or, ""; method "__ror__" => union_ror, ""; ],
    );
    // `list[int]` and friends.
    for t in [
        vm.types.list.clone(),
        vm.types.tuple.clone(),
        vm.types.dict.clone(),
        vm.types.set.clone(),
        vm.types.frozenset.clone(),
        vm.types.enumerate.clone(),
        vm.types.dict_keys.clone(),
        vm.types.dict_values.clone(),
        vm.types.dict_items.clone(),
    ] {
        vm.add_methods(
            &t,
            methods![ classmethod "__class_getitem__" => class_getitem, ""; ],
        );
    }
}

fn code_of(vm: &mut Vm, v: &Value) -> PyResult<std::rc::Rc<crate::frame::Code>> {
    match vm.code_payload(v) {
        Some(c) => c,
        None => Err(vm.type_error("expected a code object")),
    }
}

/// `code.replace(**changes)`: a copy with new `co_*` values. The names, flags, counts and
/// first line can change; the instructions, constants and variable names cannot yet
/// (`NotImplementedError`).
fn code_replace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("descriptor 'replace' needs an argument"));
    };
    if args.pos().len() > 1 {
        return Err(vm.type_error(format!(
            "replace() takes no positional arguments ({} given)",
            args.pos().len() - 1
        )));
    }
    let code = code_of(vm, this)?;
    let mut co = (*code.co).clone();
    for (k, v) in args.kwargs() {
        let key = vm.str_text(k);
        let int = |vm: &mut Vm, v: &Value| -> PyResult<u32> {
            let n = vm.index_to_i64(v)?;
            u32::try_from(n)
                .map_err(|_| vm.value_error(format!("{key} must be a positive integer")))
        };
        let text = |vm: &mut Vm, v: &Value| -> PyResult<String> {
            match v.payload() {
                Some(Payload::Str(_)) => Ok(vm.str_text(v)),
                _ => Err(vm.type_error(format!(
                    "replace() argument '{key}' must be str, not {}",
                    vm.type_name(v)
                ))),
            }
        };
        match key.as_str() {
            "co_flags" => co.flags = krait_bytecode::CodeFlags(int(vm, v)?),
            "co_argcount" => co.arg_count = int(vm, v)?,
            "co_posonlyargcount" => co.posonly_arg_count = int(vm, v)?,
            "co_kwonlyargcount" => co.kwonly_arg_count = int(vm, v)?,
            "co_firstlineno" => co.first_line = int(vm, v)?,
            "co_stacksize" => co.max_stack = int(vm, v)?,
            "co_name" => co.name = text(vm, v)?,
            "co_qualname" => co.qualname = text(vm, v)?,
            "co_filename" => co.filename = text(vm, v)?,
            "co_nlocals" | "co_code" | "co_consts" | "co_names" | "co_varnames" | "co_freevars"
            | "co_cellvars" | "co_linetable" | "co_exceptiontable" => {
                return Err(vm.not_implemented_error(format!(
                    "code.replace({key}=...) is not supported by Krait yet"
                )));
            }
            _ => {
                return Err(vm.type_error(format!(
                    "'{key}' is an invalid keyword argument for replace()"
                )));
            }
        }
    }
    let new = vm.load_code(std::sync::Arc::new(co));
    Ok(Value::Obj(ObjRef::new(
        vm.types.code.clone(),
        Payload::Code(new),
    )))
}

/// `code.co_positions()`: `(line, end_line, col, end_col)` per instruction (Krait's
/// instructions are one code unit each, so `tb_lasti // 2` indexes this); unknown parts are
/// `None`. Under `-X no_debug_ranges` only lines are known, as CPython's code objects then
/// keep no columns (`remove_column_info`): `(line, line, None, None)`.
fn co_positions(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "co_positions", 0, 0)?;
    let code = code_of(vm, this)?;
    if vm.config.no_debug_ranges {
        let items: Vec<Value> = code
            .co
            .positions
            .iter()
            .map(|p| {
                let line = if p.line != 0 {
                    Value::Int(i64::from(p.line))
                } else {
                    Value::None
                };
                vm.new_tuple(vec![line.clone(), line, Value::None, Value::None])
            })
            .collect();
        let list = vm.new_list(items);
        return vm.iter(&list);
    }
    let opt = |n: u32, known: bool| {
        if known {
            Value::Int(i64::from(n))
        } else {
            Value::None
        }
    };
    let items: Vec<Value> = code
        .co
        .positions
        .iter()
        .map(|p| {
            // A module's `RESUME` is at line 0 (to line 1): known, unlike an all-zero position.
            let known = p.line != 0 || p.end_line != 0;
            vm.new_tuple(vec![
                opt(p.line, known),
                opt(p.end_line, known),
                opt(p.col, known),
                opt(p.end_col, known),
            ])
        })
        .collect();
    let list = vm.new_list(items);
    vm.iter(&list)
}

/// `code.co_lines()`: `(start, end, line)` byte ranges of instructions sharing a line.
fn co_lines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "co_lines", 0, 0)?;
    let code = code_of(vm, this)?;
    let mut items = Vec::new();
    let mut start = 0usize;
    let positions: Vec<_> = code.co.positions.iter().collect();
    for i in 1..=positions.len() {
        if i == positions.len() || positions[i].line != positions[start].line {
            let line = positions[start].line;
            let lv = if line == 0 && positions[start].end_line == 0 {
                Value::None
            } else {
                Value::Int(i64::from(line))
            };
            items.push(vm.new_tuple(vec![
                Value::Int(2 * start as i64),
                Value::Int(2 * i as i64),
                lv,
            ]));
            start = i;
        }
    }
    let list = vm.new_list(items);
    vm.iter(&list)
}

fn str_tuple(vm: &mut Vm, items: &[&str]) -> Value {
    let v: Vec<Value> = items.iter().map(|s| Value::Obj(vm.intern(s))).collect();
    vm.new_tuple(v)
}

/// `co_code`: Krait's instructions as CPython-shaped code units (opcode byte, low operand byte).
fn co_code(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    let mut b = Vec::with_capacity(c.co.instructions.len() * 2);
    for ins in &c.co.instructions {
        b.push(ins.op as u8);
        b.push((ins.arg & 0xFF) as u8);
    }
    Ok(vm.new_bytes(b))
}

fn co_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    Ok(vm.new_str(&c.co.name))
}

fn co_qualname(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    Ok(vm.new_str(&c.co.qualname))
}

fn co_filename(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    Ok(vm.new_str(&c.co.filename))
}

fn co_firstlineno(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(code_of(vm, this)?.co.first_line)))
}

fn co_argcount(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(code_of(vm, this)?.co.arg_count)))
}

fn co_posonlyargcount(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(
        code_of(vm, this)?.co.posonly_arg_count,
    )))
}

fn co_kwonlyargcount(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(
        code_of(vm, this)?.co.kwonly_arg_count,
    )))
}

fn co_flags(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(code_of(vm, this)?.co.flags.0)))
}

fn co_varnames(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    Ok(str_tuple(vm, &c.co.varnames()))
}

fn co_cellvars(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    Ok(str_tuple(vm, &c.co.cellvars()))
}

fn co_freevars(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    Ok(str_tuple(vm, &c.co.freevars()))
}

fn co_names(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    let names: Vec<&str> = c.co.names.iter().map(|s| s.as_str()).collect();
    Ok(str_tuple(vm, &names))
}

fn co_consts(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let c = code_of(vm, this)?;
    Ok(vm.new_tuple(c.consts.to_vec()))
}

fn co_nlocals(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(code_of(vm, this)?.co.varnames().len() as i64))
}

fn co_stacksize(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(Value::Int(i64::from(code_of(vm, this)?.co.max_stack)))
}

/// `code == other`: equal content (`CodeObject::same_code`), so a code object survives a
/// `marshal` round trip or a second compilation of the same source as an equal one.
fn code_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__eq__", 1, 1)?;
    match code_compare(vm, this, &rest[0])? {
        Some(same) => Ok(Value::bool(same)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn code_ne(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__ne__", 1, 1)?;
    match code_compare(vm, this, &rest[0])? {
        Some(same) => Ok(Value::bool(!same)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn code_compare(vm: &mut Vm, this: &Value, other: &Value) -> PyResult<Option<bool>> {
    let a = code_of(vm, this)?;
    let Some(Ok(b)) = vm.code_payload(other) else {
        return Ok(None);
    };
    Ok(Some(
        std::sync::Arc::ptr_eq(&a.co, &b.co) || a.co.same_code(&b.co),
    ))
}

/// `hash(code)`: from the parts `__eq__` compares that are cheap to read (equal code objects
/// hash alike).
fn code_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    let c = code_of(vm, this)?;
    // FNV-1a over the name, then the counts, flags, first line and instruction count.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let co = &c.co;
    let numbers = [
        co.arg_count,
        co.posonly_arg_count,
        co.kwonly_arg_count,
        co.flags.0,
        co.first_line,
        co.instructions.len() as u32,
    ];
    for b in co
        .name
        .bytes()
        .chain(numbers.iter().flat_map(|n| n.to_le_bytes()))
    {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let h = (h >> 1) as i64;
    Ok(Value::Int(if h == -1 { -2 } else { h }))
}

fn code_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let c = code_of(vm, this)?;
    let s = format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        c.co.name,
        this.identity(),
        c.co.filename,
        c.co.first_line
    );
    Ok(vm.new_string(s))
}

// ----- GenericAlias and UnionType: Payload::Slice-like pair (origin, args tuple) -----

fn alias_parts(vm: &mut Vm, v: &Value) -> PyResult<(Value, Value)> {
    match v.payload() {
        Some(Payload::Alias(m)) => Ok((m.0.clone(), m.1.clone())),
        _ => Err(vm.type_error("expected a generic alias")),
    }
}

/// `cls[params]` for builtin generic classes.
fn class_getitem(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) = method_args(vm, &args, "__class_getitem__", 1, 1)?;
    let params = match rest[0].payload() {
        Some(Payload::Tuple(_)) => rest[0].clone(),
        _ => vm.new_tuple(vec![rest[0].clone()]),
    };
    Ok(new_alias(vm, cls.clone(), params))
}

/// `type[X]`: `type` itself is subscriptable without a `__class_getitem__` (CPython special-
/// cases it in `PyObject_GetItem`).
pub fn type_getitem(vm: &mut Vm, key: &Value) -> Value {
    let params = match key.payload() {
        Some(Payload::Tuple(_)) => key.clone(),
        _ => vm.new_tuple(vec![key.clone()]),
    };
    let t = Value::Obj(vm.types.type_.clone());
    new_alias(vm, t, params)
}

/// `types.GenericAlias(origin, args)` called directly (`ga_new`): a non-tuple `args` becomes
/// a 1-tuple.
fn alias_new(vm: &mut Vm, args: crate::objects::function::Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "GenericAlias")?;
    if args.has_kwargs() {
        return Err(vm.type_error("GenericAlias() takes no keyword arguments"));
    }
    let a = &args.values[1..];
    if a.len() != 2 {
        return Err(vm.type_error(format!(
            "GenericAlias expected 2 arguments, got {}",
            a.len()
        )));
    }
    let params = match a[1].payload() {
        Some(Payload::Tuple(_)) => a[1].clone(),
        _ => vm.new_tuple(vec![a[1].clone()]),
    };
    Ok(Value::Obj(ObjRef::new(
        cls,
        Payload::Alias(Box::new((a[0].clone(), params))),
    )))
}

/// A `types.GenericAlias(origin, args)`.
pub fn new_alias(vm: &mut Vm, origin: Value, args: Value) -> Value {
    Value::Obj(ObjRef::new(
        vm.types.generic_alias.clone(),
        Payload::Alias(Box::new((origin, args))),
    ))
}

fn type_repr_text(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if v.is(&vm.ellipsis) {
        return Ok(String::from("..."));
    }
    if v.is_none() {
        return Ok(String::from("None"));
    }
    if let Value::Obj(o) = v
        && let Payload::Type(_) = &o.payload
    {
        let module = vm.type_module_name(o);
        let q = type_data(o).qualname.borrow().clone();
        return Ok(if module == "builtins" {
            q
        } else {
            format!("{module}.{q}")
        });
    }
    if let Some(Payload::List(l)) = v.payload() {
        let items = l.borrow().to_vec();
        let parts: PyResult<Vec<String>> = items.iter().map(|i| type_repr_text(vm, i)).collect();
        return Ok(format!("[{}]", parts?.join(", ")));
    }
    vm.repr_string(v)
}

fn alias_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let (origin, a) = alias_parts(vm, this)?;
    let o = type_repr_text(vm, &origin)?;
    let items = vm.iterate(&a)?;
    let parts: PyResult<Vec<String>> = items.iter().map(|i| type_repr_text(vm, i)).collect();
    let mut parts = parts?;
    if parts.is_empty() {
        parts.push(String::from("()"));
    }
    Ok(vm.new_string(format!("{o}[{}]", parts.join(", "))))
}

fn alias_call(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(this) = args.values.first() else {
        return Err(vm.type_error("GenericAlias.__call__ needs an argument"));
    };
    let (origin, _) = alias_parts(vm, this)?;
    vm.call(
        &origin,
        Args {
            values: &args.values[1..],
            kwnames: args.kwnames,
        },
    )
}

fn alias_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__eq__", 1, 1)?;
    let other = &rest[0];
    if !ObjRef::ptr_eq(&vm.type_of(this), &vm.type_of(other)) {
        return Ok(vm.not_implemented.clone());
    }
    let (o1, a1) = alias_parts(vm, this)?;
    let (o2, a2) = alias_parts(vm, other)?;
    if matches!(this, Value::Obj(o) if o.class_is(&vm.types.union_type)) {
        // Unions compare as sets of their members.
        let m1 = vm.iterate(&a1)?;
        let m2 = vm.iterate(&a2)?;
        let all_in = |vm: &mut Vm, xs: &[Value], ys: &[Value]| -> PyResult<bool> {
            for x in xs {
                let mut found = false;
                for y in ys {
                    if vm.eq(x, y)? {
                        found = true;
                        break;
                    }
                }
                if !found {
                    return Ok(false);
                }
            }
            Ok(true)
        };
        let r = all_in(vm, &m1, &m2)? && all_in(vm, &m2, &m1)?;
        return Ok(Value::bool(r));
    }
    let same_origin = vm.eq(&o1, &o2)?;
    Ok(Value::bool(same_origin && vm.eq(&a1, &a2)?))
}

fn alias_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    let (o, a) = alias_parts(vm, this)?;
    let h1 = vm.hash(&o)?;
    let h2 = vm.hash(&a)?;
    Ok(Value::Int(h1 ^ h2))
}

fn alias_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getattr__", 1, 1)?;
    let (origin, _) = alias_parts(vm, this)?;
    let name = match &rest[0] {
        Value::Obj(o) if matches!(o.payload, Payload::Str(_)) => o.clone(),
        _ => return Err(vm.type_error("attribute name must be string")),
    };
    let n = vm.str_text(&rest[0]);
    if n.starts_with("__") && n.ends_with("__") {
        return Err(vm.no_attribute(this, &name));
    }
    vm.getattr(&origin, &name)
}

fn alias_origin(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(alias_parts(vm, this)?.0)
}

fn alias_args(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(alias_parts(vm, this)?.1)
}

fn alias_parameters(vm: &mut Vm, _this: &Value) -> PyResult<Value> {
    Ok(vm.new_tuple(Vec::new()))
}

fn is_union_arg(vm: &mut Vm, v: &Value) -> bool {
    v.is_none()
        || matches!(v.payload(), Some(Payload::Type(_)))
        || matches!(v, Value::Obj(o) if o.class_is(&vm.types.generic_alias) || o.class_is(&vm.types.union_type))
}

fn union_members(vm: &mut Vm, v: &Value, out: &mut Vec<Value>) -> PyResult<()> {
    if let Value::Obj(o) = v
        && o.class_is(&vm.types.union_type)
    {
        let (_, a) = alias_parts(vm, v)?;
        for m in vm.iterate(&a)? {
            union_members(vm, &m, out)?;
        }
        return Ok(());
    }
    let m = if v.is_none() {
        Value::Obj(vm.types.none_type.clone())
    } else {
        v.clone()
    };
    for e in out.iter() {
        if e.is(&m) {
            return Ok(());
        }
    }
    out.push(m);
    Ok(())
}

fn make_union(vm: &mut Vm, a: &Value, b: &Value) -> PyResult<Value> {
    if !is_union_arg(vm, a) || !is_union_arg(vm, b) {
        return Ok(vm.not_implemented.clone());
    }
    let mut members = Vec::new();
    union_members(vm, a, &mut members)?;
    union_members(vm, b, &mut members)?;
    if members.len() == 1 {
        return Ok(members.remove(0));
    }
    let t = vm.new_tuple(members);
    Ok(Value::Obj(ObjRef::new(
        vm.types.union_type.clone(),
        Payload::Alias(Box::new((Value::None, t))),
    )))
}

fn union_or(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__or__", 1, 1)?;
    make_union(vm, this, &rest[0])
}

fn union_ror(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__ror__", 1, 1)?;
    make_union(vm, &rest[0], this)
}

fn union_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let (_, a) = alias_parts(vm, this)?;
    let items = vm.iterate(&a)?;
    let mut parts = Vec::new();
    for i in &items {
        if matches!(i, Value::Obj(o) if ObjRef::ptr_eq(o, &vm.types.none_type)) {
            parts.push(String::from("None"));
        } else {
            parts.push(type_repr_text(vm, i)?);
        }
    }
    Ok(vm.new_string(parts.join(" | ")))
}

/// `ga_instancecheck`: a parameterized generic is not a class to test against.
fn alias_instancecheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "__instancecheck__", 1, 1)?;
    Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"))
}

fn alias_subclasscheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    method_args(vm, &args, "__subclasscheck__", 1, 1)?;
    Err(vm.type_error("issubclass() argument 2 cannot be a parameterized generic"))
}

/// `union_richcompare`: unions are equal when their member sets are (`int | str == str | int`).
fn union_eq(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__eq__", 1, 1)?;
    let other = &rest[0];
    if !ObjRef::ptr_eq(&vm.type_of(this), &vm.type_of(other)) {
        return Ok(vm.not_implemented.clone());
    }
    let (_, a1) = alias_parts(vm, this)?;
    let (_, a2) = alias_parts(vm, other)?;
    let s1 = vm.iterate(&a1)?;
    let s2 = vm.iterate(&a2)?;
    for (xs, ys) in [(&s1, &s2), (&s2, &s1)] {
        for x in xs {
            let mut found = false;
            for y in ys {
                if vm.eq(x, y)? {
                    found = true;
                    break;
                }
            }
            if !found {
                return Ok(Value::bool(false));
            }
        }
    }
    Ok(Value::bool(true))
}

/// `union_hash`: the hash of the frozenset of members.
fn union_hash(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__hash__", 0, 0)?;
    let (_, a) = alias_parts(vm, this)?;
    let fs = vm.types.frozenset.clone();
    let f = vm.call_pos(&Value::Obj(fs), &[a])?;
    Ok(Value::Int(vm.hash(&f)?))
}

fn union_instancecheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__instancecheck__", 1, 1)?;
    let (_, a) = alias_parts(vm, this)?;
    for m in vm.iterate(&a)? {
        if matches!(m, Value::Obj(ref o) if o.class_is(&vm.types.generic_alias)) {
            return Err(vm.type_error("isinstance() argument 2 cannot be a parameterized generic"));
        }
        if vm.isinstance(&rest[0], &m)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn union_subclasscheck(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__subclasscheck__", 1, 1)?;
    let (_, a) = alias_parts(vm, this)?;
    for m in vm.iterate(&a)? {
        if vm.issubclass(&rest[0], &m)? {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

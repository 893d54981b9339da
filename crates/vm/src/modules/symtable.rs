//! `_symtable` (CPython: `Modules/symtablemodule.c`, `Python/symtable.c`'s `ste` objects): the
//! compiler's symbol table as `symtable entry` objects with `id`, `name`, `type`, `lineno`,
//! `nested`, `symbols` (name to flags, in first-use order), `varnames` and `children`, which
//! `Lib/symtable.py` wraps.

use crate::native::pos_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let consts: &[(&str, i64)] = &[
        ("USE", 16),
        ("DEF_GLOBAL", 1),
        ("DEF_NONLOCAL", 8),
        ("DEF_LOCAL", 2),
        ("DEF_PARAM", 4),
        ("DEF_FREE", 32),
        ("DEF_FREE_CLASS", 64),
        ("DEF_IMPORT", 128),
        ("DEF_BOUND", 134),
        ("DEF_ANNOT", 256),
        ("SCOPE_OFF", 11),
        ("SCOPE_MASK", 15),
        ("LOCAL", 1),
        ("GLOBAL_EXPLICIT", 2),
        ("GLOBAL_IMPLICIT", 3),
        ("FREE", 4),
        ("CELL", 5),
        ("TYPE_FUNCTION", 0),
        ("TYPE_CLASS", 1),
        ("TYPE_MODULE", 2),
    ];
    for (n, v) in consts {
        super::set_attr(vm, m, n, Value::Int(*v));
    }
    // The entry type: a plain class named as CPython's, with a repr like `ste_repr`.
    let ns = vm.new_dict();
    let module = vm.new_str("symtable");
    vm.set_dict_str(&ns, "__module__", module);
    let meta = vm.types.type_.clone();
    let bases = vec![vm.types.object.clone()];
    let cls = vm.type_new(&meta, "symtable entry", bases, &Value::Obj(ns), &[])?;
    vm.add_methods(
        &cls,
        crate::methods![
            method "__repr__" => entry_repr, "";
        ],
    );
    vm.mods.ext_types.insert("_symtable.entry", cls);
    vm.add_functions(m, &[("symtable", symtable)]);
    Ok(())
}

fn entry_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let name = vm.getattr_str(&this, "name")?;
    let name = vm.str_string(&name)?;
    let id = vm.getattr_str(&this, "id")?;
    let id = vm.repr_string(&id)?;
    let line = vm.getattr_str(&this, "lineno")?;
    let line = vm.repr_string(&line)?;
    Ok(vm.new_string(format!("<symtable entry {name}({id}), line {line}>")))
}

/// `_symtable.symtable(source, filename, startstr)`.
fn symtable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "symtable", 3, 3)?;
    let source = match a[0].payload() {
        Some(Payload::Str(s)) => s.as_str().into_owned(),
        Some(Payload::Bytes(b)) => {
            let b = b.clone();
            let filename = vm.str_text(&a[1]);
            vm.decode_source(&b, &filename)?
        }
        _ => {
            return Err(vm.type_error(
                "symtable() argument 'source' must be str, bytes or read-only buffer",
            ));
        }
    };
    let filename = vm.str_string(&a[1])?;
    let mode = match vm.str_text(&a[2]).as_str() {
        "exec" => krait_compiler::Mode::Exec,
        "eval" => krait_compiler::Mode::Eval,
        "single" => krait_compiler::Mode::Single,
        _ => {
            return Err(vm.value_error("symtable() arg 3 must be 'exec' or 'eval' or 'single'"));
        }
    };
    let entries = match crate::vm::on_compiler_stack(|| krait_compiler::symtable(&source, mode)) {
        Ok(e) => e,
        Err(e) => return Err(vm.syntax_error_from(&e, &filename)),
    };
    let Some(cls) = vm.mods.ext_types.get("_symtable.entry").cloned() else {
        return Err(vm.runtime_error("_symtable: no entry type"));
    };
    let mut made: Vec<Option<Value>> = vec![None; entries.len()];
    // Children come after their parents, so build from the end.
    for i in (0..entries.len()).rev() {
        let e = &entries[i];
        let o = vm.new_object(&cls, Payload::plain());
        let Some(d) = vm.instance_dict(&o) else {
            continue;
        };
        let id = Value::Int(o.addr() as i64);
        vm.set_dict_str(&d, "id", id);
        let name = vm.new_str(&e.name);
        vm.set_dict_str(&d, "name", name);
        vm.set_dict_str(&d, "type", Value::Int(e.kind));
        vm.set_dict_str(&d, "lineno", Value::Int(i64::from(e.lineno)));
        vm.set_dict_str(&d, "nested", Value::Int(i64::from(e.nested)));
        let syms = vm.new_dict();
        for (n, f) in &e.symbols {
            let k = vm.new_str(n);
            vm.dict_set(&syms, k, Value::Int(*f))?;
        }
        vm.set_dict_str(&d, "symbols", Value::Obj(syms));
        let names: Vec<Value> = e.varnames.iter().map(|n| vm.new_str(n)).collect();
        let names = vm.new_list(names);
        vm.set_dict_str(&d, "varnames", names);
        let kids: Vec<Value> = e
            .children
            .iter()
            .filter_map(|&c| made.get(c).cloned().flatten())
            .collect();
        let kids = vm.new_list(kids);
        vm.set_dict_str(&d, "children", kids);
        made[i] = Some(Value::Obj(o));
    }
    Ok(made.first().cloned().flatten().unwrap_or(Value::None))
}

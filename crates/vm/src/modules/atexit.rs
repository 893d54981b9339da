//! `atexit` (CPython: `Modules/atexitmodule.c`): functions registered here run when the
//! program ends (`Vm::run_atexit`), last registered first.

use crate::native::pos_args;
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("register", register),
            ("unregister", unregister),
            ("_run_exitfuncs", run_exitfuncs),
            ("_clear", clear),
            ("_ncallbacks", ncallbacks),
        ],
    );
    Ok(())
}

fn register(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let Some(func) = args.values.first().cloned() else {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    };
    if vm.lookup_special_str(&func, "__call__").is_none() {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let pos = args.pos().get(1..).unwrap_or(&[]).to_vec();
    let pos = vm.new_tuple(pos);
    let kw = vm.new_dict();
    for (k, v) in args.kwargs() {
        vm.dict_set(&kw, k.clone(), v.clone())?;
    }
    vm.mods.atexit.push((func.clone(), pos, Value::Obj(kw)));
    Ok(func)
}

fn unregister(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "unregister", 1, 1)?;
    let mut kept = Vec::new();
    for entry in std::mem::take(&mut vm.mods.atexit) {
        if !vm.eq(&entry.0, &a[0])? {
            kept.push(entry);
        }
    }
    vm.mods.atexit = kept;
    Ok(Value::None)
}

fn run_exitfuncs(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    vm.run_atexit();
    Ok(Value::None)
}

fn clear(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    vm.mods.atexit.clear();
    Ok(Value::None)
}

fn ncallbacks(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Ok(Value::Int(vm.mods.atexit.len() as i64))
}

impl Vm {
    /// Run the `atexit` functions, last registered first; errors are reported and skipped.
    pub fn run_atexit(&mut self) {
        while let Some((f, pos, kw)) = self.mods.atexit.pop() {
            if self.limit_tripped() {
                // A limit ended the run: no more Python code runs.
                continue;
            }
            let r = self.call_ex(&f, &pos, Some(&kw));
            if let Err(e) = r
                && !self.limit_tripped()
            {
                if self.err_matches(&e, &self.types.system_exit.clone()) {
                    continue;
                }
                self.flush_stdout();
                let who = self.repr_string(&f).unwrap_or_default();
                let text = self.format_exception(&Value::Obj(e.0));
                self.write_stderr(
                    format!("Exception ignored in atexit callback: {who}\n{text}").as_bytes(),
                );
            }
        }
    }
}

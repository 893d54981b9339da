//! `_datetime`, CPython's C accelerator for `datetime` (`Modules/_datetimemodule.c`). Krait has
//! no native implementation: this module is `Lib/datetime.py`'s pure-Python one run a second
//! time under this name, so `datetime` takes its classes from here as it takes C's, and code
//! that asks for the accelerator by name (`test.datetimetester` through
//! `import_fresh_module(..., fresh=['_datetime'])`) finds one. The body runs with
//! `__name__ == 'datetime'` (C's classes are `datetime.date`, ...) and with `_datetime` blocked
//! in `sys.modules`, so the file's closing `from _datetime import *` fails and its pure
//! classes and helpers stay here. Running the body costs about 0.3 ms.

use crate::import::Located;
use crate::object::{ObjRef, Payload};
use crate::value::Value;
use crate::{PyResult, Vm};

/// C's module docstring, which `datetime.py` copies (`from _datetime import __doc__`).
const DOC: &str = "Fast implementation of the datetime type.";

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let Payload::Module(md) = &m.payload else {
        return Ok(());
    };
    let d = md.dict.clone();
    let file = match vm.locate_on_path("datetime", None)? {
        Located::Source(file, None) => file,
        _ => {
            let t = vm.types.module_not_found_error.clone();
            return Err(vm.new_exception_msg(&t, "No module named '_datetime'"));
        }
    };
    let code = vm.source_code(&file)?;
    let modules = vm.modules.clone();
    let key = vm.new_str("_datetime");
    vm.dict_set(&modules, key.clone(), Value::None)?;
    let name = vm.new_str("datetime");
    vm.set_dict_str(&d, "__name__", name);
    let bd = Value::Obj(vm.builtins.clone());
    vm.set_dict_str(&d, "__builtins__", bd);
    let ran = vm.run_code(code, d.clone(), None);
    let name = vm.new_str("_datetime");
    vm.set_dict_str(&d, "__name__", name);
    vm.dict_set(&modules, key, Value::Obj(m.clone()))?;
    ran?;
    let doc = vm.new_str(DOC);
    vm.set_dict_str(&d, "__doc__", doc);
    Ok(())
}

//! `marshal`, as far as importing `importlib` needs: the module and its `version`. Krait's
//! code objects have no marshal form, and CPython's data format is not written yet, so every
//! call refuses with `ValueError` (CPython's error for data it cannot handle).

use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(
        m,
        &[
            ("dumps", dumps),
            ("dump", dumps),
            ("loads", loads),
            ("load", loads),
        ],
    );
    super::set_attr(vm, m, "version", Value::Int(4));
    Ok(())
}

fn dumps(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Err(vm.value_error("unmarshallable object"))
}

fn loads(vm: &mut Vm, _args: Args<'_>) -> PyResult<Value> {
    Err(vm.value_error("bad marshal data (not supported by Krait yet)"))
}

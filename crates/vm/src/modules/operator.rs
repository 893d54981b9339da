//! `_operator`, as far as Lib needs beyond `operator.py`'s pure-Python definitions:
//! `_compare_digest` for `hmac` and `secrets` (CPython: `Modules/_operator.c`). `operator.py`
//! imports `*` from here, which brings nothing (the helper is private), so its own functions
//! stay in use.

use crate::native::{as_pystr, pos_args};
use crate::object::ObjRef;
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    vm.add_functions(m, &[("_compare_digest", compare_digest), ("index", index)]);
    Ok(())
}

/// `index(a)`: CPython's `PyNumber_Index`, so a value without `__index__` is a TypeError, not
/// the AttributeError of `operator.py`'s fallback `a.__index__()`.
fn index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "index", 1, 1)?;
    vm.index_value(&a[0])
}

/// `_compare_digest(a, b)`: equality of two ASCII strs or two bytes-like objects.
fn compare_digest(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = pos_args(vm, &args, "_compare_digest", 2, 2)?;
    match (as_pystr(&a[0]), as_pystr(&a[1])) {
        (Some(x), Some(y)) => {
            if !x.is_ascii() || !y.is_ascii() {
                return Err(
                    vm.type_error("comparing strings with non-ASCII characters is not supported")
                );
            }
            Ok(Value::bool(x.wtf8() == y.wtf8()))
        }
        (None, None) => {
            let x = crate::objects::bytes::bytes_of(&a[0]);
            let y = crate::objects::bytes::bytes_of(&a[1]);
            match (x, y) {
                (Some(x), Some(y)) => Ok(Value::bool(x == y)),
                _ => {
                    let (ta, tb) = (vm.type_name(&a[0]), vm.type_name(&a[1]));
                    Err(vm.type_error(format!(
                        "unsupported operand types(s) or combination of types: '{ta}' and '{tb}'"
                    )))
                }
            }
        }
        _ => {
            let (ta, tb) = (vm.type_name(&a[0]), vm.type_name(&a[1]));
            Err(vm.type_error(format!(
                "unsupported operand types(s) or combination of types: '{ta}' and '{tb}'"
            )))
        }
    }
}

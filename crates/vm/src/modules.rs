//! The registry of built-in modules that `import` creates on first use.

use crate::Vm;

/// Register the built-in modules.
pub fn register(vm: &mut Vm) {
    let _ = vm;
}

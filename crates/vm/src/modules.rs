//! The registry of built-in modules that `import` creates on first use.

mod math;
mod posix;

use crate::Vm;

/// Register the built-in modules.
pub fn register(vm: &mut Vm) {
    vm.builtin_modules.push(("math", math::init));
    vm.builtin_modules.push(("posix", posix::init));
}

//! The builtin object kinds' storage and behaviour, one module per type.

pub mod bigsteps;
pub mod builtin_iters;
pub mod bytes;
pub mod codecs;
pub mod codeobj;
pub mod complex;
pub mod containers;
pub mod dict;
pub mod dictmethods;
pub mod dictops;
pub mod dictviews;
pub mod exception;
pub mod float;
pub mod function;
pub mod int;
pub mod iter;
pub mod iter_reduce;
pub mod iterators;
pub mod list;
pub mod number;
pub mod object;
pub mod packed;
pub mod range;
pub mod reduce;
pub mod sequence;
pub mod set;
pub mod setmethods;
pub mod slicing;
pub mod sort;
pub mod str;
pub mod strformat;
pub mod strmethods;
pub mod tuple;
pub mod typeobj;

#[cfg(test)]
mod tests;

/// Fill the builtin types' namespaces.
pub fn init_all(vm: &mut crate::Vm) {
    object::init(vm);
    number::init(vm);
    strmethods::init(vm);
    bytes::init(vm);
    containers::init(vm);
    list::init(vm);
    tuple::init(vm);
    dictmethods::init(vm);
    setmethods::init(vm);
    range::init(vm);
    builtin_iters::init(vm);
    iter_reduce::init(vm);
    exception::init(vm);
    function::init(vm);
    crate::generator::init(vm);
    codeobj::init(vm);
}

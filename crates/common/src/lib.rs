//! Pure algorithms with CPython-identical results, shared by Krait's crates. Nothing here
//! touches the operating system.

#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

pub mod exc;
pub mod float_format;
pub mod format_spec;
pub mod hash;
pub mod host_types;
pub mod int_format;
pub mod repr;
pub mod unicode;

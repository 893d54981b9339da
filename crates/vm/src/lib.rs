//! Krait's virtual machine: object model, eval loop, builtins and core modules.
//!
//! Work in progress. The storage layer (`objects::{dict, set, str}`) is in the module tree and
//! tested; the object model, eval loop and protocols (`value.rs`, `object.rs`, `vm.rs`,
//! `types.rs`, `frame.rs`, `eval.rs`, `call.rs`, `ops.rs`, `attr.rs`, `objects/*.rs`,
//! `host.rs`) are written against the compiler's contract and join the tree once the rest of
//! the VM they reference (builtins, tracebacks, generators, imports) exists. See the notes on
//! the core-interpreter issue for where this stands.

pub mod objects;

//! Krait's virtual machine: object model, eval loop, builtins and core modules.

pub mod attr;
pub mod attrcache;
pub mod builtins;
pub mod call;
pub mod class;
pub mod codecache;
pub mod eval;
pub mod exc;
pub mod fasthash;
pub mod frame;
pub mod generator;
pub mod host;
pub mod import;
pub mod inline_cache;
pub mod instattrs;
pub mod limits;
pub mod matching;
pub mod modspec;
pub mod modules;
pub mod names;
pub mod native;
pub mod object;
pub mod objects;
pub mod ops;
pub mod oserror;
pub mod repl;
pub mod sysmodule;
pub mod threads;
pub mod trace;
pub mod traceback;
pub mod traverse;
pub mod types;
pub mod value;
pub mod vm;

pub use value::Value;
pub use vm::{Config, PyErr, PyResult, Vm};

//! Every call Krait makes to the operating system lives in this crate, as plain Rust with no
//! Python types. Nothing else in the workspace may touch `std::fs`, `std::env`,
//! `std::process` or `std::net` (enforced by clippy's `disallowed-methods`).

// This crate IS the host boundary: it alone may call the OS APIs that clippy.toml denies
// everywhere else (layer 2, docs/security.md).
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]

pub mod clock;
pub mod crypt;
pub mod ctl;
pub mod environ;
pub mod ffi;
pub mod fs;
pub mod locale;
pub mod mmap;
pub mod net;
pub mod process;
pub mod random;
pub mod sem;
pub mod signals;
pub mod spawn;
pub mod stdio;
pub mod users;

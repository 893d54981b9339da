//! Every call Krait makes to the operating system lives in this crate, as plain Rust with no Python types.

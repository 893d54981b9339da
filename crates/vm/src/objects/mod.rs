//! The builtin object kinds' storage and behaviour, one module per type.

pub mod dict;
pub mod set;
pub mod str;

#[cfg(test)]
mod tests;

//! The Python exception types that this crate's errors turn into.

/// Which built-in exception a failure in this crate should raise; the message is the error's
/// `Display` text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExceptionKind {
    /// `ValueError`.
    ValueError,
    /// `OverflowError`.
    OverflowError,
    /// `TypeError`.
    TypeError,
}

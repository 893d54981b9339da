//! The error type of the embedding API.

use std::fmt;

/// Which resource limit ended a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitExceeded {
    /// The instruction budget (`max_instructions`).
    Instructions,
    /// The wall-clock timeout (`timeout`).
    Time,
    /// The heap cap (`max_memory`).
    Memory,
}

/// A Python exception that reached the embedder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PyException {
    /// The exception type's name (`ValueError`).
    pub type_name: String,
    /// `str(exception)`.
    pub message: String,
    /// The traceback and exception line exactly as CPython prints them to stderr.
    pub traceback: String,
}

/// Everything that can go wrong in a call into the interpreter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// Python code raised an exception that nothing caught.
    Python(PyException),
    /// A resource limit ended the call; the interpreter is still usable.
    Limit(LimitExceeded),
    /// An `InterruptHandle` stopped the call.
    Interrupted,
    /// A value could not be converted: the Python type found and the Rust type wanted (or
    /// the Rust type given and the Python type wanted).
    Conversion {
        /// What the value was.
        from: String,
        /// What it was to become.
        to: String,
    },
    /// The interpreter could not be built as configured.
    Config(String),
    /// The interpreter's thread is gone (a bug in Krait: it panicked).
    Internal(String),
}

impl Error {
    /// A Python exception of the builtin type `type_name` with `message`: returned from a
    /// registered Rust function, it is raised in Python as that exception.
    pub fn new(type_name: &str, message: impl Into<String>) -> Error {
        Error::Python(PyException {
            type_name: type_name.to_string(),
            message: message.into(),
            traceback: String::new(),
        })
    }

    /// `ValueError(message)`
    pub fn value_error(message: impl Into<String>) -> Error {
        Error::new("ValueError", message)
    }

    /// `TypeError(message)`
    pub fn type_error(message: impl Into<String>) -> Error {
        Error::new("TypeError", message)
    }

    /// `RuntimeError(message)`
    pub fn runtime_error(message: impl Into<String>) -> Error {
        Error::new("RuntimeError", message)
    }

    pub(crate) fn conversion(from: impl Into<String>, to: impl Into<String>) -> Error {
        Error::Conversion {
            from: from.into(),
            to: to.into(),
        }
    }

    /// The Python exception, if this is one.
    pub fn exception(&self) -> Option<&PyException> {
        match self {
            Error::Python(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Python(e) if !e.traceback.is_empty() => f.write_str(e.traceback.trim_end()),
            Error::Python(e) if e.message.is_empty() => f.write_str(&e.type_name),
            Error::Python(e) => write!(f, "{}: {}", e.type_name, e.message),
            Error::Limit(LimitExceeded::Instructions) => f.write_str("instruction limit exceeded"),
            Error::Limit(LimitExceeded::Time) => f.write_str("time limit exceeded"),
            Error::Limit(LimitExceeded::Memory) => f.write_str("memory limit exceeded"),
            Error::Interrupted => f.write_str("interrupted by the host"),
            Error::Conversion { from, to } => write!(f, "cannot convert {from} to {to}"),
            Error::Config(m) => write!(f, "interpreter configuration: {m}"),
            Error::Internal(m) => write!(f, "internal error in Krait: {m}"),
        }
    }
}

impl std::error::Error for Error {}

// Rust's standard errors, returned from a registered function, raise the Python exception
// CPython would raise for the same failure.

impl From<std::io::Error> for Error {
    /// `OSError`, or its subclass for the error kind (`FileNotFoundError`, ...).
    fn from(e: std::io::Error) -> Error {
        use std::io::ErrorKind as K;
        let ty = match e.kind() {
            K::NotFound => "FileNotFoundError",
            K::PermissionDenied => "PermissionError",
            K::AlreadyExists => "FileExistsError",
            K::TimedOut => "TimeoutError",
            K::Interrupted => "InterruptedError",
            K::WouldBlock => "BlockingIOError",
            K::BrokenPipe => "BrokenPipeError",
            K::ConnectionRefused => "ConnectionRefusedError",
            K::ConnectionReset => "ConnectionResetError",
            K::ConnectionAborted => "ConnectionAbortedError",
            K::IsADirectory => "IsADirectoryError",
            K::NotADirectory => "NotADirectoryError",
            K::UnexpectedEof => "EOFError",
            K::OutOfMemory => "MemoryError",
            K::InvalidInput | K::InvalidData => "ValueError",
            _ => "OSError",
        };
        Error::new(ty, e.to_string())
    }
}

impl From<std::num::ParseIntError> for Error {
    /// `ValueError`
    fn from(e: std::num::ParseIntError) -> Error {
        Error::value_error(e.to_string())
    }
}

impl From<std::num::ParseFloatError> for Error {
    /// `ValueError`
    fn from(e: std::num::ParseFloatError) -> Error {
        Error::value_error(e.to_string())
    }
}

impl From<std::num::TryFromIntError> for Error {
    /// `OverflowError`
    fn from(e: std::num::TryFromIntError) -> Error {
        Error::new("OverflowError", e.to_string())
    }
}

impl From<std::str::Utf8Error> for Error {
    /// `UnicodeDecodeError` has no plain-message form: `ValueError`, its base.
    fn from(e: std::str::Utf8Error) -> Error {
        Error::value_error(e.to_string())
    }
}

impl From<std::string::FromUtf8Error> for Error {
    /// `ValueError` (see the `Utf8Error` conversion).
    fn from(e: std::string::FromUtf8Error) -> Error {
        Error::value_error(e.to_string())
    }
}

impl From<std::fmt::Error> for Error {
    /// `RuntimeError`
    fn from(e: std::fmt::Error) -> Error {
        Error::runtime_error(e.to_string())
    }
}

impl From<Box<dyn std::error::Error + Send + Sync>> for Error {
    /// Any other Rust error, boxed: `RuntimeError` with its message.
    fn from(e: Box<dyn std::error::Error + Send + Sync>) -> Error {
        match e.downcast::<Error>() {
            Ok(e) => *e,
            Err(e) => Error::runtime_error(e.to_string()),
        }
    }
}

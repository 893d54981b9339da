//! Rust functions callable from Python, and native modules made of them.

use crate::error::Error;
use crate::object::{FromPython, IntoPython, Object};

/// The arguments of a call, for functions that take keyword arguments or any number of
/// arguments (`Fn(CallArgs) -> R`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CallArgs {
    /// Positional arguments.
    pub args: Vec<Object>,
    /// Keyword arguments, in call order.
    pub kwargs: Vec<(String, Object)>,
}

impl CallArgs {
    /// The keyword argument `name`, if given.
    pub fn kwarg(&self, name: &str) -> Option<&Object> {
        self.kwargs.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }
}

/// What a registered function returns: a convertible value, or `Result<value, E>` where `E`
/// converts into [`Error`] (an `Error::Python` is raised as that exception, a conversion
/// error as `TypeError`, Rust's standard errors as their Python counterparts — see
/// [`Error`]'s `From` implementations — and anything else as `RuntimeError`).
pub trait IntoReturn {
    /// The result.
    fn into_return(self) -> Result<Object, Error>;
}

impl<T: IntoPython> IntoReturn for T {
    fn into_return(self) -> Result<Object, Error> {
        self.into_python()
    }
}

impl<T: IntoPython, E: Into<Error>> IntoReturn for Result<T, E> {
    fn into_return(self) -> Result<Object, Error> {
        self.map_err(Into::into).and_then(IntoPython::into_python)
    }
}

/// The type-erased body of a registered function.
pub(crate) type Body = Box<dyn Fn(CallArgs) -> Result<Object, Error> + Send>;

/// Rust closures that can be registered as Python functions: `Fn(A, B, ...) -> R` for up to
/// six arguments converted with [`FromPython`] (positional only), or `Fn(CallArgs) -> R`.
/// `Marker` only tells the implementations apart.
pub trait NativeFunction<Marker>: Send + 'static {
    /// Erase the argument types.
    fn into_body(self, name: String) -> Body;
}

/// Marker for `Fn(CallArgs) -> R`.
pub struct WithCallArgs;

impl<F, R> NativeFunction<WithCallArgs> for F
where
    F: Fn(CallArgs) -> R + Send + 'static,
    R: IntoReturn,
{
    fn into_body(self, _name: String) -> Body {
        Box::new(move |a| self(a).into_return())
    }
}

macro_rules! native_fn {
    ($n:literal; $($t:ident),*) => {
        impl<F, R, $($t),*> NativeFunction<($($t,)*)> for F
        where
            F: Fn($($t),*) -> R + Send + 'static,
            R: IntoReturn,
            $($t: FromPython,)*
        {
            #[allow(non_snake_case, unused_mut, unused_variables)]
            fn into_body(self, name: String) -> Body {
                Box::new(move |a: CallArgs| {
                    if !a.kwargs.is_empty() {
                        return Err(Error::type_error(format!(
                            "{name}() takes no keyword arguments"
                        )));
                    }
                    if a.args.len() != $n {
                        return Err(Error::type_error(format!(
                            "{name}() takes exactly {} argument{} ({} given)",
                            $n,
                            if $n == 1 { "" } else { "s" },
                            a.args.len()
                        )));
                    }
                    let mut it = a.args.into_iter();
                    $(let $t = $t::from_python(it.next().unwrap_or(Object::None))
                        .map_err(|e| match e {
                            Error::Conversion { from, to } => Error::type_error(format!(
                                "{name}(): cannot convert {from} to {to}"
                            )),
                            other => other,
                        })?;)*
                    self($($t),*).into_return()
                })
            }
        }
    };
}

native_fn!(0;);
native_fn!(1; A);
native_fn!(2; A, B);
native_fn!(3; A, B, C);
native_fn!(4; A, B, C, D);
native_fn!(5; A, B, C, D, E);
native_fn!(6; A, B, C, D, E, G);

/// A native module: functions and constants that `import name` finds.
pub struct Module {
    pub(crate) name: String,
    pub(crate) functions: Vec<(String, Body)>,
    pub(crate) constants: Vec<(String, Result<Object, Error>)>,
}

impl Module {
    /// An empty module called `name`.
    pub fn new(name: &str) -> Module {
        Module {
            name: name.to_string(),
            functions: Vec::new(),
            constants: Vec::new(),
        }
    }

    /// Add a function.
    pub fn function<M>(mut self, name: &str, f: impl NativeFunction<M>) -> Module {
        self.functions
            .push((name.to_string(), f.into_body(name.to_string())));
        self
    }

    /// Add a constant.
    pub fn constant(mut self, name: &str, value: impl IntoPython) -> Module {
        self.constants.push((name.to_string(), value.into_python()));
        self
    }
}

//! The hashes of the special-method names the VM looks up on every operation, computed once
//! per interpreter (the hash key differs per interpreter), so a lookup by `&'static str`
//! costs a `match` instead of a SipHash.

macro_rules! dunders {
    ($($name:literal),* $(,)?) => {
        /// The names, in table order.
        pub const DUNDERS: &[&str] = &[$($name),*];

        /// The table index of a special-method name.
        #[inline]
        pub fn dunder_index(name: &str) -> Option<usize> {
            let mut i = 0usize;
            $(
                if name == $name {
                    return Some(i);
                }
                i += 1;
            )*
            let _ = i;
            None
        }
    };
}

dunders![
    "__getattribute__",
    "__getattr__",
    "__setattr__",
    "__delattr__",
    "__get__",
    "__set__",
    "__delete__",
    "__call__",
    "__init__",
    "__new__",
    "__repr__",
    "__str__",
    "__hash__",
    "__eq__",
    "__ne__",
    "__lt__",
    "__le__",
    "__gt__",
    "__ge__",
    "__bool__",
    "__len__",
    "__iter__",
    "__next__",
    "__getitem__",
    "__setitem__",
    "__delitem__",
    "__contains__",
    "__index__",
    "__add__",
    "__radd__",
    "__iadd__",
    "__sub__",
    "__rsub__",
    "__mul__",
    "__rmul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__pow__",
    "__format__",
    "__enter__",
    "__exit__",
    "__class__",
    "__dict__",
    "__module__",
    "__name__",
    "__qualname__",
    "__doc__",
    "__set_name__",
    "__init_subclass__",
    "__mro_entries__",
    "__prepare__",
    "__instancecheck__",
    "__subclasscheck__",
    "__class_getitem__",
    "__missing__",
    "__reversed__",
    "__length_hint__",
    "__await__",
    "__aiter__",
    "__anext__",
    "__builtins__",
    "__abstractmethods__",
    "__annotations__",
    "__int__",
    "__float__",
    "__neg__",
    "__abs__",
    "__round__",
];

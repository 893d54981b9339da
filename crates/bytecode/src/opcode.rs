//! The instruction set, declared once.
//!
//! Every opcode is one row of the [`opcodes!`] table below: its name, the kind of its operand and
//! its stack effect. The enum, the names, operand kinds, `stack_effect` and the disassembler all
//! come from that table, so adding an instruction touches this table, the compiler and the eval
//! loop and nothing else.
//!
//! Semantics are CPython 3.11's (see the `dis` module documentation for 3.11), with these
//! deliberate differences:
//!
//! 1. An instruction is an opcode and a 32-bit operand ([`crate::Instruction`]): there are no
//!    `EXTENDED_ARG`, `CACHE` or `PRECALL` instructions. Inline caches, when the VM specialises,
//!    live in a side table indexed by instruction offset.
//! 2. Jump operands are absolute instruction indices. `POP_JUMP_IF_*` have no forward/backward
//!    variants; `JUMP_BACKWARD` stays separate from `JUMP_FORWARD` because a backward jump is where
//!    the eval loop checks its interrupt flag (as do `RESUME` and calls).
//! 3. The exception table is a list of [`crate::ExceptionTableEntry`] rather than a varint blob.
//!
//! Stack notation in the docs: `a, b -> c` means `b` was on top before and `c` is on top after.
//! `NULL` is the VM's internal "no value" marker (never visible to Python).

/// What an instruction's operand means. The disassembler uses it to render the operand.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// The operand is unused (always 0).
    None,
    /// A plain number (a count, a flag set, a depth).
    Count,
    /// An index into `CodeObject::constants`.
    Const,
    /// An index into `CodeObject::names`.
    Name,
    /// `LOAD_GLOBAL`: `(index into names) << 1 | push_null`.
    GlobalName,
    /// An index into the local slots (`CodeObject::localsplus`).
    Local,
    /// An absolute instruction index to jump to.
    Jump,
    /// A [`CompareOp`].
    Compare,
    /// A [`BinaryOp`].
    Binary,
}

macro_rules! opcodes {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $kind:ident ) => $effect:expr;
    )*) => {
        /// A bytecode instruction's operation. See the module documentation.
        #[repr(u8)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Opcode {
            /// Every opcode, in numbering order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name,)*];

            /// The name as `dis` prints it.
            pub fn name(self) -> &'static str {
                match self { $(Opcode::$name => stringify!($name),)* }
            }

            /// What the operand means.
            pub fn arg_kind(self) -> ArgKind {
                match self { $(Opcode::$name => ArgKind::$kind,)* }
            }

            /// The net change in stack depth when the instruction runs with operand `arg`;
            /// `jump` selects the effect on the branch-taken path for jumps that have two.
            pub fn stack_effect(self, arg: u32, jump: bool) -> i32 {
                let f: fn(u32, bool) -> i32 = match self { $(Opcode::$name => $effect,)* };
                f(arg, jump)
            }

            /// The opcode numbered `n`, if there is one.
            pub fn from_u8(n: u8) -> Option<Opcode> {
                Self::ALL.get(usize::from(n)).copied()
            }
        }
    };
}

opcodes! {
    /// Does nothing.
    NOP(None) => |_, _| 0;
    /// `x ->`
    POP_TOP(None) => |_, _| -1;
    /// `-> NULL`
    PUSH_NULL(None) => |_, _| 1;
    /// Push a copy of the `arg`-th item from the top (1 is the top).
    COPY(Count) => |_, _| 1;
    /// Swap the top with the `arg`-th item from the top.
    SWAP(Count) => |_, _| 0;
    /// Start of a function body (or resumption point); checks the interrupt flag.
    /// `arg`: 0 start, 1 after yield, 2 after yield from, 3 after await.
    RESUME(Count) => |_, _| 0;

    /// `x -> +x`
    UNARY_POSITIVE(None) => |_, _| 0;
    /// `x -> -x`
    UNARY_NEGATIVE(None) => |_, _| 0;
    /// `x -> not x`
    UNARY_NOT(None) => |_, _| 0;
    /// `x -> ~x`
    UNARY_INVERT(None) => |_, _| 0;
    /// `a, b -> a op b` for the [`BinaryOp`] in `arg` (in-place forms included).
    BINARY_OP(Binary) => |_, _| -1;
    /// `a, b -> a[b]`
    BINARY_SUBSCR(None) => |_, _| -1;
    /// `v, a, b ->` does `a[b] = v`.
    STORE_SUBSCR(None) => |_, _| -3;
    /// `a, b ->` does `del a[b]`.
    DELETE_SUBSCR(None) => |_, _| -2;
    /// `a, b -> a cmp b` for the [`CompareOp`] in `arg`.
    COMPARE_OP(Compare) => |_, _| -1;
    /// `a, b -> a is b` (`is not` when `arg` is 1).
    IS_OP(Count) => |_, _| -1;
    /// `a, b -> a in b` (`not in` when `arg` is 1).
    CONTAINS_OP(Count) => |_, _| -1;

    /// `x -> iter(x)`
    GET_ITER(None) => |_, _| 0;
    /// `x -> iter(x)` unless `x` is a generator or coroutine (for `yield from`).
    GET_YIELD_FROM_ITER(None) => |_, _| 0;
    /// `it -> it, next(it)`; when `it` is exhausted: `it ->` and jump to `arg`.
    FOR_ITER(Jump) => |_, j| if j { -1 } else { 1 };
    /// Unconditional jump forward to `arg`.
    JUMP_FORWARD(Jump) => |_, _| 0;
    /// Unconditional jump backward to `arg`; checks the interrupt flag.
    JUMP_BACKWARD(Jump) => |_, _| 0;
    /// Unconditional jump backward to `arg` without the interrupt check (inside `yield from`).
    JUMP_BACKWARD_NO_INTERRUPT(Jump) => |_, _| 0;
    /// `x ->`, jump to `arg` if `x` is true.
    POP_JUMP_IF_TRUE(Jump) => |_, _| -1;
    /// `x ->`, jump to `arg` if `x` is false.
    POP_JUMP_IF_FALSE(Jump) => |_, _| -1;
    /// `x ->`, jump to `arg` if `x` is None.
    POP_JUMP_IF_NONE(Jump) => |_, _| -1;
    /// `x ->`, jump to `arg` if `x` is not None.
    POP_JUMP_IF_NOT_NONE(Jump) => |_, _| -1;
    /// If `x` is true jump to `arg` keeping it, else pop it.
    JUMP_IF_TRUE_OR_POP(Jump) => |_, j| if j { 0 } else { -1 };
    /// If `x` is false jump to `arg` keeping it, else pop it.
    JUMP_IF_FALSE_OR_POP(Jump) => |_, j| if j { 0 } else { -1 };

    /// `-> constants[arg]`
    LOAD_CONST(Const) => |_, _| 1;
    /// `-> value of local slot arg`; raises `UnboundLocalError` if unbound.
    LOAD_FAST(Local) => |_, _| 1;
    /// `x ->` into local slot `arg`.
    STORE_FAST(Local) => |_, _| -1;
    /// Unbind local slot `arg` (`UnboundLocalError` if already unbound).
    DELETE_FAST(Local) => |_, _| 0;
    /// `-> the cell in slot arg` (to build a closure tuple).
    LOAD_CLOSURE(Local) => |_, _| 1;
    /// `-> contents of the cell in slot arg`; `NameError`/`UnboundLocalError` if empty.
    LOAD_DEREF(Local) => |_, _| 1;
    /// Like `LOAD_DEREF`, but first looks in the class namespace (class bodies).
    LOAD_CLASSDEREF(Local) => |_, _| 1;
    /// `x ->` into the cell in slot `arg`.
    STORE_DEREF(Local) => |_, _| -1;
    /// Empty the cell in slot `arg`.
    DELETE_DEREF(Local) => |_, _| 0;
    /// Replace the value in slot `arg` with a new cell holding it (or an empty cell).
    MAKE_CELL(Local) => |_, _| 0;
    /// Copy the `arg` closure cells of the running function into the last `arg` slots.
    COPY_FREE_VARS(Count) => |_, _| 0;
    /// `-> value of name` looked up in locals, globals, builtins (module and class bodies).
    LOAD_NAME(Name) => |_, _| 1;
    /// `x ->` bound to `names[arg]` in the locals mapping.
    STORE_NAME(Name) => |_, _| -1;
    /// Delete `names[arg]` from the locals mapping.
    DELETE_NAME(Name) => |_, _| 0;
    /// `-> [NULL,] global` for `names[arg >> 1]`; pushes NULL first when `arg & 1`.
    LOAD_GLOBAL(GlobalName) => |a, _| 1 + (a & 1) as i32;
    /// `x ->` bound to global `names[arg]`.
    STORE_GLOBAL(Name) => |_, _| -1;
    /// Delete global `names[arg]`.
    DELETE_GLOBAL(Name) => |_, _| 0;
    /// `obj -> obj.name`
    LOAD_ATTR(Name) => |_, _| 0;
    /// `v, obj ->` does `obj.name = v`.
    STORE_ATTR(Name) => |_, _| -2;
    /// `obj ->` does `del obj.name`.
    DELETE_ATTR(Name) => |_, _| -1;
    /// `obj -> meth, obj` when `obj.name` is a method found on the type,
    /// else `obj -> NULL, obj.name`.
    LOAD_METHOD(Name) => |_, _| 1;
    /// Record `constants[arg]` (a tuple of str) as the keyword names of the next `CALL`.
    KW_NAMES(Const) => |_, _| 0;
    /// `NULL, f, a1..an -> f(a1..an)` or `m, self, a1..an -> m(self, a1..an)` with `n = arg`;
    /// the last `len(kw_names)` arguments are keyword arguments.
    CALL(Count) => |a, _| -(a as i32) - 1;
    /// `NULL, f, args[, kwargs] -> f(*args, **kwargs)`; `kwargs` present when `arg & 1`.
    CALL_FUNCTION_EX(Count) => |a, _| -2 - (a & 1) as i32;
    /// Build a function from the code object on top. `arg` flags say which of these are below
    /// it, in this order from the bottom: `0x01` defaults tuple, `0x02` kw-defaults dict,
    /// `0x04` annotations tuple, `0x08` closure tuple.
    MAKE_FUNCTION(Count) => |a, _| -(a.count_ones() as i32);
    /// `-> builtins.__build_class__`
    LOAD_BUILD_CLASS(None) => |_, _| 1;
    /// `-> AssertionError`
    LOAD_ASSERTION_ERROR(None) => |_, _| 1;
    /// `x ->` returns `x` from the frame.
    RETURN_VALUE(None) => |_, _| -1;

    /// `a1..an -> (a1, .., an)`
    BUILD_TUPLE(Count) => |a, _| 1 - a as i32;
    /// `a1..an -> [a1, .., an]`
    BUILD_LIST(Count) => |a, _| 1 - a as i32;
    /// `a1..an -> {a1, .., an}`
    BUILD_SET(Count) => |a, _| 1 - a as i32;
    /// `k1, v1 .. kn, vn -> {k1: v1, ..}`
    BUILD_MAP(Count) => |a, _| 1 - 2 * a as i32;
    /// `v1..vn, keys -> {keys[0]: v1, ..}`
    BUILD_CONST_KEY_MAP(Count) => |a, _| -(a as i32);
    /// `s1..sn -> s1 + .. + sn` (all str)
    BUILD_STRING(Count) => |a, _| 1 - a as i32;
    /// `start, stop[, step] -> slice(..)`; `arg` is 2 or 3.
    BUILD_SLICE(Count) => |a, _| 1 - a as i32;
    /// `list, .., x -> list, ..` appending `x` to the list `arg` items below (after popping `x`).
    LIST_APPEND(Count) => |_, _| -1;
    /// As `LIST_APPEND` for a set.
    SET_ADD(Count) => |_, _| -1;
    /// `dict, .., k, v -> dict, ..` with `dict[k] = v`.
    MAP_ADD(Count) => |_, _| -2;
    /// `list, .., it -> list, ..` with `list.extend(it)`.
    LIST_EXTEND(Count) => |_, _| -1;
    /// `set, .., it -> set, ..` with `set.update(it)`.
    SET_UPDATE(Count) => |_, _| -1;
    /// `dict, .., m -> dict, ..` with `dict.update(m)`.
    DICT_UPDATE(Count) => |_, _| -1;
    /// Like `DICT_UPDATE` but raises on duplicate keys (`f(**a, **b)`).
    DICT_MERGE(Count) => |_, _| -1;
    /// `list -> tuple(list)`
    LIST_TO_TUPLE(None) => |_, _| 0;
    /// `seq -> vn..v1` (so `v1` is on top).
    UNPACK_SEQUENCE(Count) => |a, _| a as i32 - 1;
    /// `seq ->` unpack with a starred target: `arg & 0xff` before, `arg >> 8` after the star.
    UNPACK_EX(Count) => |a, _| ((a & 0xff) + (a >> 8)) as i32;
    /// `x[, spec] -> formatted` with `arg & 3` the conversion (0 none, 1 str, 2 repr, 3 ascii)
    /// and `arg & 4` meaning a format spec is on the stack.
    FORMAT_VALUE(Count) => |a, _| if a & 4 != 0 { -1 } else { 0 };

    /// `level, fromlist -> module` importing `names[arg]`.
    IMPORT_NAME(Name) => |_, _| -1;
    /// `module -> module, module.name` (with the submodule fallback).
    IMPORT_FROM(Name) => |_, _| 1;
    /// `module ->` binding its public names into the locals mapping.
    IMPORT_STAR(None) => |_, _| -1;
    /// Create `__annotations__` in the locals mapping if missing.
    SETUP_ANNOTATIONS(None) => |_, _| 0;
    /// `x ->` in the REPL: print `repr(x)` and bind it to `builtins._`.
    PRINT_EXPR(None) => |_, _| -1;

    /// Raise: `arg` 0 re-raises, 1 raises `exc`, 2 raises `exc from cause`.
    RAISE_VARARGS(Count) => |a, _| -(a as i32);
    /// `exc ->` re-raise; when `arg` is non-zero the item below is a saved `lasti`, also popped.
    RERAISE(Count) => |_, _| -1;
    /// `exc -> prev_exc, exc` making `exc` the handled exception.
    PUSH_EXC_INFO(None) => |_, _| 1;
    /// `prev_exc ->` restoring the previously handled exception.
    POP_EXCEPT(None) => |_, _| -1;
    /// `exc, type -> exc, bool` whether `exc` matches `type`.
    CHECK_EXC_MATCH(None) => |_, _| 0;
    /// `eg, type -> rest, match` splitting an exception group for `except*`.
    CHECK_EG_MATCH(None) => |_, _| 0;
    /// `orig, list -> exc_or_none` combining raised and re-raised exceptions after `except*`.
    PREP_RERAISE_STAR(None) => |_, _| -1;
    /// `mgr -> exit, mgr.__enter__()`
    BEFORE_WITH(None) => |_, _| 1;
    /// `exit, lasti, prev_exc, exc -> exit, lasti, prev_exc, exc, exit(type, exc, tb)`
    WITH_EXCEPT_START(None) => |_, _| 1;

    /// First instruction of a generator/coroutine: create it from the frame and return it.
    RETURN_GENERATOR(None) => |_, _| 0;
    /// `x -> sent` yields `x`; on resumption the sent value is pushed.
    YIELD_VALUE(None) => |_, _| 0;
    /// `sub, v -> sub, yielded` sends `v` into `sub`; when `sub` returns: `sub, v -> result`
    /// and jump to `arg`.
    SEND(Jump) => |_, j| if j { -1 } else { 0 };
    /// `x -> awaitable(x)`; `arg` 1 after `__aenter__`, 2 after `__aexit__`.
    GET_AWAITABLE(Count) => |_, _| 0;
    /// `x -> x.__aiter__()`
    GET_AITER(None) => |_, _| 0;
    /// `aiter -> aiter, awaitable(aiter.__anext__())`
    GET_ANEXT(None) => |_, _| 1;
    /// `aiter, exc ->` ends `async for` on `StopAsyncIteration`, else re-raises.
    END_ASYNC_FOR(None) => |_, _| -2;
    /// `mgr -> exit, mgr.__aenter__()` (the awaitable still to await).
    BEFORE_ASYNC_WITH(None) => |_, _| 1;
    /// Wrap the value on top for yielding from an async generator.
    ASYNC_GEN_WRAP(None) => |_, _| 0;

    /// `x -> x, len(x)`
    GET_LEN(None) => |_, _| 1;
    /// `x -> x, bool` whether `x` is a mapping for pattern matching.
    MATCH_MAPPING(None) => |_, _| 1;
    /// `x -> x, bool` whether `x` is a sequence for pattern matching.
    MATCH_SEQUENCE(None) => |_, _| 1;
    /// `x, keys -> x, keys, values_or_none`
    MATCH_KEYS(None) => |_, _| 1;
    /// `subject, cls, names -> attrs_or_none` with `arg` positional sub-patterns.
    MATCH_CLASS(Count) => |_, _| -2;
}

/// Comparison operators, the `COMPARE_OP` operand (CPython's `Py_LT` .. `Py_GE` order).
#[repr(u32)]
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum CompareOp {
    /// `<`
    Lt = 0,
    /// `<=`
    Le = 1,
    /// `==`
    Eq = 2,
    /// `!=`
    Ne = 3,
    /// `>`
    Gt = 4,
    /// `>=`
    Ge = 5,
}

impl CompareOp {
    /// Decode the operand of `COMPARE_OP`.
    pub fn from_u32(n: u32) -> Option<CompareOp> {
        Some(match n {
            0 => CompareOp::Lt,
            1 => CompareOp::Le,
            2 => CompareOp::Eq,
            3 => CompareOp::Ne,
            4 => CompareOp::Gt,
            5 => CompareOp::Ge,
            _ => return None,
        })
    }

    /// The operator as written in Python.
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CompareOp {
        match self {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Eq => CompareOp::Eq,
            CompareOp::Ne => CompareOp::Ne,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
        }
    }
}

macro_rules! binary_ops {
    ($($name:ident = $n:literal, $sym:literal, $dunder:literal, $rdunder:literal;)*) => {
        /// Binary operators, the `BINARY_OP` operand (CPython 3.11's `NB_*` numbering).
        #[repr(u32)]
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        pub enum BinaryOp {
            $( #[doc = $sym] $name = $n, )*
        }

        impl BinaryOp {
            /// Decode the operand of `BINARY_OP`.
            pub fn from_u32(n: u32) -> Option<BinaryOp> {
                match n { $($n => Some(BinaryOp::$name),)* _ => None }
            }

            /// The operator as written in Python (`+`, `+=`, ...).
            pub fn symbol(self) -> &'static str {
                match self { $(BinaryOp::$name => $sym,)* }
            }

            /// The special method name (`__add__`, `__iadd__`, ...).
            pub fn dunder(self) -> &'static str {
                match self { $(BinaryOp::$name => $dunder,)* }
            }

            /// The reflected special method name (`__radd__`; for in-place forms, that of the
            /// plain operator).
            pub fn reflected_dunder(self) -> &'static str {
                match self { $(BinaryOp::$name => $rdunder,)* }
            }
        }
    };
}

binary_ops! {
    Add = 0, "+", "__add__", "__radd__";
    And = 1, "&", "__and__", "__rand__";
    FloorDivide = 2, "//", "__floordiv__", "__rfloordiv__";
    Lshift = 3, "<<", "__lshift__", "__rlshift__";
    MatrixMultiply = 4, "@", "__matmul__", "__rmatmul__";
    Multiply = 5, "*", "__mul__", "__rmul__";
    Remainder = 6, "%", "__mod__", "__rmod__";
    Or = 7, "|", "__or__", "__ror__";
    Power = 8, "**", "__pow__", "__rpow__";
    Rshift = 9, ">>", "__rshift__", "__rrshift__";
    Subtract = 10, "-", "__sub__", "__rsub__";
    TrueDivide = 11, "/", "__truediv__", "__rtruediv__";
    Xor = 12, "^", "__xor__", "__rxor__";
    InplaceAdd = 13, "+=", "__iadd__", "__radd__";
    InplaceAnd = 14, "&=", "__iand__", "__rand__";
    InplaceFloorDivide = 15, "//=", "__ifloordiv__", "__rfloordiv__";
    InplaceLshift = 16, "<<=", "__ilshift__", "__rlshift__";
    InplaceMatrixMultiply = 17, "@=", "__imatmul__", "__rmatmul__";
    InplaceMultiply = 18, "*=", "__imul__", "__rmul__";
    InplaceRemainder = 19, "%=", "__imod__", "__rmod__";
    InplaceOr = 20, "|=", "__ior__", "__ror__";
    InplacePower = 21, "**=", "__ipow__", "__rpow__";
    InplaceRshift = 22, ">>=", "__irshift__", "__rrshift__";
    InplaceSubtract = 23, "-=", "__isub__", "__rsub__";
    InplaceTrueDivide = 24, "/=", "__itruediv__", "__rtruediv__";
    InplaceXor = 25, "^=", "__ixor__", "__rxor__";
}

impl BinaryOp {
    /// Whether this is an augmented-assignment form (`+=`).
    pub fn is_inplace(self) -> bool {
        self as u32 >= 13
    }

    /// The plain operator behind an in-place one (`+=` gives `+`); plain operators map to
    /// themselves.
    pub fn base(self) -> BinaryOp {
        if self.is_inplace() {
            // The in-place forms are numbered 13 above their plain operator.
            BinaryOp::from_u32(self as u32 - 13).unwrap_or(self)
        } else {
            self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_round_trips() {
        for (i, op) in Opcode::ALL.iter().enumerate() {
            assert_eq!(*op as usize, i);
            assert_eq!(Opcode::from_u8(i as u8), Some(*op));
        }
        assert!(Opcode::ALL.len() < 256);
    }

    #[test]
    fn binary_op_base() {
        assert_eq!(BinaryOp::InplaceXor.base(), BinaryOp::Xor);
        assert_eq!(BinaryOp::Add.base(), BinaryOp::Add);
        assert_eq!(BinaryOp::InplaceAdd.symbol(), "+=");
    }

    #[test]
    fn stack_effects() {
        assert_eq!(Opcode::CALL.stack_effect(2, false), -3);
        assert_eq!(Opcode::LOAD_GLOBAL.stack_effect(3, false), 2);
        assert_eq!(Opcode::MAKE_FUNCTION.stack_effect(0x0b, false), -3);
        assert_eq!(Opcode::UNPACK_EX.stack_effect(0x0201, false), 3);
        assert_eq!(Opcode::FOR_ITER.stack_effect(0, true), -1);
    }
}

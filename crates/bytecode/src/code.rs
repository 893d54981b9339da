//! Code objects: what the compiler produces and the VM runs (CPython's `PyCodeObject`).

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;

use num_bigint::BigInt;

use crate::Opcode;

/// One instruction: an operation and its operand (see [`Opcode`] for what the operand means).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// The operation.
    pub op: Opcode,
    /// The operand; 0 when the operation takes none.
    pub arg: u32,
}

impl Instruction {
    /// An instruction with operand `arg`.
    pub fn new(op: Opcode, arg: u32) -> Instruction {
        Instruction { op, arg }
    }
}

/// The source span an instruction came from, as CPython 3.11 reports it in tracebacks
/// (`co_positions()`): 1-based lines, 0-based columns counted in UTF-8 bytes.
/// `line == 0` means the instruction has no position (CPython's `None`).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// First line (1-based), or 0 for none.
    pub line: u32,
    /// Last line (1-based).
    pub end_line: u32,
    /// First column (0-based, UTF-8 bytes).
    pub col: u32,
    /// Column just past the end (0-based, UTF-8 bytes).
    pub end_col: u32,
}

/// One row of the exception table (CPython 3.11's zero-cost exception handling): an exception
/// raised by an instruction in `start..end` pops the value stack down to `depth` items, pushes
/// the offset of the raising instruction when `lasti` is set, pushes the exception and jumps to
/// `target`. The first matching row wins; rows never overlap.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ExceptionTableEntry {
    /// First instruction covered.
    pub start: u32,
    /// One past the last instruction covered.
    pub end: u32,
    /// Handler's first instruction.
    pub target: u32,
    /// Stack depth to unwind to before pushing.
    pub depth: u32,
    /// Whether to push the raising instruction's offset before the exception.
    pub lasti: bool,
}

/// `co_flags` bits, with CPython's values.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeFlags(pub u32);

impl CodeFlags {
    /// Locals live in fast slots (function scope).
    pub const OPTIMIZED: u32 = 0x0001;
    /// A new locals namespace is made for each call.
    pub const NEWLOCALS: u32 = 0x0002;
    /// Has a `*args` parameter.
    pub const VARARGS: u32 = 0x0004;
    /// Has a `**kwargs` parameter.
    pub const VARKEYWORDS: u32 = 0x0008;
    /// A nested function.
    pub const NESTED: u32 = 0x0010;
    /// A generator function.
    pub const GENERATOR: u32 = 0x0020;
    /// No free or cell variables.
    pub const NOFREE: u32 = 0x0040;
    /// An `async def` function.
    pub const COROUTINE: u32 = 0x0080;
    /// A generator decorated with `types.coroutine`.
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    /// An `async def` with `yield`.
    pub const ASYNC_GENERATOR: u32 = 0x0200;

    /// Whether every bit of `bits` is set.
    pub fn has(self, bits: u32) -> bool {
        self.0 & bits == bits
    }
}

/// What a local slot holds (CPython 3.11's `co_localspluskinds`; the values are CPython's).
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct LocalKind(pub u8);

impl LocalKind {
    /// A plain local (in `co_varnames`).
    pub const LOCAL: u8 = 0x20;
    /// A variable captured by inner functions (in `co_cellvars`).
    pub const CELL: u8 = 0x40;
    /// A variable of an enclosing function (in `co_freevars`).
    pub const FREE: u8 = 0x80;

    /// Whether every bit of `bits` is set.
    pub fn has(self, bits: u8) -> bool {
        self.0 & bits == bits
    }
}

/// The text of a str constant: UTF-8 (nearly always), or code points when it holds lone
/// surrogates (`"\ud800"`, which UTF-8 cannot hold). Docstrings make these the largest part of
/// many modules' constants; as code points they took four bytes a character.
///
/// Which form a text takes depends only on the text (every constructor picks UTF-8 when it
/// can), so the derived equality compares texts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConstStr(StrRepr);

#[derive(Clone, Debug, PartialEq, Eq)]
enum StrRepr {
    Text(Arc<str>),
    CodePoints(Arc<[u32]>),
}

impl ConstStr {
    /// Its length in code points.
    pub fn len(&self) -> usize {
        match &self.0 {
            StrRepr::Text(s) => s.chars().count(),
            StrRepr::CodePoints(c) => c.len(),
        }
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        match &self.0 {
            StrRepr::Text(s) => s.is_empty(),
            StrRepr::CodePoints(c) => c.is_empty(),
        }
    }

    /// The text, unless it holds lone surrogates.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            StrRepr::Text(s) => Some(s),
            StrRepr::CodePoints(_) => None,
        }
    }

    /// Its code points in order.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        let (text, cps) = match &self.0 {
            StrRepr::Text(s) => (Some(s.chars().map(u32::from)), None),
            StrRepr::CodePoints(c) => (None, Some(c.iter().copied())),
        };
        text.into_iter().flatten().chain(cps.into_iter().flatten())
    }

    /// Its code points, collected.
    pub fn to_code_points(&self) -> Vec<u32> {
        self.code_points().collect()
    }
}

impl From<&[u32]> for ConstStr {
    fn from(cps: &[u32]) -> ConstStr {
        match cps
            .iter()
            .map(|&c| char::from_u32(c))
            .collect::<Option<String>>()
        {
            Some(s) => ConstStr(StrRepr::Text(s.into())),
            None => ConstStr(StrRepr::CodePoints(cps.into())),
        }
    }
}

impl From<Vec<u32>> for ConstStr {
    fn from(cps: Vec<u32>) -> ConstStr {
        ConstStr::from(&cps[..])
    }
}

impl From<&str> for ConstStr {
    fn from(s: &str) -> ConstStr {
        ConstStr(StrRepr::Text(s.into()))
    }
}

impl From<String> for ConstStr {
    fn from(s: String) -> ConstStr {
        ConstStr(StrRepr::Text(s.into()))
    }
}

/// A constant in `co_consts`.
#[derive(Clone, Debug)]
pub enum Constant {
    /// `None`
    None,
    /// `...`
    Ellipsis,
    /// `True` / `False`
    Bool(bool),
    /// An int that fits in 64 bits.
    Int(i64),
    /// Any other int.
    BigInt(BigInt),
    /// A float.
    Float(f64),
    /// A complex number (real, imaginary).
    Complex(f64, f64),
    /// A string. Lone surrogates (from `"\ud800"` escapes) are allowed, so this is not a Rust
    /// `String`; see [`Constant::str`] for the common case.
    Str(ConstStr),
    /// A bytes literal.
    Bytes(Arc<[u8]>),
    /// A tuple of constants.
    Tuple(Arc<[Constant]>),
    /// A frozenset of constants (from `x in {1, 2}`).
    FrozenSet(Arc<[Constant]>),
    /// A nested code object.
    Code(Arc<CodeObject>),
    /// A nested code object not decoded yet (from [`crate::serial::decode_lazy`]).
    Lazy(Arc<crate::serial::LazyCode>),
}

impl Constant {
    /// A string constant from Rust text.
    pub fn str(s: &str) -> Constant {
        Constant::Str(s.into())
    }

    /// The text of a string constant, if it is one and holds no lone surrogates.
    pub fn as_string(&self) -> Option<String> {
        self.as_str().map(String::from)
    }

    /// The text of a string constant, if it is one and holds no lone surrogates.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Constant::Str(s) => s.as_str(),
            _ => None,
        }
    }

    /// Structural equality as the compiler needs it for de-duplicating constants: `1`, `1.0`
    /// and `True` stay distinct, and so do `0.0` and `-0.0`.
    pub fn same_as(&self, other: &Constant) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (BigInt(a), BigInt(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex(a, b), Complex(c, d)) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Str(a), Str(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (FrozenSet(a), FrozenSet(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same_as(y))
            }
            (Code(a), Code(b)) => Arc::ptr_eq(a, b),
            (Lazy(a), Lazy(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Equality of constants as `code.__eq__` compares them (CPython's `_PyCode_ConstantKey`:
    /// typed, `0.0` apart from `-0.0`), with nested code objects compared by content.
    fn same_value(&self, other: &Constant) -> bool {
        use Constant::*;
        let code = |c: &Constant| -> Option<Arc<CodeObject>> {
            match c {
                Code(a) => Some(a.clone()),
                Lazy(l) => l.decode().ok().map(Arc::new),
                _ => Option::None,
            }
        };
        match (self, other) {
            (Tuple(a), Tuple(b)) | (FrozenSet(a), FrozenSet(b)) => {
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.same_value(y))
            }
            (Code(_) | Lazy(_), Code(_) | Lazy(_)) => match (code(self), code(other)) {
                (Some(a), Some(b)) => Arc::ptr_eq(&a, &b) || a.same_code(&b),
                _ => false,
            },
            _ => self.same_as(other),
        }
    }
}

/// A compiled block of code: a module, class body, function, lambda or comprehension
/// (CPython's code object, `co_*` attributes).
#[derive(Clone, Debug, Default)]
pub struct CodeObject {
    /// `co_name`
    pub name: String,
    /// `co_qualname`
    pub qualname: String,
    /// `co_filename`
    pub filename: String,
    /// `co_firstlineno`
    pub first_line: u32,
    /// `co_flags`
    pub flags: CodeFlags,
    /// `co_argcount`: positional parameters, including positional-only ones.
    pub arg_count: u32,
    /// `co_posonlyargcount`
    pub posonly_arg_count: u32,
    /// `co_kwonlyargcount`
    pub kwonly_arg_count: u32,
    /// The instructions.
    pub instructions: Vec<Instruction>,
    /// One position per instruction, packed.
    pub positions: crate::PositionTable,
    /// `co_consts`
    pub constants: Vec<Constant>,
    /// `co_names`: attribute, global and imported names.
    pub names: Vec<String>,
    /// Names of the local slots, in slot order: parameters first (positional, keyword-only,
    /// `*args`, `**kwargs`), then other locals, then cells that are not parameters, then free
    /// variables (CPython 3.11's `co_localsplusnames`).
    pub localsplus: Vec<String>,
    /// The kind of each slot in `localsplus`.
    pub localsplus_kinds: Vec<LocalKind>,
    /// The exception table.
    pub exception_table: Vec<ExceptionTableEntry>,
    /// Upper bound on the value stack depth.
    pub max_stack: u32,
    /// The docstring, when the body starts with one (functions only; CPython stores it as
    /// `co_consts[0]`, which we also do).
    pub docstring: Option<String>,
}

impl CodeObject {
    /// `code.__eq__` (CPython's `code_richcompare`): the same name, signature, flags, first
    /// line, instructions, constants, names, variables, positions and exception table;
    /// `co_qualname` and `co_filename` are not compared.
    pub fn same_code(&self, other: &CodeObject) -> bool {
        self.same_but_constants(other)
            && self
                .constants
                .iter()
                .zip(&other.constants)
                .all(|(a, b)| a.same_value(b))
    }

    /// Everything [`CodeObject::same_code`] compares but the constants' values (their
    /// number is compared): what the compiler's and `code.__eq__`'s identities share.
    pub fn same_but_constants(&self, other: &CodeObject) -> bool {
        self.name == other.name
            && self.arg_count == other.arg_count
            && self.posonly_arg_count == other.posonly_arg_count
            && self.kwonly_arg_count == other.kwonly_arg_count
            && self.flags == other.flags
            && self.first_line == other.first_line
            && self.instructions == other.instructions
            && self.names == other.names
            && self.localsplus == other.localsplus
            && self.localsplus_kinds == other.localsplus_kinds
            && self.positions == other.positions
            && self.exception_table == other.exception_table
            && self.constants.len() == other.constants.len()
    }

    fn slot_names(&self, kind: u8) -> Vec<&str> {
        self.localsplus
            .iter()
            .zip(&self.localsplus_kinds)
            .filter(|(_, k)| k.0 & kind != 0)
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// `co_varnames`: parameters and plain locals.
    pub fn varnames(&self) -> Vec<&str> {
        self.slot_names(LocalKind::LOCAL)
    }

    /// `co_cellvars`: variables captured by inner scopes.
    pub fn cellvars(&self) -> Vec<&str> {
        self.slot_names(LocalKind::CELL)
    }

    /// `co_freevars`: variables taken from enclosing scopes.
    pub fn freevars(&self) -> Vec<&str> {
        self.slot_names(LocalKind::FREE)
    }

    /// Number of free variables (the closure's length).
    pub fn free_count(&self) -> usize {
        self.localsplus_kinds
            .iter()
            .filter(|k| k.has(LocalKind::FREE))
            .count()
    }

    /// Total number of positional and keyword parameters, not counting `*args`/`**kwargs`.
    pub fn total_args(&self) -> usize {
        (self.arg_count + self.kwonly_arg_count) as usize
    }

    /// The first exception-table row covering instruction `offset`.
    pub fn handler_for(&self, offset: u32) -> Option<&ExceptionTableEntry> {
        self.exception_table
            .iter()
            .find(|e| e.start <= offset && offset < e.end)
    }
}

//! Krait's bytecode: the instruction set (declared once, in [`opcode`]), code objects and the
//! disassembler.
//!
//! The instruction set follows CPython 3.11's (`Python/bytecodes` as documented by the `dis`
//! module) so that compiled code reads like CPython's `dis` output. The deliberate differences are
//! listed at the top of [`opcode`].

#![no_std]

extern crate alloc;
#[cfg(test)]
extern crate std;

mod code;
mod dis;
mod opcode;
mod positions;
pub mod serial;

pub use code::{
    CodeFlags, CodeObject, ConstStr, Constant, ExceptionTableEntry, Instruction, LocalKind,
    Position,
};
pub use dis::disassemble;
pub use opcode::{ArgKind, BinaryOp, CompareOp, Opcode};
pub use positions::PositionTable;

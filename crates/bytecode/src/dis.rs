//! A disassembler whose output reads like CPython 3.11's `dis.dis` (offsets are instruction
//! indices, since Krait's instructions have no cache entries). The golden files under
//! `tests/dis/` are made with it.

use alloc::collections::BTreeSet;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use krait_common::repr;

use crate::{ArgKind, BinaryOp, CodeObject, CompareOp, Constant, Opcode};

/// Render `code` and, after it, every code object nested in its constants.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_one(code, &mut out);
    for c in &code.constants {
        let decoded;
        let inner = match c {
            Constant::Code(inner) => inner,
            Constant::Lazy(lazy) => match lazy.decode() {
                Ok(co) => {
                    decoded = co;
                    &decoded
                }
                Err(_) => continue,
            },
            _ => continue,
        };
        {
            let _ = write!(
                out,
                "\nDisassembly of <code object {}, file \"{}\", line {}>:\n",
                inner.name, inner.filename, inner.first_line
            );
            out.push_str(&disassemble(inner));
        }
    }
    out
}

fn disassemble_one(code: &CodeObject, out: &mut String) {
    let targets: BTreeSet<u32> = code
        .instructions
        .iter()
        .filter(|i| i.op.arg_kind() == ArgKind::Jump)
        .map(|i| i.arg)
        .chain(code.exception_table.iter().map(|e| e.target))
        .collect();
    let mut last_line = 0;
    let mut positions = code.positions.iter();
    for (offset, ins) in code.instructions.iter().enumerate() {
        let line = positions.next().map_or(0, |p| p.line);
        let line_col = if line != 0 && line != last_line {
            if last_line != 0 {
                out.push('\n');
            }
            last_line = line;
            format!("{line:>4}")
        } else {
            String::from("    ")
        };
        let marker = if targets.contains(&(offset as u32)) {
            ">>"
        } else {
            "  "
        };
        let _ = write!(out, "{line_col} {marker} {offset:>6} {:<28}", ins.op.name());
        if ins.op.arg_kind() != ArgKind::None {
            let _ = write!(out, " {:>3}", ins.arg);
            if let Some(desc) = describe_arg(code, ins.op, ins.arg) {
                let _ = write!(out, " ({desc})");
            }
        }
        while out.ends_with(' ') {
            out.pop();
        }
        out.push('\n');
    }
    if !code.exception_table.is_empty() {
        out.push_str("ExceptionTable:\n");
        for e in &code.exception_table {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start,
                e.end.saturating_sub(1),
                e.target,
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
}

fn describe_arg(code: &CodeObject, op: Opcode, arg: u32) -> Option<String> {
    let name = |i: u32| code.names.get(i as usize).cloned();
    match op.arg_kind() {
        ArgKind::None | ArgKind::Count => match op {
            Opcode::IS_OP => Some(if arg == 0 { "is" } else { "is not" }.into()),
            Opcode::CONTAINS_OP => Some(if arg == 0 { "in" } else { "not in" }.into()),
            _ => None,
        },
        ArgKind::Const => code.constants.get(arg as usize).map(constant_repr),
        ArgKind::Name => name(arg),
        ArgKind::GlobalName => name(arg >> 1).map(|n| {
            if arg & 1 == 1 {
                format!("NULL + {n}")
            } else {
                n
            }
        }),
        ArgKind::Local => code.localsplus.get(arg as usize).cloned(),
        ArgKind::Jump => Some(format!("to {arg}")),
        ArgKind::Compare => CompareOp::from_u32(arg).map(|c| c.symbol().to_string()),
        ArgKind::Binary => BinaryOp::from_u32(arg).map(|b| b.symbol().to_string()),
    }
}

/// The `repr()` of a constant, as CPython prints it in `dis` output.
pub(crate) fn constant_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(f) => repr::float_repr(*f),
        Constant::Complex(re, im) => repr::complex_repr(*re, *im),
        Constant::Str(s) => repr::str_repr(&s.to_code_points()),
        Constant::Bytes(b) => repr::bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Vec<String> = items.iter().map(constant_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Constant::FrozenSet(items) => {
            let parts: Vec<String> = items.iter().map(constant_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
        Constant::Code(inner) => format!(
            "<code object {}, file \"{}\", line {}>",
            inner.name, inner.filename, inner.first_line
        ),
        Constant::Lazy(lazy) => match lazy.decode() {
            Ok(inner) => format!(
                "<code object {}, file \"{}\", line {}>",
                inner.name, inner.filename, inner.first_line
            ),
            Err(_) => format!("<code object {}>", lazy.name()),
        },
    }
}

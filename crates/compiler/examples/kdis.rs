//! Print Krait's disassembly of a Python file: `cargo run -p krait-compiler --example kdis -- FILE`.
//! With `--norm`, print a normalized listing (one instruction per line with its position) that
//! `tests/dis/cpython_norm.py` also produces from CPython, for diffing code shapes.

// A test/example program reads files from outside the interpreter: the host boundary of
// clippy.toml does not apply to it.
#![allow(clippy::disallowed_methods, clippy::disallowed_types)]
#![allow(clippy::print_stdout, clippy::print_stderr)]

use krait_bytecode::{ArgKind, CodeObject, Constant, Opcode};
use krait_compiler::{CompileOptions, Mode, compile};

fn norm(code: &CodeObject, out: &mut String) {
    out.push_str(&format!(
        "== {} {} {}\n",
        code.qualname, code.first_line, code.flags.0
    ));
    for (i, (ins, p)) in code
        .instructions
        .iter()
        .zip(code.positions.iter())
        .enumerate()
    {
        let pos = if p.line == 0 {
            "-".to_string()
        } else {
            format!("{}:{}-{}:{}", p.line, p.col, p.end_line, p.end_col)
        };
        let arg = match ins.op.arg_kind() {
            ArgKind::None => String::new(),
            ArgKind::Jump => format!("to {}", ins.arg),
            ArgKind::Const => match &code.constants[ins.arg as usize] {
                Constant::Code(c) => format!("code {}", c.name),
                _ => disasm_arg(code, i),
            },
            _ => disasm_arg(code, i),
        };
        let op = match ins.op {
            Opcode::LOAD_GLOBAL => "LOAD_GLOBAL",
            o => o.name(),
        };
        out.push_str(&format!("{i} {op} {arg} @{pos}\n"));
    }
    for e in &code.exception_table {
        out.push_str(&format!(
            "  exc {} {} -> {} [{}]{}\n",
            e.start,
            e.end,
            e.target,
            e.depth,
            if e.lasti { " lasti" } else { "" }
        ));
    }
    for c in &code.constants {
        if let Constant::Code(inner) = c {
            norm(inner, out);
        }
    }
}

fn disasm_arg(code: &CodeObject, i: usize) -> String {
    // Reuse the disassembler's rendering of one instruction's argument.
    let mut one = code.clone();
    one.instructions = vec![code.instructions[i]];
    one.positions = code.positions.get(i).into_iter().collect();
    one.exception_table.clear();
    let text = krait_bytecode::disassemble(&one);
    let line = text.lines().next().unwrap_or("");
    match (line.find('('), line.rfind(')')) {
        (Some(a), Some(b)) if b > a => line[a + 1..b].to_string(),
        _ => line.split_whitespace().last().unwrap_or("").to_string(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let norm_mode = args.iter().any(|a| a == "--norm");
    let Some(path) = args.iter().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: kdis [--norm] FILE");
        return;
    };
    let Ok(src) = std::fs::read_to_string(path) else {
        eprintln!("cannot read {path}");
        return;
    };
    match compile(&src, "f", Mode::Exec, &CompileOptions::default()) {
        Ok(code) => {
            if norm_mode {
                let mut s = String::new();
                norm(&code, &mut s);
                print!("{s}");
            } else {
                print!("{}", krait_bytecode::disassemble(&code));
            }
        }
        Err(e) => println!("{:?}: {} ({}:{})", e.kind, e.msg, e.line, e.col),
    }
}

//! Krait's compiler: from `ruff_python_parser`'s AST to [`krait_bytecode::CodeObject`]s.
//!
//! The pipeline mirrors CPython 3.11: parse (ruff), fold constants the way CPython's AST
//! optimizer does, build the symbol table (`symtable`), generate code into basic blocks
//! (`compile`), then assemble (peephole passes, stack depth, exception table).

mod compile;
mod errors;
mod fold;
mod lex311;
mod positions;
mod strings;
mod symtable;
mod unparse;

use std::sync::Arc;

use krait_bytecode::CodeObject;

/// What the source is.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module (`exec`).
    Exec,
    /// A single expression (`eval`).
    Eval,
    /// One REPL statement; expression statements print their value (`PRINT_EXPR`).
    Single,
}

/// Compiler settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompileOptions {
    /// 0 normally, 1 for `-O` (asserts removed, `__debug__` is False), 2 for `-OO` (docstrings
    /// removed too).
    pub optimize: u8,
    /// Behave as under `from __future__ import annotations`.
    pub future_annotations: bool,
}

/// The class of a compile error, as CPython would raise it.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `SyntaxError`
    SyntaxError,
    /// `IndentationError`
    IndentationError,
    /// `TabError`
    TabError,
}

/// A compile error with CPython's message and location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message (`SyntaxError.msg`).
    pub msg: String,
    /// 1-based line (`SyntaxError.lineno`).
    pub line: u32,
    /// 1-based column (`SyntaxError.offset`).
    pub col: u32,
    /// 1-based end line.
    pub end_line: u32,
    /// 1-based end column.
    pub end_col: u32,
    /// The source line(s) (`SyntaxError.text`).
    pub text: Option<String>,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (line {})", self.msg, self.line)
    }
}

impl std::error::Error for CompileError {}

/// Compile `source` into a code object.
pub fn compile(
    source: &str,
    filename: &str,
    mode: Mode,
    options: &CompileOptions,
) -> Result<Arc<CodeObject>, CompileError> {
    let src = positions::SourceFile::new(source);
    let parsed = errors::parse(&src, mode)?;
    let mut opts = options.clone();
    let (mut body, mut expr) = parsed;
    if mode != Mode::Eval && errors::check_future(&src, &body)? {
        opts.future_annotations = true;
    }
    let folder = fold::Folder::new(opts.optimize, &src, opts.future_annotations);
    for s in body.iter_mut() {
        folder.stmt(s);
    }
    if let Some(e) = expr.as_mut() {
        folder.expr(e);
    }
    let folded = folder.consts.into_inner();
    let st = symtable::build(&src, &body, expr.as_ref(), opts.future_annotations)?;
    compile::compile_top(
        &src,
        &st,
        &folded,
        &body,
        expr.as_ref(),
        filename,
        mode,
        &opts,
    )
}

#[cfg(test)]
mod tests;

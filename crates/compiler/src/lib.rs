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
mod pyast;
mod strings;
mod symtable;
mod unparse;

use std::sync::Arc;

use krait_bytecode::CodeObject;

pub use pyast::from_py::AstError;
pub use pyast::{PyAst, PyNode};

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
    /// `RecursionError`: the source nests deeper than the compiler goes (no location).
    RecursionError,
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
    /// 1-based end column, or [`NO_END_COL`].
    pub end_col: u32,
    /// The source line(s) (`SyntaxError.text`).
    pub text: Option<String>,
}

/// `CompileError::end_col` of an error with no end (CPython's `-1`): the indentation errors
/// its tokenizer raises.
pub const NO_END_COL: u32 = u32::MAX;

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
    compile_with_warnings(source, filename, mode, options, &mut Vec::new())
}

/// [`compile`], also collecting the `SyntaxWarning`s CPython's compiler issues (`"is" with a
/// literal`), each located as the `SyntaxError` it becomes when warnings are errors.
pub fn compile_with_warnings(
    source: &str,
    filename: &str,
    mode: Mode,
    options: &CompileOptions,
    warnings: &mut Vec<CompileError>,
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
        warnings,
    )
}

/// Parse `source` into the tree `compile(..., PyCF_ONLY_AST)` returns: a `Module`,
/// `Expression` or `Interactive` node, as CPython 3.11's `ast` builds it.
/// With `type_comments` (`PyCF_TYPE_COMMENTS`) the `type_comment` fields and `type_ignores`
/// are filled from `# type:` comments.
pub fn parse_tree(source: &str, mode: Mode, type_comments: bool) -> Result<PyAst, CompileError> {
    let src = positions::SourceFile::new(source);
    let (body, expr) = errors::parse(&src, mode)?;
    // The conversion recurses once per nesting level as the symbol table does: its depth
    // guard stands for CPython's "during ast construction" one (its other errors are not
    // `ast.parse`'s to raise).
    if let Err(e) = symtable::build(&src, &body, expr.as_ref(), false)
        && e.kind == ErrorKind::RecursionError
    {
        return Err(CompileError {
            msg: "maximum recursion depth exceeded during ast construction".into(),
            ..e
        });
    }
    let mut conv = pyast::ToPy::new(&src);
    if type_comments && mode != Mode::Eval {
        let parsed = ruff_python_parser::parse_unchecked(
            source,
            ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module),
        );
        let comments: Vec<ruff_text_size::TextRange> = parsed
            .tokens()
            .iter()
            .filter(|t| t.kind() == ruff_python_ast::token::TokenKind::Comment)
            .map(ruff_text_size::Ranged::range)
            .collect();
        conv = conv.with_type_comments(&comments);
    }
    Ok(match (mode, expr.as_ref()) {
        (Mode::Eval, Some(e)) => conv.expression(e),
        (Mode::Single, _) => conv.interactive(&body),
        _ => conv.module(&body),
    })
}

/// Why `compile()` of an AST object failed.
#[derive(Clone, Debug)]
pub enum TreeError {
    /// The tree is malformed (`TypeError`/`ValueError`).
    Ast(AstError),
    /// The compiler rejected it (`SyntaxError`).
    Compile(CompileError),
}

/// Compile a tree read from `ast` objects; `mode` is `compile()`'s (`exec`, `eval`, `single`).
pub fn compile_tree(
    tree: &PyAst,
    filename: &str,
    mode: Mode,
    options: &CompileOptions,
) -> Result<Arc<CodeObject>, TreeError> {
    let conv = pyast::from_py::FromPy::new(tree);
    let mode_name = match mode {
        Mode::Exec => "exec",
        Mode::Eval => "eval",
        Mode::Single => "single",
    };
    let (mut body, mut expr) = conv.module(tree, mode_name).map_err(TreeError::Ast)?;
    let src = positions::SourceFile::synthetic(conv.line_starts());
    let mut opts = options.clone();
    if mode != Mode::Eval && errors::check_future(&src, &body).map_err(TreeError::Compile)? {
        opts.future_annotations = true;
    }
    let folder = fold::Folder::new(opts.optimize, &src, opts.future_annotations);
    *folder.consts.borrow_mut() = conv.consts.into_inner();
    for s in body.iter_mut() {
        folder.stmt(s);
    }
    if let Some(e) = expr.as_mut() {
        folder.expr(e);
    }
    let folded = folder.consts.into_inner();
    let st = symtable::build(&src, &body, expr.as_ref(), opts.future_annotations)
        .map_err(TreeError::Compile)?;
    compile::compile_top(
        &src,
        &st,
        &folded,
        &body,
        expr.as_ref(),
        filename,
        mode,
        &opts,
        &mut Vec::new(),
    )
    .map_err(TreeError::Compile)
}

/// One block of the symbol table as `_symtable` shows it.
#[derive(Clone, Debug)]
pub struct SymtableEntry {
    /// `TYPE_FUNCTION` (0), `TYPE_CLASS` (1) or `TYPE_MODULE` (2).
    pub kind: i64,
    /// `top`, the function or class name, `lambda`, `listcomp`, ...
    pub name: String,
    /// The line the block starts on (0 for the module).
    pub lineno: u32,
    /// Whether it is nested in a function.
    pub nested: bool,
    /// Names in first-use order, with their flags and resolution (`<< SCOPE_OFF`).
    pub symbols: Vec<(String, i64)>,
    /// Parameters in order.
    pub varnames: Vec<String>,
    /// Indexes of the nested blocks.
    pub children: Vec<usize>,
}

/// The symbol table of `source` (for `_symtable.symtable`): entry 0 is the module.
pub fn symtable(source: &str, mode: Mode) -> Result<Vec<SymtableEntry>, CompileError> {
    let src = positions::SourceFile::new(source);
    let (body, expr) = errors::parse(&src, mode)?;
    let future = mode != Mode::Eval && errors::check_future(&src, &body)?;
    let st = symtable::build(&src, &body, expr.as_ref(), future)?;
    Ok(st
        .scopes
        .iter()
        .map(|s| {
            let mut syms: Vec<(&String, &symtable::Symbol)> = s.symbols.iter().collect();
            syms.sort_by_key(|(_, sym)| sym.seq);
            SymtableEntry {
                kind: match s.kind {
                    symtable::ScopeKind::Module => 2,
                    symtable::ScopeKind::Class => 1,
                    _ => 0,
                },
                name: s.name.clone(),
                lineno: s.lineno,
                nested: s.nested,
                symbols: syms
                    .into_iter()
                    .map(|(n, sym)| {
                        let scope = match sym.scope {
                            symtable::Resolution::Unknown => 0,
                            symtable::Resolution::Local => 1,
                            symtable::Resolution::GlobalExplicit => 2,
                            symtable::Resolution::GlobalImplicit => 3,
                            symtable::Resolution::Free => 4,
                            symtable::Resolution::Cell => 5,
                        };
                        (n.clone(), i64::from(sym.flags) | (scope << 11))
                    })
                    .collect(),
                varnames: s.varnames.clone(),
                children: s.children.clone(),
            }
        })
        .collect())
}

/// Parse a `func_type` signature, `(argtypes) -> returns`, into a `FunctionType` node. The
/// arrow (at bracket depth 0, outside strings) is read as `or`, which keeps every offset, and
/// the parsed `args or returns` is taken apart again.
pub fn parse_func_type(source: &str) -> Result<PyAst, CompileError> {
    let bytes = source.as_bytes();
    let (mut depth, mut quote, mut i, mut arrow) = (0i32, 0u8, 0usize, None);
    while i < bytes.len() {
        let c = bytes[i];
        if quote != 0 {
            if c == b'\\' {
                i += 1;
            } else if c == quote {
                quote = 0;
            }
        } else {
            match c {
                b'\'' | b'"' => quote = c,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth -= 1,
                b'-' if depth == 0 && bytes.get(i + 1) == Some(&b'>') => {
                    arrow = Some(i);
                    break;
                }
                _ => {}
            }
        }
        i += 1;
    }
    let text = match arrow {
        Some(a) => format!("{}or{}", &source[..a], &source[a + 2..]),
        None => source.to_string(),
    };
    let src = positions::SourceFile::new(&text);
    let (_, expr) = errors::parse(&src, Mode::Eval)?;
    let conv = pyast::ToPy::new(&src);
    let bad = || {
        let e = positions::SourceFile::new(source);
        e.error_at(
            ErrorKind::SyntaxError,
            "invalid syntax",
            ruff_text_size::TextRange::default(),
        )
    };
    let Some(ruff_python_ast::Expr::BoolOp(b)) = expr.filter(|_| arrow.is_some()) else {
        return Err(bad());
    };
    let (Some(first), Some(second)) = (b.values.first(), b.values.get(1)) else {
        return Err(bad());
    };
    let args: Vec<ruff_python_ast::Expr> = match first {
        ruff_python_ast::Expr::Tuple(t) if t.parenthesized => t
            .elts
            .iter()
            .map(|e| match e {
                ruff_python_ast::Expr::Starred(s) => (*s.value).clone(),
                e => e.clone(),
            })
            .collect(),
        e => vec![e.clone()],
    };
    let returns = if b.values.len() == 2 {
        second.clone()
    } else {
        let start = ruff_text_size::Ranged::range(second).start();
        let rest: Vec<ruff_python_ast::Expr> = b.values[1..].to_vec();
        ruff_python_ast::Expr::BoolOp(ruff_python_ast::ExprBoolOp {
            node_index: Default::default(),
            range: ruff_text_size::TextRange::new(start, b.range.end()),
            op: ruff_python_ast::BoolOp::Or,
            values: rest,
        })
    };
    Ok(conv.function_type(&args, &returns))
}

#[cfg(test)]
mod tests;

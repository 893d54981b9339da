//! The code generator: walks the AST with the symbol table and emits instructions into basic
//! blocks, one [`Unit`] per code object being built (CPython 3.11's `Python/compile.c`).
//! `assemble` turns a finished unit into a `CodeObject`.

mod assemble;
mod call;
mod expr;
mod flow;
mod function;
mod pattern;
mod stmt;

use std::sync::Arc;

use krait_bytecode::{CodeObject, Constant, Opcode, Position};
use ruff_text_size::{Ranged, TextRange};

use crate::positions::SourceFile;
use crate::symtable::{Resolution, SymbolTable, mangle};
use crate::{CompileError, CompileOptions, ErrorKind, Mode};

pub(crate) type BlockId = usize;
pub(crate) type CResult<T = ()> = Result<T, CompileError>;

/// An instruction operation: a real opcode or one of the pseudo-instructions that only exist
/// until assembly (CPython's `JUMP`, `SETUP_*`, `POP_BLOCK`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Real(Opcode),
    /// Unconditional jump; becomes `JUMP_FORWARD` or `JUMP_BACKWARD`.
    Jump,
    /// Becomes `JUMP_FORWARD` or `JUMP_BACKWARD_NO_INTERRUPT`.
    JumpNoInterrupt,
    /// Push an exception handler (target gets the exception).
    SetupFinally,
    /// Push a handler that also gets the raising instruction's offset.
    SetupCleanup,
    /// `with` handler: like `SetupCleanup` after `BEFORE_WITH`.
    SetupWith,
    /// Pop the innermost handler.
    PopBlock,
}

/// An operand before assembly.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Arg {
    N(u32),
    /// Index into the unit's cell variables; fixed up to a local slot at assembly.
    Cell(u32),
    /// Index into the unit's free variables; fixed up at assembly.
    Free(u32),
}

#[derive(Clone, Debug)]
pub(crate) struct Instr {
    pub(crate) op: Op,
    pub(crate) arg: Arg,
    pub(crate) target: Option<BlockId>,
    pub(crate) pos: Position,
    /// The handler block covering this instruction (set during assembly).
    pub(crate) except: Option<BlockId>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Block {
    pub(crate) instrs: Vec<Instr>,
    pub(crate) next: Option<BlockId>,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
}

/// What kind of construct encloses the code being emitted, for `break`/`continue`/`return`
/// unwinding (CPython's `fblockinfo`).
#[derive(Clone, Debug)]
pub(crate) enum FBlock<'a> {
    WhileLoop { start: BlockId, exit: BlockId },
    ForLoop { start: BlockId, exit: BlockId },
    TryExcept,
    FinallyTry { body: &'a [ruff_python_ast::Stmt] },
    FinallyEnd,
    With { range: TextRange },
    AsyncWith { range: TextRange },
    HandlerCleanup { name: Option<String> },
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
}

pub(crate) struct Unit<'a> {
    pub(crate) scope: usize,
    pub(crate) kind: UnitKind,
    pub(crate) name: String,
    pub(crate) qualname: String,
    pub(crate) blocks: Vec<Block>,
    pub(crate) cur: BlockId,
    pub(crate) consts: Vec<Constant>,
    pub(crate) names: Vec<String>,
    pub(crate) varnames: Vec<String>,
    pub(crate) cellvars: Vec<String>,
    pub(crate) freevars: Vec<String>,
    pub(crate) argcount: u32,
    pub(crate) posonly: u32,
    pub(crate) kwonly: u32,
    pub(crate) first_line: u32,
    pub(crate) loc: Position,
    pub(crate) fblocks: Vec<FBlock<'a>>,
    pub(crate) private: Option<String>,
    pub(crate) docstring: Option<String>,
    /// `VARARGS`/`VARKEYWORDS` bits from the parameter list.
    pub(crate) extra_flags: u32,
    /// The empty block opened right after the last `RETURN_VALUE`, if nothing followed it.
    pub(crate) after_return: Option<BlockId>,
    /// Whether falling off the end returns None (false for generator lambdas, which return
    /// the value left on the stack, as CPython's `assemble(c, 0)`).
    pub(crate) add_none: bool,
}

pub(crate) struct Compiler<'a> {
    pub(crate) src: &'a SourceFile<'a>,
    /// Constants produced by the folding pass (see `fold.rs`).
    pub(crate) folded: &'a [Constant],
    pub(crate) st: &'a SymbolTable,
    pub(crate) filename: String,
    pub(crate) opts: CompileOptions,
    pub(crate) units: Vec<Unit<'a>>,
    pub(crate) future_annotations: bool,
    /// Nesting of `Mode::Single` top-level statements (expression statements print).
    pub(crate) interactive: bool,
    /// The call parentheses of a generator that is a call's only argument (node address).
    pub(crate) genexp_parens: Option<(usize, TextRange)>,
    /// `SyntaxWarning`s found while generating code (CPython's `compiler_warn`), each with
    /// the location an error for it would have.
    pub(crate) warnings: Vec<CompileError>,
}

const NO_POS: Position = Position {
    line: 0,
    end_line: 0,
    col: 0,
    end_col: 0,
};

impl<'a> Compiler<'a> {
    pub(crate) fn new(
        src: &'a SourceFile<'a>,
        st: &'a SymbolTable,
        folded: &'a [Constant],
        filename: &str,
        opts: CompileOptions,
    ) -> Compiler<'a> {
        Compiler {
            src,
            folded,
            st,
            filename: filename.to_string(),
            future_annotations: opts.future_annotations,
            opts,
            units: Vec::new(),
            interactive: false,
            genexp_parens: None,
            warnings: Vec::new(),
        }
    }

    pub(crate) fn u(&mut self) -> &mut Unit<'a> {
        let n = self.units.len() - 1;
        &mut self.units[n]
    }

    pub(crate) fn uref(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    pub(crate) fn error(&self, msg: impl Into<String>, node: &impl Ranged) -> CompileError {
        self.src.error_at(ErrorKind::SyntaxError, msg, node.range())
    }

    /// An error at the location of the code being generated (CPython's `compiler_error`).
    pub(crate) fn error_here(&self, msg: impl Into<String>) -> CompileError {
        let p = self.uref().loc;
        CompileError {
            kind: ErrorKind::SyntaxError,
            msg: msg.into(),
            line: p.line,
            col: p.col + 1,
            end_line: p.end_line,
            end_col: p.end_col + 1,
            text: self.src.line_text(p.line),
        }
    }

    /// A `SyntaxWarning` at the location of the code being generated (`compiler_warn`).
    pub(crate) fn warn_here(&mut self, msg: impl Into<String>) {
        let w = self.error_here(msg);
        self.warnings.push(w);
    }

    pub(crate) fn error_range(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        self.src.error_at(ErrorKind::SyntaxError, msg, range)
    }

    // ---- units ----

    pub(crate) fn enter_scope(
        &mut self,
        name: &str,
        kind: UnitKind,
        scope: usize,
        first_line: u32,
    ) {
        let sc = &self.st.scopes[scope];
        let varnames = sc.varnames.clone();
        let mut cellvars = sc.sorted_names(Resolution::Cell, 0);
        if sc.needs_class_closure {
            cellvars.insert(0, "__class__".to_string());
        }
        let freevars = sc.sorted_names(Resolution::Free, crate::symtable::DEF_FREE_CLASS);
        let private = if kind == UnitKind::Class {
            Some(name.to_string())
        } else {
            self.units.last().and_then(|u| u.private.clone())
        };
        let qualname = self.qualname_for(name, kind);
        let unit = Unit {
            scope,
            kind,
            name: name.to_string(),
            qualname,
            blocks: vec![Block::default()],
            cur: 0,
            consts: Vec::new(),
            names: Vec::new(),
            varnames,
            cellvars,
            freevars,
            argcount: 0,
            posonly: 0,
            kwonly: 0,
            first_line,
            loc: Position {
                line: first_line,
                end_line: first_line,
                col: 0,
                end_col: 0,
            },
            fblocks: Vec::new(),
            private,
            docstring: None,
            extra_flags: 0,
            after_return: None,
            add_none: true,
        };
        self.units.push(unit);
        if kind == UnitKind::Module {
            self.u().loc = Position {
                line: 0,
                end_line: 1,
                col: 0,
                end_col: 0,
            };
        }
        self.emit(Opcode::RESUME, 0);
        if kind == UnitKind::Module {
            self.u().loc = NO_POS;
        }
    }

    /// CPython's `compiler_set_qualname`.
    fn qualname_for(&self, name: &str, kind: UnitKind) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        if parent.kind == UnitKind::Module {
            return name.to_string();
        }
        let mut force_global = false;
        if matches!(
            kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
        ) {
            let mangled = mangle(parent.private.as_deref(), name);
            let res = self.st.scopes[parent.scope].resolve(&mangled);
            if res == Resolution::GlobalExplicit {
                force_global = true;
            }
        }
        if force_global {
            return name.to_string();
        }
        match parent.kind {
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda => {
                format!("{}.<locals>.{}", parent.qualname, name)
            }
            _ => format!("{}.{}", parent.qualname, name),
        }
    }

    pub(crate) fn exit_scope(&mut self) -> CResult<Arc<CodeObject>> {
        let unit = self
            .units
            .pop()
            .ok_or_else(|| self.error_range("internal compiler error", TextRange::default()))?;
        let flags = self.code_flags(&unit);
        Ok(Arc::new(assemble::assemble(
            unit,
            flags,
            &self.filename,
            self.st,
        )))
    }

    fn code_flags(&self, u: &Unit<'_>) -> u32 {
        use krait_bytecode::CodeFlags as F;
        let sc = &self.st.scopes[u.scope];
        let mut flags = 0;
        if sc.is_function_like() {
            flags |= F::OPTIMIZED | F::NEWLOCALS;
            if sc.nested {
                flags |= F::NESTED;
            }
            if sc.is_generator && sc.is_coroutine {
                flags |= F::ASYNC_GENERATOR;
            } else if sc.is_generator {
                flags |= F::GENERATOR;
            } else if sc.is_coroutine {
                flags |= F::COROUTINE;
            }
        }
        flags |= u.extra_flags;
        if self.future_annotations {
            // CO_FUTURE_ANNOTATIONS, which CPython copies into every code object's flags.
            flags |= 0x0100_0000;
        }
        flags
    }

    // ---- emission ----

    pub(crate) fn new_block(&mut self) -> BlockId {
        let u = self.u();
        u.blocks.push(Block::default());
        u.blocks.len() - 1
    }

    /// Continue emitting into `b`, which follows the current block in layout order.
    pub(crate) fn use_block(&mut self, b: BlockId) {
        let u = self.u();
        let cur = u.cur;
        if cur != b {
            u.blocks[cur].next = Some(b);
        }
        u.cur = b;
    }

    fn push_instr(&mut self, op: Op, arg: Arg, target: Option<BlockId>) {
        let u = self.u();
        let pos = u.loc;
        let cur = u.cur;
        u.blocks[cur].instrs.push(Instr {
            op,
            arg,
            target,
            pos,
            except: None,
        });
        let terminal = match op {
            Op::Real(o) => is_terminal(o) || o.arg_kind() == krait_bytecode::ArgKind::Jump,
            Op::Jump | Op::JumpNoInterrupt => true,
            _ => false,
        };
        if terminal {
            let nb = self.new_block();
            self.use_block(nb);
            self.u().after_return = (op == Op::Real(Opcode::RETURN_VALUE)).then_some(nb);
        }
    }

    pub(crate) fn emit(&mut self, op: Opcode, arg: u32) {
        self.push_instr(Op::Real(op), Arg::N(arg), None);
    }

    pub(crate) fn emit0(&mut self, op: Opcode) {
        self.emit(op, 0);
    }

    pub(crate) fn emit_arg(&mut self, op: Opcode, arg: Arg) {
        self.push_instr(Op::Real(op), arg, None);
    }

    pub(crate) fn jump(&mut self, op: Opcode, target: BlockId) {
        self.push_instr(Op::Real(op), Arg::N(0), Some(target));
    }

    pub(crate) fn pseudo(&mut self, op: Op, target: Option<BlockId>) {
        self.push_instr(op, Arg::N(0), target);
    }

    /// An unconditional jump without a location (CPython's `ADDOP_JUMP_NOLINE`).
    pub(crate) fn jump_noline(&mut self, target: BlockId) {
        let saved = self.u().loc;
        self.u().loc = NO_POS;
        self.pseudo(Op::Jump, Some(target));
        self.u().loc = saved;
    }

    pub(crate) fn set_loc(&mut self, range: TextRange) {
        let pos = self.src.position(range);
        self.u().loc = pos;
    }

    pub(crate) fn unset_loc(&mut self) {
        self.u().loc = NO_POS;
    }

    pub(crate) fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.u();
        if let Some(i) = u.consts.iter().position(|x| const_key_eq(x, &c)) {
            return i as u32;
        }
        u.consts.push(c);
        (u.consts.len() - 1) as u32
    }

    pub(crate) fn load_const(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Opcode::LOAD_CONST, i);
    }

    pub(crate) fn add_name(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.names.iter().position(|x| x == name) {
            return i as u32;
        }
        u.names.push(name.to_string());
        (u.names.len() - 1) as u32
    }

    pub(crate) fn mangle(&self, name: &str) -> String {
        mangle(self.uref().private.as_deref(), name)
    }

    pub(crate) fn emit_name(&mut self, op: Opcode, name: &str) {
        let m = self.mangle(name);
        let i = self.add_name(&m);
        self.emit(op, i);
    }

    pub(crate) fn varname_index(&mut self, name: &str) -> u32 {
        let u = self.u();
        if let Some(i) = u.varnames.iter().position(|x| x == name) {
            return i as u32;
        }
        u.varnames.push(name.to_string());
        (u.varnames.len() - 1) as u32
    }

    pub(crate) fn in_function_block(&self) -> bool {
        self.st.scopes[self.uref().scope].is_function_like()
    }
}

/// Constant identity as CPython's `_PyCode_ConstantKey` sees it: like `Constant::same_as`, and
/// code objects compiled twice from the same source (a `finally` body) are one constant.
fn const_key_eq(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Code(x), Constant::Code(y)) => {
            std::sync::Arc::ptr_eq(x, y)
                || (x.qualname == y.qualname
                    && x.same_but_constants(y)
                    && x.constants
                        .iter()
                        .zip(&y.constants)
                        .all(|(p, q)| const_key_eq(p, q)))
        }
        _ => a.same_as(b),
    }
}

pub(crate) fn is_terminal(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::RETURN_VALUE
            | Opcode::RAISE_VARARGS
            | Opcode::RERAISE
            | Opcode::JUMP_FORWARD
            | Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
    )
}

/// Compile a whole parsed module, expression or interactive statement.
pub(crate) fn compile_top<'a>(
    src: &'a SourceFile<'a>,
    st: &'a SymbolTable,
    folded: &'a [Constant],
    body: &'a [ruff_python_ast::Stmt],
    expr: Option<&'a ruff_python_ast::Expr>,
    filename: &str,
    mode: Mode,
    opts: &CompileOptions,
    warnings: &mut Vec<CompileError>,
) -> CResult<Arc<CodeObject>> {
    let mut c = Compiler::new(src, st, folded, filename, opts.clone());
    c.enter_scope("<module>", UnitKind::Module, 0, 1);
    match (mode, expr) {
        (Mode::Eval, Some(e)) => {
            c.expr(e)?;
            c.emit0(Opcode::RETURN_VALUE);
        }
        (Mode::Single, _) => {
            c.interactive = true;
            if body
                .iter()
                .any(|s| matches!(s, ruff_python_ast::Stmt::AnnAssign(_)))
            {
                c.emit0(Opcode::SETUP_ANNOTATIONS);
            }
            for s in body {
                c.stmt(s)?;
            }
        }
        _ => c.module_body(body)?,
    }
    let code = c.exit_scope();
    warnings.append(&mut c.warnings);
    code
}

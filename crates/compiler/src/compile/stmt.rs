//! Statements (CPython 3.11 `compiler_visit_stmt` and the simple statement helpers).

use krait_bytecode::{BinaryOp, Constant, Opcode};
use ruff_python_ast::{self as ast, Expr, ExprContext, Operator, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{CResult, Compiler, FBlock, Op, UnitKind};
use crate::symtable::{Resolution, ScopeKind};

pub(crate) fn binary_op(op: Operator, inplace: bool) -> u32 {
    let b = match op {
        Operator::Add => BinaryOp::Add,
        Operator::Sub => BinaryOp::Subtract,
        Operator::Mult => BinaryOp::Multiply,
        Operator::MatMult => BinaryOp::MatrixMultiply,
        Operator::Div => BinaryOp::TrueDivide,
        Operator::Mod => BinaryOp::Remainder,
        Operator::Pow => BinaryOp::Power,
        Operator::LShift => BinaryOp::Lshift,
        Operator::RShift => BinaryOp::Rshift,
        Operator::BitOr => BinaryOp::Or,
        Operator::BitXor => BinaryOp::Xor,
        Operator::BitAnd => BinaryOp::And,
        Operator::FloorDiv => BinaryOp::FloorDivide,
    };
    b as u32 + if inplace { 13 } else { 0 }
}

/// Whether a body contains an annotated assignment (outside nested functions and classes).
pub(crate) fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        Stmt::If(i) => find_ann(&i.body) || i.elif_else_clauses.iter().any(|c| find_ann(&c.body)),
        Stmt::With(w) => find_ann(&w.body),
        Stmt::Try(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    find_ann(&h.body)
                })
        }
        Stmt::Match(m) => m.cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    pub(crate) fn body(&mut self, stmts: &'a [Stmt]) -> CResult {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    /// The docstring of a body, if its first statement is a string literal.
    pub(crate) fn docstring_of(&self, body: &[Stmt]) -> Option<Vec<u32>> {
        if let Some(Stmt::Expr(e)) = body.first()
            && let Expr::StringLiteral(s) = &*e.value
        {
            return Some(crate::strings::string_value(self.src, &s.value));
        }
        None
    }

    /// Module and class bodies: annotations dict, `__doc__`, then the statements.
    pub(crate) fn module_body(&mut self, body: &'a [Stmt]) -> CResult {
        if self.uref().kind == UnitKind::Module
            && let Some(first) = body.first()
        {
            self.set_loc(first.range());
        }
        if find_ann(body) {
            self.emit0(Opcode::SETUP_ANNOTATIONS);
        }
        let mut start = 0;
        if self.opts.optimize < 2
            && let Some(doc) = self.docstring_of(body)
            && let Some(Stmt::Expr(e)) = body.first()
        {
            start = 1;
            self.set_loc(e.value.range());
            self.load_const(Constant::Str(doc.into()));
            self.store_name("__doc__", e.value.range())?;
        }
        for s in &body[start..] {
            self.stmt(s)?;
        }
        Ok(())
    }

    /// A statement's range as CPython records it: decorated definitions start at `def`/`class`.
    /// A statement's range as CPython records it: decorated definitions start at `def`/`class`,
    /// and compound statements end where their last nested statement ends.
    pub(crate) fn stmt_range(&self, s: &Stmt) -> TextRange {
        let start = self.stmt_start(s);
        let last_child: Option<&Stmt> = match s {
            Stmt::FunctionDef(f) => f.body.last(),
            Stmt::ClassDef(c) => c.body.last(),
            Stmt::For(f) => f.orelse.last().or(f.body.last()),
            Stmt::While(w) => w.orelse.last().or(w.body.last()),
            Stmt::If(i) => i
                .elif_else_clauses
                .last()
                .and_then(|c| c.body.last())
                .or(i.body.last()),
            Stmt::With(w) => w.body.last(),
            Stmt::Try(t) => t
                .finalbody
                .last()
                .or(t.orelse.last())
                .or(t.handlers.last().and_then(|h| {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    h.body.last()
                }))
                .or(t.body.last()),
            Stmt::Match(m) => m.cases.last().and_then(|c| c.body.last()),
            _ => None,
        };
        let end = last_child.map_or(s.range().end(), |c| self.stmt_range(c).end());
        TextRange::new(start, end.max(start))
    }

    fn stmt_start(&self, s: &Stmt) -> ruff_text_size::TextSize {
        let decos = match s {
            Stmt::FunctionDef(f) => &f.decorator_list,
            Stmt::ClassDef(c) => &c.decorator_list,
            _ => return s.range().start(),
        };
        let Some(last) = decos.last() else {
            return s.range().start();
        };
        let from = last.range.end().to_usize();
        let text = self
            .src
            .text
            .get(from..s.range().end().to_usize())
            .unwrap_or("");
        let mut off = 0;
        for line in text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if trimmed.starts_with("def")
                || trimmed.starts_with("async")
                || trimmed.starts_with("class")
            {
                return ruff_text_size::TextSize::from((from + off + indent) as u32);
            }
            off += line.len();
        }
        s.range().start()
    }

    pub(crate) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        let range = self.stmt_range(s);
        self.set_loc(range);
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => self.return_stmt(r),
            Stmt::Delete(d) => d.targets.iter().try_for_each(|t| self.expr(t)),
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Opcode::COPY, 1);
                    }
                    self.expr(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => self.ann_assign(a),
            Stmt::For(f) => {
                if f.is_async {
                    self.async_for(f)
                } else {
                    self.for_stmt(f)
                }
            }
            Stmt::While(w) => self.while_stmt(w),
            Stmt::If(i) => self.if_stmt(&i.test, &i.body, &i.elif_else_clauses),
            Stmt::With(w) => {
                if w.is_async {
                    self.async_with(w, 0)
                } else {
                    self.with_stmt(w, 0)
                }
            }
            Stmt::Match(m) => self.match_stmt(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n += 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n += 1;
                    }
                }
                self.emit(Opcode::RAISE_VARARGS, n);
                Ok(())
            }
            Stmt::Try(t) => {
                if t.is_star {
                    if t.finalbody.is_empty() {
                        self.try_star_except(t)
                    } else {
                        self.try_finally(t)
                    }
                } else if !t.finalbody.is_empty() {
                    self.try_finally(t)
                } else {
                    self.try_except(t)
                }
            }
            Stmt::Assert(a) => self.assert_stmt(a),
            Stmt::Import(i) => self.import(i),
            Stmt::ImportFrom(i) => self.import_from(i),
            Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(()),
            Stmt::Expr(e) => self.expr_stmt(&e.value),
            Stmt::Pass(_) => {
                self.emit0(Opcode::NOP);
                Ok(())
            }
            Stmt::Break(b) => self.break_stmt(b.range),
            Stmt::Continue(c) => self.continue_stmt(c.range),
            Stmt::TypeAlias(t) => Err(self.error("invalid syntax", t)),
            Stmt::IpyEscapeCommand(c) => Err(self.error("invalid syntax", c)),
        }
    }

    fn expr_stmt(&mut self, value: &'a Expr) -> CResult {
        if self.interactive && self.units.len() <= 1 {
            self.expr(value)?;
            self.emit0(Opcode::PRINT_EXPR);
            return Ok(());
        }
        if self.const_of(value).is_some() {
            self.emit0(Opcode::NOP);
            return Ok(());
        }
        self.expr(value)?;
        self.unset_loc();
        self.emit0(Opcode::POP_TOP);
        Ok(())
    }

    // ---- names ----

    /// CPython's `compiler_nameop`.
    pub(crate) fn name_op(&mut self, name: &str, ctx: ExprContext, range: TextRange) -> CResult {
        if name == "__debug__" {
            match ctx {
                ExprContext::Store => {
                    return Err(self.error_range("cannot assign to __debug__", range));
                }
                ExprContext::Del => return Err(self.error_range("cannot delete __debug__", range)),
                _ => {}
            }
        }
        let mangled = self.mangle(name);
        let scope = &self.st.scopes[self.uref().scope];
        let res = scope.resolve(&mangled);
        let function_like = scope.is_function_like();
        let is_class = scope.kind == ScopeKind::Class;
        enum Kind {
            Deref,
            Fast,
            Global,
            Name,
        }
        let kind = match res {
            Resolution::Free | Resolution::Cell => Kind::Deref,
            Resolution::Local if function_like => Kind::Fast,
            Resolution::GlobalImplicit if function_like => Kind::Global,
            Resolution::GlobalExplicit => Kind::Global,
            _ => Kind::Name,
        };
        match kind {
            Kind::Deref => {
                let arg = if res == Resolution::Cell {
                    let i = self
                        .uref()
                        .cellvars
                        .iter()
                        .position(|c| *c == mangled)
                        .unwrap_or(0);
                    super::Arg::Cell(i as u32)
                } else {
                    let i = self
                        .uref()
                        .freevars
                        .iter()
                        .position(|c| *c == mangled)
                        .unwrap_or(0);
                    super::Arg::Free(i as u32)
                };
                let op = match ctx {
                    ExprContext::Load | ExprContext::Invalid => {
                        if is_class {
                            Opcode::LOAD_CLASSDEREF
                        } else {
                            Opcode::LOAD_DEREF
                        }
                    }
                    ExprContext::Store => Opcode::STORE_DEREF,
                    ExprContext::Del => Opcode::DELETE_DEREF,
                };
                self.emit_arg(op, arg);
            }
            Kind::Fast => {
                let i = self.varname_index(&mangled);
                let op = match ctx {
                    ExprContext::Store => Opcode::STORE_FAST,
                    ExprContext::Del => Opcode::DELETE_FAST,
                    _ => Opcode::LOAD_FAST,
                };
                self.emit(op, i);
            }
            Kind::Global => {
                let i = self.add_name(&mangled);
                match ctx {
                    ExprContext::Store => self.emit(Opcode::STORE_GLOBAL, i),
                    ExprContext::Del => self.emit(Opcode::DELETE_GLOBAL, i),
                    _ => self.emit(Opcode::LOAD_GLOBAL, i << 1),
                }
            }
            Kind::Name => {
                let i = self.add_name(&mangled);
                let op = match ctx {
                    ExprContext::Store => Opcode::STORE_NAME,
                    ExprContext::Del => Opcode::DELETE_NAME,
                    _ => Opcode::LOAD_NAME,
                };
                self.emit(op, i);
            }
        }
        Ok(())
    }

    pub(crate) fn store_name(&mut self, name: &str, range: TextRange) -> CResult {
        self.name_op(name, ExprContext::Store, range)
    }

    pub(crate) fn load_name(&mut self, name: &str, range: TextRange) -> CResult {
        self.name_op(name, ExprContext::Load, range)
    }

    // ---- assignments ----

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> CResult {
        let target = &*a.target;
        let saved = self.uref().loc;
        self.set_loc(target.range());
        match target {
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Opcode::COPY, 1);
                self.attr_loc(at);
                self.emit_name(Opcode::LOAD_ATTR, &at.attr);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Opcode::COPY, 2);
                self.emit(Opcode::COPY, 2);
                self.emit0(Opcode::BINARY_SUBSCR);
            }
            Expr::Name(n) => self.load_name(&n.id, n.range)?,
            other => {
                return Err(self.error(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        describe(other)
                    ),
                    other,
                ));
            }
        }
        self.u().loc = saved;
        self.expr(&a.value)?;
        self.emit(Opcode::BINARY_OP, binary_op(a.op, true));
        self.set_loc(target.range());
        match target {
            Expr::Attribute(at) => {
                self.attr_loc(at);
                self.emit(Opcode::SWAP, 2);
                self.emit_name(Opcode::STORE_ATTR, &at.attr);
            }
            Expr::Subscript(_) => {
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::SWAP, 2);
                self.emit0(Opcode::STORE_SUBSCR);
            }
            Expr::Name(n) => self.store_name(&n.id, n.range)?,
            _ => {}
        }
        Ok(())
    }

    fn ann_assign(&mut self, a: &'a ast::StmtAnnAssign) -> CResult {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.expr(&a.target)?;
        }
        let module_or_class = matches!(self.uref().kind, UnitKind::Module | UnitKind::Class);
        match &*a.target {
            Expr::Name(n) => {
                if n.id.as_str() == "__debug__" {
                    return Err(self.error("cannot assign to __debug__", n));
                }
                if a.simple && module_or_class {
                    self.annotation(&a.annotation)?;
                    let i = self.add_name("__annotations__");
                    self.emit(Opcode::LOAD_NAME, i);
                    let m = self.mangle(&n.id);
                    self.load_const(Constant::str(&m));
                    self.emit0(Opcode::STORE_SUBSCR);
                }
            }
            Expr::Attribute(at) => {
                if a.value.is_none() {
                    self.check_ann_expr(&at.value)?;
                }
            }
            Expr::Subscript(s) => {
                if a.value.is_none() {
                    self.check_ann_expr(&s.value)?;
                    match &*s.slice {
                        Expr::Slice(sl) => {
                            for p in [&sl.lower, &sl.upper, &sl.step].into_iter().flatten() {
                                self.check_ann_expr(p)?;
                            }
                        }
                        Expr::Tuple(t) => {
                            for e in &t.elts {
                                self.check_ann_expr(e)?;
                            }
                        }
                        other => self.check_ann_expr(other)?,
                    }
                }
            }
            other => return Err(self.error("illegal target for annotation", other)),
        }
        if !a.simple && !self.future_annotations && module_or_class {
            self.check_ann_expr(&a.annotation)?;
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &'a Expr) -> CResult {
        self.expr(e)?;
        self.emit0(Opcode::POP_TOP);
        Ok(())
    }

    /// An annotation value: evaluated, or its source text under `from __future__ import
    /// annotations`.
    pub(crate) fn annotation(&mut self, e: &'a Expr) -> CResult {
        if self.future_annotations {
            let unparser = crate::unparse::Unparser {
                src: self.src,
                folded: self.folded,
            };
            if let Some(text) = unparser.unparse(e) {
                self.load_const(Constant::str(&text));
                return Ok(());
            }
            let text = self
                .src
                .text
                .get(e.range().start().to_usize()..e.range().end().to_usize())
                .unwrap_or("");
            let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            self.load_const(Constant::str(&flat));
            Ok(())
        } else {
            self.expr(e)
        }
    }

    // ---- simple control flow ----

    fn return_stmt(&mut self, r: &'a ast::StmtReturn) -> CResult {
        let sc = &self.st.scopes[self.uref().scope];
        if !sc.is_function_like() {
            return Err(self.error("'return' outside function", r));
        }
        if r.value.is_some() && sc.is_coroutine && sc.is_generator {
            return Err(self.error("'return' with value in async generator", r));
        }
        let value_const = r.value.as_deref().and_then(|v| self.const_of(v));
        let preserve_tos = r.value.is_some() && value_const.is_none();
        if preserve_tos {
            if let Some(v) = &r.value {
                self.expr(v)?;
            }
        } else if let Some(v) = &r.value {
            self.set_loc(v.range());
            self.emit0(Opcode::NOP);
        }
        let stmt_line = self.src.line_col(r.range.start().to_u32()).0;
        let value_line = r
            .value
            .as_ref()
            .map(|v| self.src.line_col(v.range().start().to_u32()).0);
        if value_line != Some(stmt_line) {
            self.set_loc(r.range);
            self.emit0(Opcode::NOP);
        }
        self.unwind_fblock_stack(preserve_tos, false, r.range)?;
        match (&r.value, value_const) {
            (None, _) => self.load_const(Constant::None),
            (Some(_), Some(c)) => self.load_const(c),
            _ => {}
        }
        self.emit0(Opcode::RETURN_VALUE);
        Ok(())
    }

    fn break_stmt(&mut self, range: TextRange) -> CResult {
        self.emit0(Opcode::NOP);
        let Some(loop_idx) = self.unwind_fblock_stack(false, true, range)? else {
            return Err(self.error_range("'break' outside loop", range));
        };
        let fb = self.uref().fblocks[loop_idx].clone();
        self.unwind_fblock(&fb, false)?;
        let exit = match fb {
            FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. } => exit,
            _ => return Err(self.error_range("'break' outside loop", range)),
        };
        self.pseudo(Op::Jump, Some(exit));
        Ok(())
    }

    fn continue_stmt(&mut self, range: TextRange) -> CResult {
        self.emit0(Opcode::NOP);
        let Some(loop_idx) = self.unwind_fblock_stack(false, true, range)? else {
            return Err(self.error_range("'continue' not properly in loop", range));
        };
        let start = match self.uref().fblocks[loop_idx] {
            FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } => start,
            _ => return Err(self.error_range("'continue' not properly in loop", range)),
        };
        self.pseudo(Op::Jump, Some(start));
        Ok(())
    }

    fn assert_stmt(&mut self, a: &'a ast::StmtAssert) -> CResult {
        if self.opts.optimize > 0 {
            return Ok(());
        }
        let end = self.new_block();
        self.jump_if(&a.test, end, true)?;
        self.emit0(Opcode::LOAD_ASSERTION_ERROR);
        if let Some(m) = &a.msg {
            self.expr(m)?;
            self.emit(Opcode::CALL, 0);
        }
        self.emit(Opcode::RAISE_VARARGS, 1);
        self.use_block(end);
        Ok(())
    }

    // ---- imports ----

    fn import(&mut self, i: &'a ast::StmtImport) -> CResult {
        for alias in &i.names {
            self.set_loc(i.range);
            self.load_const(Constant::Int(0));
            self.load_const(Constant::None);
            self.emit_name(Opcode::IMPORT_NAME, &alias.name);
            let name = alias.name.as_str();
            if let Some(asname) = &alias.asname {
                if name.contains('.') {
                    let parts: Vec<&str> = name.split('.').collect();
                    for (k, attr) in parts[1..].iter().enumerate() {
                        let idx = self.add_name(attr);
                        self.emit(Opcode::IMPORT_FROM, idx);
                        if k + 2 < parts.len() {
                            self.emit(Opcode::SWAP, 2);
                            self.emit0(Opcode::POP_TOP);
                        }
                    }
                    self.store_name(asname, asname.range)?;
                    self.emit0(Opcode::POP_TOP);
                } else {
                    self.store_name(asname, asname.range)?;
                }
            } else {
                let first = name.split('.').next().unwrap_or(name);
                self.store_name(first, alias.range)?;
            }
        }
        Ok(())
    }

    fn import_from(&mut self, i: &'a ast::StmtImportFrom) -> CResult {
        self.load_const(Constant::Int(i64::from(i.level)));
        let names: Vec<Constant> = i
            .names
            .iter()
            .map(|a| Constant::str(a.name.as_str()))
            .collect();
        self.load_const(Constant::Tuple(names.into()));
        let module = i.module.as_ref().map_or("", |m| m.as_str());
        self.emit_name(Opcode::IMPORT_NAME, module);
        for (k, alias) in i.names.iter().enumerate() {
            if k == 0 && alias.name.as_str() == "*" {
                self.emit0(Opcode::IMPORT_STAR);
                return Ok(());
            }
            self.emit_name(Opcode::IMPORT_FROM, &alias.name);
            let store = alias.asname.as_ref().unwrap_or(&alias.name);
            self.store_name(store, alias.range)?;
        }
        self.emit0(Opcode::POP_TOP);
        Ok(())
    }
}

/// CPython's name for an expression kind in error messages.
pub(crate) fn describe(e: &Expr) -> &'static str {
    match e {
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Named(_) => "named expression",
        Expr::Lambda(_) => "lambda",
        Expr::If(_) => "conditional expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::Await(_) => "await expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Compare(_) => "comparison",
        Expr::Call(_) => "function call",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::NoneLiteral(_) => "None",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Slice(_) => "slice",
        Expr::IpyEscapeCommand(_) => "literal",
    }
}

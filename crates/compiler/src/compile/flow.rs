//! Control flow: conditional jumps, loops, `try`, `with`, and the unwinding that `break`,
//! `continue` and `return` do through enclosing blocks (CPython 3.11's `compiler_jump_if`,
//! `compiler_for`, `compiler_try_except`, `compiler_with`, `compiler_unwind_fblock`, ...).

use krait_bytecode::{Constant, Opcode};
use ruff_python_ast::{self as ast, BoolOp, Expr, ExprContext, Stmt, UnaryOp};
use ruff_text_size::{Ranged, TextRange};

use super::{BlockId, CResult, Compiler, FBlock, Op, UnitKind};

impl<'a> Compiler<'a> {
    /// Jump to `target` when `e` is true (`cond`) or false (`!cond`), falling through otherwise.
    pub(crate) fn jump_if(&mut self, e: &'a Expr, target: BlockId, cond: bool) -> CResult {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                return self.jump_if(&u.operand, target, !cond);
            }
            Expr::BoolOp(b) => {
                let cond2 = b.op == BoolOp::Or;
                let next2 = if cond2 != cond {
                    self.new_block()
                } else {
                    target
                };
                let n = b.values.len();
                for v in &b.values[..n - 1] {
                    self.jump_if(v, next2, cond2)?;
                }
                self.jump_if(&b.values[n - 1], target, cond)?;
                if next2 != target {
                    self.use_block(next2);
                }
                return Ok(());
            }
            Expr::If(i) => {
                let end = self.new_block();
                let next2 = self.new_block();
                self.jump_if(&i.test, next2, false)?;
                self.jump_if(&i.body, target, cond)?;
                self.jump_noline(end);
                self.use_block(next2);
                self.jump_if(&i.orelse, target, cond)?;
                self.use_block(end);
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() > 1 => {
                let saved = self.uref().loc;
                self.set_loc(c.range);
                self.check_compare(c);
                let cleanup = self.new_block();
                self.expr(&c.left)?;
                let n = c.ops.len() - 1;
                for i in 0..n {
                    self.expr(&c.comparators[i])?;
                    self.emit(Opcode::SWAP, 2);
                    self.emit(Opcode::COPY, 2);
                    self.compare_op(c.ops[i]);
                    self.jump(Opcode::POP_JUMP_IF_FALSE, cleanup);
                }
                self.expr(&c.comparators[n])?;
                self.compare_op(c.ops[n]);
                self.jump(
                    if cond {
                        Opcode::POP_JUMP_IF_TRUE
                    } else {
                        Opcode::POP_JUMP_IF_FALSE
                    },
                    target,
                );
                let end = self.new_block();
                self.jump_noline(end);
                self.use_block(cleanup);
                self.emit0(Opcode::POP_TOP);
                if !cond {
                    self.jump_noline(target);
                }
                self.use_block(end);
                // Like the single comparison below, the comparison's location stays current.
                let _ = saved;
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        // CPython leaves a comparison's location in place for the jump and what follows.
        if matches!(e, Expr::Compare(_)) {
            self.set_loc(e.range());
        }
        self.jump(
            if cond {
                Opcode::POP_JUMP_IF_TRUE
            } else {
                Opcode::POP_JUMP_IF_FALSE
            },
            target,
        );
        Ok(())
    }

    pub(crate) fn if_stmt(
        &mut self,
        test: &'a Expr,
        body: &'a [Stmt],
        clauses: &'a [ast::ElifElseClause],
    ) -> CResult {
        let end = self.new_block();
        let next = if clauses.is_empty() {
            end
        } else {
            self.new_block()
        };
        self.jump_if(test, next, false)?;
        self.body(body)?;
        if let Some((first, rest)) = clauses.split_first() {
            self.jump_noline(end);
            self.use_block(next);
            match &first.test {
                Some(t) => {
                    // The elif's If node spans the following elif/else clauses too.
                    let end_pos = rest.last().map_or(first.range.end(), |c| c.range.end());
                    self.set_loc(TextRange::new(first.range.start(), end_pos));
                    self.if_stmt(t, &first.body, rest)?;
                }
                None => self.body(&first.body)?,
            }
        }
        self.use_block(end);
        Ok(())
    }

    pub(crate) fn while_stmt(&mut self, w: &'a ast::StmtWhile) -> CResult {
        let lp = self.new_block();
        let body = self.new_block();
        let anchor = self.new_block();
        let end = self.new_block();
        self.use_block(lp);
        self.u().fblocks.push(FBlock::WhileLoop {
            start: lp,
            exit: end,
        });
        self.jump_if(&w.test, anchor, false)?;
        self.use_block(body);
        self.body(&w.body)?;
        self.set_loc(w.range);
        self.jump_if(&w.test, body, true)?;
        self.u().fblocks.pop();
        self.use_block(anchor);
        self.body(&w.orelse)?;
        self.use_block(end);
        Ok(())
    }

    pub(crate) fn for_stmt(&mut self, f: &'a ast::StmtFor) -> CResult {
        let start = self.new_block();
        let body = self.new_block();
        let cleanup = self.new_block();
        let end = self.new_block();
        self.u().fblocks.push(FBlock::ForLoop { start, exit: end });
        self.expr(&f.iter)?;
        self.emit0(Opcode::GET_ITER);
        self.use_block(start);
        self.jump(Opcode::FOR_ITER, cleanup);
        self.use_block(body);
        self.expr(&f.target)?;
        self.body(&f.body)?;
        self.unset_loc();
        self.pseudo(Op::Jump, Some(start));
        self.use_block(cleanup);
        self.u().fblocks.pop();
        self.body(&f.orelse)?;
        self.use_block(end);
        Ok(())
    }

    fn check_async(&mut self, what: &str, range: TextRange) -> CResult {
        if self.uref().kind != UnitKind::AsyncFunction {
            return Err(self.error_range(format!("'{what}' outside async function"), range));
        }
        Ok(())
    }

    pub(crate) fn async_for(&mut self, f: &'a ast::StmtFor) -> CResult {
        self.check_async("async for", f.range)?;
        let start = self.new_block();
        let except = self.new_block();
        let end = self.new_block();
        self.expr(&f.iter)?;
        self.emit0(Opcode::GET_AITER);
        self.use_block(start);
        self.u().fblocks.push(FBlock::ForLoop { start, exit: end });
        self.pseudo(Op::SetupFinally, Some(except));
        self.emit0(Opcode::GET_ANEXT);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.pseudo(Op::PopBlock, None);
        self.expr(&f.target)?;
        self.body(&f.body)?;
        self.unset_loc();
        self.pseudo(Op::Jump, Some(start));
        self.u().fblocks.pop();
        self.use_block(except);
        self.set_loc(f.iter.range());
        self.emit0(Opcode::END_ASYNC_FOR);
        self.body(&f.orelse)?;
        self.use_block(end);
        Ok(())
    }

    /// `SEND`/`YIELD_VALUE` loop of `yield from` and `await` (CPython's `compiler_add_yield_from`).
    pub(crate) fn yield_from(&mut self, is_await: bool) {
        let start = self.new_block();
        let resume = self.new_block();
        let exit = self.new_block();
        self.use_block(start);
        self.jump(Opcode::SEND, exit);
        self.use_block(resume);
        self.emit0(Opcode::YIELD_VALUE);
        self.emit(Opcode::RESUME, if is_await { 3 } else { 2 });
        self.pseudo(Op::JumpNoInterrupt, Some(start));
        self.use_block(exit);
    }

    fn pop_except_and_reraise(&mut self) {
        self.emit(Opcode::COPY, 3);
        self.emit0(Opcode::POP_EXCEPT);
        self.emit(Opcode::RERAISE, 1);
    }

    pub(crate) fn try_finally(&mut self, t: &'a ast::StmtTry) -> CResult {
        let body = self.new_block();
        let end = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.pseudo(Op::SetupFinally, Some(end));
        self.use_block(body);
        self.u()
            .fblocks
            .push(FBlock::FinallyTry { body: &t.finalbody });
        if !t.handlers.is_empty() {
            if t.is_star {
                self.try_star_except(t)?;
            } else {
                self.try_except(t)?;
            }
        } else {
            self.body(&t.body)?;
        }
        self.noline(|c| c.pseudo(Op::PopBlock, None));
        self.u().fblocks.pop();
        self.body(&t.finalbody)?;
        self.jump_noline(exit);
        self.use_block(end);
        self.unset_loc();
        self.pseudo(Op::SetupCleanup, Some(cleanup));
        self.emit0(Opcode::PUSH_EXC_INFO);
        self.u().fblocks.push(FBlock::FinallyEnd);
        self.body(&t.finalbody)?;
        self.u().fblocks.pop();
        self.emit(Opcode::RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
        Ok(())
    }

    fn noline(&mut self, f: impl FnOnce(&mut Self)) {
        let saved = self.uref().loc;
        self.unset_loc();
        f(self);
        self.u().loc = saved;
    }

    pub(crate) fn try_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        let body = self.new_block();
        let mut except = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        self.pseudo(Op::SetupFinally, Some(except));
        self.use_block(body);
        self.u().fblocks.push(FBlock::TryExcept);
        self.body(&t.body)?;
        self.u().fblocks.pop();
        self.noline(|c| c.pseudo(Op::PopBlock, None));
        self.body(&t.orelse)?;
        self.jump_noline(end);
        let n = t.handlers.len();
        self.use_block(except);
        self.unset_loc();
        self.pseudo(Op::SetupCleanup, Some(cleanup));
        self.emit0(Opcode::PUSH_EXC_INFO);
        self.u().fblocks.push(FBlock::ExceptionHandler);
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            if h.type_.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last", h));
            }
            except = self.new_block();
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit0(Opcode::CHECK_EXC_MATCH);
                self.jump(Opcode::POP_JUMP_IF_FALSE, except);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_block();
                let cleanup_body = self.new_block();
                self.store_name(name, name.range)?;
                self.pseudo(Op::SetupCleanup, Some(cleanup_end));
                self.use_block(cleanup_body);
                self.u().fblocks.push(FBlock::HandlerCleanup {
                    name: Some(name.to_string()),
                });
                self.body(&h.body)?;
                self.u().fblocks.pop();
                self.unset_loc();
                self.pseudo(Op::PopBlock, None);
                self.pseudo(Op::PopBlock, None);
                self.emit0(Opcode::POP_EXCEPT);
                self.load_const(Constant::None);
                self.store_name(name, name.range)?;
                self.name_op(name, ExprContext::Del, name.range)?;
                self.pseudo(Op::Jump, Some(end));
                self.use_block(cleanup_end);
                self.unset_loc();
                self.load_const(Constant::None);
                self.store_name(name, name.range)?;
                self.name_op(name, ExprContext::Del, name.range)?;
                self.emit(Opcode::RERAISE, 1);
            } else {
                let cleanup_body = self.new_block();
                self.emit0(Opcode::POP_TOP);
                self.use_block(cleanup_body);
                self.u().fblocks.push(FBlock::HandlerCleanup { name: None });
                self.body(&h.body)?;
                self.u().fblocks.pop();
                self.unset_loc();
                self.pseudo(Op::PopBlock, None);
                self.emit0(Opcode::POP_EXCEPT);
                self.pseudo(Op::Jump, Some(end));
            }
            self.use_block(except);
        }
        self.unset_loc();
        self.u().fblocks.pop();
        self.emit(Opcode::RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(end);
        Ok(())
    }

    pub(crate) fn try_star_except(&mut self, t: &'a ast::StmtTry) -> CResult {
        let body = self.new_block();
        let mut except = self.new_block();
        let orelse = self.new_block();
        let end = self.new_block();
        let cleanup = self.new_block();
        let reraise_star = self.new_block();
        self.pseudo(Op::SetupFinally, Some(except));
        self.use_block(body);
        self.u().fblocks.push(FBlock::TryExcept);
        self.body(&t.body)?;
        self.u().fblocks.pop();
        self.noline(|c| c.pseudo(Op::PopBlock, None));
        self.jump_noline(orelse);
        let n = t.handlers.len();
        self.use_block(except);
        self.unset_loc();
        self.pseudo(Op::SetupCleanup, Some(cleanup));
        self.emit0(Opcode::PUSH_EXC_INFO);
        self.u().fblocks.push(FBlock::ExceptionGroupHandler);
        for (i, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_loc(h.range);
            except = self.new_block();
            let except_with_error = self.new_block();
            let no_match = self.new_block();
            if i == 0 {
                // [orig] -> [orig, orig, []] -> [orig, [], orig]: the original exception group,
                // the list collecting raised/re-raised exceptions, and the group to match.
                self.emit(Opcode::COPY, 1);
                self.emit(Opcode::BUILD_LIST, 0);
                self.emit(Opcode::SWAP, 2);
            }
            match &h.type_ {
                Some(ty) => {
                    if let Expr::Tuple(tu) = &**ty
                        && tu.elts.is_empty()
                    {
                        // Still valid; CPython checks the type at run time.
                    }
                    self.expr(ty)?;
                    self.emit0(Opcode::CHECK_EG_MATCH);
                    self.emit(Opcode::COPY, 1);
                    self.jump(Opcode::POP_JUMP_IF_NONE, no_match);
                }
                None => return Err(self.error("expected one or more exception types", h)),
            }
            let cleanup_end = self.new_block();
            let cleanup_body = self.new_block();
            match &h.name {
                Some(name) => self.store_name(name, name.range)?,
                None => self.emit0(Opcode::POP_TOP),
            }
            self.pseudo(Op::SetupCleanup, Some(cleanup_end));
            self.use_block(cleanup_body);
            self.u().fblocks.push(FBlock::HandlerCleanup {
                name: h.name.as_ref().map(|n| n.to_string()),
            });
            self.body(&h.body)?;
            self.u().fblocks.pop();
            self.unset_loc();
            self.pseudo(Op::PopBlock, None);
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.store_name(name, name.range)?;
                self.name_op(name, ExprContext::Del, name.range)?;
            }
            self.pseudo(Op::Jump, Some(except));
            self.use_block(cleanup_end);
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.store_name(name, name.range)?;
                self.name_op(name, ExprContext::Del, name.range)?;
            }
            self.emit(Opcode::LIST_APPEND, 3);
            self.emit0(Opcode::POP_TOP);
            self.pseudo(Op::Jump, Some(except_with_error));
            self.use_block(except);
            self.emit0(Opcode::NOP);
            self.pseudo(Op::Jump, Some(except_with_error));
            self.use_block(no_match);
            self.emit0(Opcode::POP_TOP);
            self.use_block(except_with_error);
            if i + 1 == n {
                self.emit(Opcode::LIST_APPEND, 1);
                self.pseudo(Op::Jump, Some(reraise_star));
            }
        }
        self.unset_loc();
        self.u().fblocks.pop();
        let reraise = self.new_block();
        self.use_block(reraise_star);
        self.emit0(Opcode::PREP_RERAISE_STAR);
        self.emit(Opcode::COPY, 1);
        self.jump(Opcode::POP_JUMP_IF_NOT_NONE, reraise);
        self.emit0(Opcode::POP_TOP);
        self.pseudo(Op::PopBlock, None);
        self.emit0(Opcode::POP_EXCEPT);
        self.pseudo(Op::Jump, Some(end));
        self.use_block(reraise);
        self.pseudo(Op::PopBlock, None);
        self.emit(Opcode::SWAP, 2);
        self.emit0(Opcode::POP_EXCEPT);
        self.emit(Opcode::RERAISE, 0);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(orelse);
        self.body(&t.orelse)?;
        self.use_block(end);
        Ok(())
    }

    fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit(Opcode::CALL, 2);
    }

    fn with_except_finish(&mut self, cleanup: BlockId) {
        self.unset_loc();
        let exit = self.new_block();
        self.jump(Opcode::POP_JUMP_IF_TRUE, exit);
        self.emit(Opcode::RERAISE, 2);
        self.use_block(cleanup);
        self.pop_except_and_reraise();
        self.use_block(exit);
        self.emit0(Opcode::POP_TOP);
        self.pseudo(Op::PopBlock, None);
        self.emit0(Opcode::POP_EXCEPT);
        self.emit0(Opcode::POP_TOP);
        self.emit0(Opcode::POP_TOP);
    }

    pub(crate) fn with_stmt(&mut self, w: &'a ast::StmtWith, pos: usize) -> CResult {
        let item = &w.items[pos];
        let block = self.new_block();
        let fin = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.expr(&item.context_expr)?;
        self.emit0(Opcode::BEFORE_WITH);
        self.pseudo(Op::SetupWith, Some(fin));
        self.use_block(block);
        self.u().fblocks.push(FBlock::With { range: w.range });
        match &item.optional_vars {
            Some(v) => self.expr(v)?,
            None => self.emit0(Opcode::POP_TOP),
        }
        if pos + 1 == w.items.len() {
            self.body(&w.body)?;
        } else {
            self.with_stmt(w, pos + 1)?;
        }
        self.unset_loc();
        self.pseudo(Op::PopBlock, None);
        self.u().fblocks.pop();
        self.set_loc(w.range);
        self.call_exit_with_nones();
        self.emit0(Opcode::POP_TOP);
        self.pseudo(Op::Jump, Some(exit));
        self.use_block(fin);
        self.pseudo(Op::SetupCleanup, Some(cleanup));
        self.emit0(Opcode::PUSH_EXC_INFO);
        self.emit0(Opcode::WITH_EXCEPT_START);
        self.with_except_finish(cleanup);
        self.use_block(exit);
        Ok(())
    }

    pub(crate) fn async_with(&mut self, w: &'a ast::StmtWith, pos: usize) -> CResult {
        self.check_async("async with", w.range)?;
        let item = &w.items[pos];
        let block = self.new_block();
        let fin = self.new_block();
        let exit = self.new_block();
        let cleanup = self.new_block();
        self.expr(&item.context_expr)?;
        self.emit0(Opcode::BEFORE_ASYNC_WITH);
        self.emit(Opcode::GET_AWAITABLE, 1);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.pseudo(Op::SetupWith, Some(fin));
        self.use_block(block);
        self.u().fblocks.push(FBlock::AsyncWith { range: w.range });
        match &item.optional_vars {
            Some(v) => self.expr(v)?,
            None => self.emit0(Opcode::POP_TOP),
        }
        if pos + 1 == w.items.len() {
            self.body(&w.body)?;
        } else {
            self.async_with(w, pos + 1)?;
        }
        self.u().fblocks.pop();
        self.pseudo(Op::PopBlock, None);
        self.set_loc(w.range);
        self.call_exit_with_nones();
        self.emit(Opcode::GET_AWAITABLE, 2);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.emit0(Opcode::POP_TOP);
        self.pseudo(Op::Jump, Some(exit));
        self.use_block(fin);
        self.pseudo(Op::SetupCleanup, Some(cleanup));
        self.emit0(Opcode::PUSH_EXC_INFO);
        self.emit0(Opcode::WITH_EXCEPT_START);
        self.emit(Opcode::GET_AWAITABLE, 2);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.with_except_finish(cleanup);
        self.use_block(exit);
        Ok(())
    }

    /// Emit the code that leaves one enclosing block (CPython's `compiler_unwind_fblock`).
    pub(crate) fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match fb {
            FBlock::WhileLoop { .. }
            | FBlock::ExceptionHandler
            | FBlock::ExceptionGroupHandler
            | FBlock::AsyncComprehensionGenerator => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit0(Opcode::POP_TOP);
            }
            FBlock::TryExcept => self.pseudo(Op::PopBlock, None),
            FBlock::FinallyTry { body } => {
                self.pseudo(Op::PopBlock, None);
                if preserve_tos {
                    self.u().fblocks.push(FBlock::PopValue);
                }
                self.body(body)?;
                if preserve_tos {
                    self.u().fblocks.pop();
                }
                self.unset_loc();
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit0(Opcode::POP_TOP);
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.pseudo(Op::PopBlock, None);
                self.emit0(Opcode::POP_EXCEPT);
            }
            FBlock::With { range } | FBlock::AsyncWith { range } => {
                self.set_loc(*range);
                self.pseudo(Op::PopBlock, None);
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.call_exit_with_nones();
                if matches!(fb, FBlock::AsyncWith { .. }) {
                    self.emit(Opcode::GET_AWAITABLE, 2);
                    self.load_const(Constant::None);
                    self.yield_from(true);
                }
                self.emit0(Opcode::POP_TOP);
                self.unset_loc();
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.pseudo(Op::PopBlock, None);
                }
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.pseudo(Op::PopBlock, None);
                self.emit0(Opcode::POP_EXCEPT);
                if let Some(n) = name {
                    self.load_const(Constant::None);
                    self.store_name(n, TextRange::default())?;
                    self.name_op(n, ExprContext::Del, TextRange::default())?;
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2);
                }
                self.emit0(Opcode::POP_TOP);
            }
        }
        Ok(())
    }

    /// Unwind enclosing blocks up to the innermost loop (when `want_loop`) or all of them.
    /// Returns the index of the loop's fblock.
    pub(crate) fn unwind_fblock_stack(
        &mut self,
        preserve_tos: bool,
        want_loop: bool,
        range: TextRange,
    ) -> CResult<Option<usize>> {
        let Some(top) = self.uref().fblocks.last().cloned() else {
            return Ok(None);
        };
        if matches!(top, FBlock::ExceptionGroupHandler) {
            return Err(self.error_range(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                range,
            ));
        }
        let depth = self.uref().fblocks.len() - 1;
        if want_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(depth));
        }
        let fb = self.u().fblocks.pop().unwrap_or(FBlock::PopValue);
        let r = self.unwind_fblock(&fb, preserve_tos);
        let r = r.and_then(|_| self.unwind_fblock_stack(preserve_tos, want_loop, range));
        self.u().fblocks.push(fb);
        r
    }
}

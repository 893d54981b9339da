//! Code objects inside code objects: functions, lambdas, classes and comprehensions
//! (CPython 3.11 `compiler_function`, `compiler_lambda`, `compiler_class`,
//! `compiler_comprehension`, `compiler_make_closure`).

use krait_bytecode::{CodeFlags, CodeObject, Constant, Opcode};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

use super::{Arg, CResult, Compiler, FBlock, Op, UnitKind};
use crate::symtable::Resolution;

impl<'a> Compiler<'a> {
    fn line_of(&self, r: TextRange) -> u32 {
        self.src.line_col(r.start().to_u32()).0
    }

    fn scope_for<T>(&self, node: &T, what: &dyn Ranged) -> CResult<usize> {
        self.st
            .scope_of(node)
            .ok_or_else(|| self.error_range("internal error: missing scope", what.range()))
    }

    /// Defaults tuple and keyword-only defaults dict; returns the MAKE_FUNCTION flags.
    fn default_arguments(&mut self, p: &'a ast::Parameters) -> CResult<u32> {
        let mut flags = 0;
        let defaults: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(&p.args)
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Opcode::BUILD_TUPLE, defaults.len() as u32);
            flags |= 0x01;
        }
        let mut keys = Vec::new();
        for a in &p.kwonlyargs {
            if let Some(d) = &a.default {
                keys.push(Constant::str(&self.mangle(&a.parameter.name)));
                self.expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys.into()));
            self.emit(Opcode::BUILD_CONST_KEY_MAP, n);
            flags |= 0x02;
        }
        Ok(flags)
    }

    fn arg_annotation(&mut self, name: &str, ann: Option<&'a Expr>, count: &mut u32) -> CResult {
        let Some(ann) = ann else { return Ok(()) };
        let m = self.mangle(name);
        self.load_const(Constant::str(&m));
        if let Expr::Starred(s) = ann
            && !self.future_annotations
        {
            self.expr(&s.value)?;
            self.emit(Opcode::UNPACK_SEQUENCE, 1);
        } else {
            self.annotation(ann)?;
        }
        *count += 2;
        Ok(())
    }

    /// The flat `(name, value, ...)` annotations tuple; returns whether one was built.
    fn annotations(&mut self, p: &'a ast::Parameters, returns: Option<&'a Expr>) -> CResult<bool> {
        let mut n = 0;
        for a in &p.args {
            self.arg_annotation(&a.parameter.name, a.parameter.annotation.as_deref(), &mut n)?;
        }
        for a in &p.posonlyargs {
            self.arg_annotation(&a.parameter.name, a.parameter.annotation.as_deref(), &mut n)?;
        }
        if let Some(v) = &p.vararg {
            self.arg_annotation(&v.name, v.annotation.as_deref(), &mut n)?;
        }
        for a in &p.kwonlyargs {
            self.arg_annotation(&a.parameter.name, a.parameter.annotation.as_deref(), &mut n)?;
        }
        if let Some(k) = &p.kwarg {
            self.arg_annotation(&k.name, k.annotation.as_deref(), &mut n)?;
        }
        self.arg_annotation("return", returns, &mut n)?;
        if n > 0 {
            self.emit(Opcode::BUILD_TUPLE, n);
        }
        Ok(n > 0)
    }

    fn set_arg_counts(&mut self, p: Option<&ast::Parameters>) {
        let Some(p) = p else { return };
        let u = self.u();
        u.posonly = p.posonlyargs.len() as u32;
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.kwonly = p.kwonlyargs.len() as u32;
        if p.vararg.is_some() {
            u.extra_flags |= CodeFlags::VARARGS;
        }
        if p.kwarg.is_some() {
            u.extra_flags |= CodeFlags::VARKEYWORDS;
        }
    }

    pub(crate) fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> CResult {
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let first_line = match f.decorator_list.first() {
            Some(d) => self.line_of(d.expression.range()),
            None => self.line_of(f.range),
        };
        let mut flags = self.default_arguments(&f.parameters)?;
        if self.annotations(&f.parameters, f.returns.as_deref())? {
            flags |= 0x04;
        }
        let scope = self.scope_for(f, f)?;
        let kind = if f.is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.enter_scope(&f.name, kind, scope, first_line);
        let doc = if self.opts.optimize < 2 {
            self.docstring_of(&f.body)
        } else {
            None
        };
        match &doc {
            Some(d) => {
                self.add_const(Constant::Str(d.clone().into()));
                self.u().docstring = Some(d.iter().filter_map(|&c| char::from_u32(c)).collect());
            }
            None => {
                self.add_const(Constant::None);
            }
        }
        self.set_arg_counts(Some(&f.parameters));
        let start = usize::from(doc.is_some());
        for s in &f.body[start..] {
            self.stmt(s)?;
        }
        let qualname = self.uref().qualname.clone();
        let code = self.exit_scope()?;
        self.make_closure(code, flags, &qualname)?;
        self.apply_decorators(&f.decorator_list);
        self.store_name(&f.name, f.name.range)
    }

    pub(crate) fn lambda(&mut self, l: &'a ast::ExprLambda) -> CResult {
        let flags = match &l.parameters {
            Some(p) => self.default_arguments(p)?,
            None => 0,
        };
        let scope = self.scope_for(l, l)?;
        let line = self.line_of(l.range);
        self.enter_scope("<lambda>", UnitKind::Lambda, scope, line);
        self.add_const(Constant::None);
        self.set_arg_counts(l.parameters.as_deref());
        self.expr(&l.body)?;
        if self.st.scopes[scope].is_generator {
            self.u().add_none = false;
        } else {
            self.emit0(Opcode::RETURN_VALUE);
        }
        let qualname = self.uref().qualname.clone();
        let code = self.exit_scope()?;
        self.make_closure(code, flags, &qualname)
    }

    pub(crate) fn class_def(&mut self, c: &'a ast::StmtClassDef) -> CResult {
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        if let Some(tp) = &c.type_params {
            return Err(self.error("invalid syntax", &**tp));
        }
        let first_line = match c.decorator_list.first() {
            Some(d) => self.line_of(d.expression.range()),
            None => self.line_of(c.range),
        };
        let scope = self.scope_for(c, c)?;
        self.enter_scope(&c.name, UnitKind::Class, scope, first_line);
        self.load_name("__name__", c.range)?;
        self.store_name("__module__", c.range)?;
        let q = self.uref().qualname.clone();
        self.load_const(Constant::str(&q));
        self.store_name("__qualname__", c.range)?;
        self.module_body(&c.body)?;
        self.unset_loc();
        if self.st.scopes[scope].needs_class_closure {
            self.emit_arg(Opcode::LOAD_CLOSURE, Arg::Cell(0));
            self.emit(Opcode::COPY, 1);
            self.store_name("__classcell__", c.range)?;
        } else {
            self.load_const(Constant::None);
        }
        self.emit0(Opcode::RETURN_VALUE);
        let code = self.exit_scope()?;
        self.emit0(Opcode::PUSH_NULL);
        self.emit0(Opcode::LOAD_BUILD_CLASS);
        self.make_closure(code, 0, &c.name)?;
        self.load_const(Constant::str(&c.name));
        match &c.arguments {
            Some(args) => self.call_helper(2, &args.args, &args.keywords)?,
            None => self.call_helper(2, &[], &[])?,
        }
        self.apply_decorators(&c.decorator_list);
        self.store_name(&c.name, c.name.range)
    }

    /// The call parentheses around an unparenthesized generator argument.
    fn enclosing_parens(&self, r: TextRange) -> TextRange {
        let text = self.src.text.as_bytes();
        if r.end().to_usize() > text.len() {
            // A tree made in Python: no source text, the node's own range stands.
            return r;
        }
        let mut s = r.start().to_usize();
        while s > 0 && text[s - 1].is_ascii_whitespace() {
            s -= 1;
        }
        let mut e = r.end().to_usize();
        loop {
            while e < text.len() && text[e].is_ascii_whitespace() {
                e += 1;
            }
            if e < text.len() && text[e] == b'#' {
                while e < text.len() && text[e] != b'\n' {
                    e += 1;
                }
                continue;
            }
            break;
        }
        if s > 0 && text[s - 1] == b'(' && e < text.len() && text[e] == b')' {
            TextRange::new(
                ruff_text_size::TextSize::from(s as u32 - 1),
                ruff_text_size::TextSize::from(e as u32 + 1),
            )
        } else {
            r
        }
    }

    fn apply_decorators(&mut self, decos: &[ast::Decorator]) {
        let saved = self.uref().loc;
        for d in decos.iter().rev() {
            self.set_loc(d.expression.range());
            self.emit(Opcode::CALL, 0);
        }
        self.u().loc = saved;
    }

    /// Load the closure cells `code` needs, then `MAKE_FUNCTION`.
    pub(crate) fn make_closure(
        &mut self,
        code: std::sync::Arc<CodeObject>,
        mut flags: u32,
        _qualname: &str,
    ) -> CResult {
        let free: Vec<String> = code.freevars().iter().map(|s| s.to_string()).collect();
        if !free.is_empty() {
            for name in &free {
                let is_class_cell = self.uref().kind == UnitKind::Class && name == "__class__";
                let res = self.st.scopes[self.uref().scope].resolve(name);
                let arg = if is_class_cell || res == Resolution::Cell {
                    let i = self
                        .uref()
                        .cellvars
                        .iter()
                        .position(|c| c == name)
                        .unwrap_or(0);
                    Arg::Cell(i as u32)
                } else {
                    let i = self
                        .uref()
                        .freevars
                        .iter()
                        .position(|c| c == name)
                        .unwrap_or(0);
                    Arg::Free(i as u32)
                };
                self.emit_arg(Opcode::LOAD_CLOSURE, arg);
            }
            flags |= 0x08;
            self.emit(Opcode::BUILD_TUPLE, free.len() as u32);
        }
        self.load_const(Constant::Code(code));
        self.emit(Opcode::MAKE_FUNCTION, flags);
        Ok(())
    }

    pub(crate) fn comprehension(
        &mut self,
        e: &'a Expr,
        name: &str,
        gens: &'a [ast::Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        let key: usize = match e {
            Expr::ListComp(c) => c as *const _ as usize,
            Expr::SetComp(c) => c as *const _ as usize,
            Expr::DictComp(c) => c as *const _ as usize,
            Expr::Generator(c) => c as *const _ as usize,
            _ => 0,
        };
        let Some(scope) = self.st.scope_of_addr(key) else {
            return Err(self.error("internal error: missing comprehension scope", e));
        };
        let Some(outermost) = gens.first() else {
            return Err(self.error("invalid syntax", e));
        };
        let outer_kind = self.uref().kind;
        // An unparenthesized generator argument (`f(x for x in y)`) spans the call's parens.
        let range = match e {
            Expr::Generator(g) if !g.parenthesized => match self.genexp_parens {
                Some((addr, r)) if addr == g as *const ast::ExprGenerator as usize => r,
                _ => self.enclosing_parens(g.range),
            },
            _ => e.range(),
        };
        let line = self.line_of(range);
        let outer_loc = self.uref().loc;
        self.u().loc = self.src.position(range);
        let _ = outer_loc;
        self.enter_scope(name, UnitKind::Comprehension, scope, line);
        self.set_loc(range);
        let is_async_gen = self.st.scopes[scope].is_coroutine;
        let genexp = matches!(e, Expr::Generator(_));
        if is_async_gen
            && !genexp
            && !matches!(
                outer_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            return Err(self.error(
                "asynchronous comprehension outside of an asynchronous function",
                e,
            ));
        }
        match e {
            Expr::ListComp(_) => self.emit(Opcode::BUILD_LIST, 0),
            Expr::SetComp(_) => self.emit(Opcode::BUILD_SET, 0),
            Expr::DictComp(_) => self.emit(Opcode::BUILD_MAP, 0),
            _ => {}
        }
        self.comp_generator(e, gens, 0, 0, elt, val)?;
        if !genexp {
            self.emit0(Opcode::RETURN_VALUE);
        }
        let qualname = self.uref().qualname.clone();
        let code = self.exit_scope()?;
        self.set_loc(range);
        self.make_closure(code, 0, &qualname)?;
        self.expr(&outermost.iter)?;
        self.emit0(if outermost.is_async {
            Opcode::GET_AITER
        } else {
            Opcode::GET_ITER
        });
        self.emit(Opcode::CALL, 0);
        if is_async_gen && !genexp {
            self.emit(Opcode::GET_AWAITABLE, 0);
            self.load_const(Constant::None);
            self.yield_from(true);
        }
        Ok(())
    }

    fn comp_generator(
        &mut self,
        e: &'a Expr,
        gens: &'a [ast::Comprehension],
        idx: usize,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        if gens[idx].is_async {
            self.async_comp_generator(e, gens, idx, depth, elt, val)
        } else {
            self.sync_comp_generator(e, gens, idx, depth, elt, val)
        }
    }

    fn comp_element(
        &mut self,
        e: &'a Expr,
        depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        match e {
            Expr::Generator(_) => {
                self.expr(elt)?;
                self.emit_yield();
                self.emit0(Opcode::POP_TOP);
            }
            Expr::ListComp(_) => {
                self.expr(elt)?;
                self.emit(Opcode::LIST_APPEND, depth + 1);
            }
            Expr::SetComp(_) => {
                self.expr(elt)?;
                self.emit(Opcode::SET_ADD, depth + 1);
            }
            _ => {
                self.expr(elt)?;
                if let Some(v) = val {
                    self.expr(v)?;
                }
                self.emit(Opcode::MAP_ADD, depth + 1);
            }
        }
        Ok(())
    }

    fn sync_comp_generator(
        &mut self,
        e: &'a Expr,
        gens: &'a [ast::Comprehension],
        idx: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        let mut start = Some(self.new_block());
        let if_cleanup = self.new_block();
        let anchor = self.new_block();
        let g = &gens[idx];
        if idx == 0 {
            self.u().argcount = 1;
            self.emit(Opcode::LOAD_FAST, 0);
        } else {
            let elts = match &g.iter {
                Expr::List(l) => Some(&l.elts),
                Expr::Tuple(t) => Some(&t.elts),
                _ => None,
            };
            let single = elts.filter(|v| v.len() == 1 && !matches!(v[0], Expr::Starred(_)));
            if let Some(v) = single {
                self.expr(&v[0])?;
                start = None;
            } else if let Some(c) = self.const_of(&g.iter)
                && let Constant::Tuple(items) = &c
                && items.len() == 1
            {
                self.load_const(items[0].clone());
                start = None;
            } else {
                self.expr(&g.iter)?;
                self.emit0(Opcode::GET_ITER);
            }
        }
        if let Some(s) = start {
            depth += 1;
            self.use_block(s);
            self.jump(Opcode::FOR_ITER, anchor);
        }
        self.expr(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if idx + 1 < gens.len() {
            self.comp_generator(e, gens, idx + 1, depth, elt, val)?;
        } else {
            self.comp_element(e, depth, elt, val)?;
        }
        self.use_block(if_cleanup);
        if let Some(s) = start {
            self.pseudo(Op::Jump, Some(s));
            self.use_block(anchor);
        }
        Ok(())
    }

    fn async_comp_generator(
        &mut self,
        e: &'a Expr,
        gens: &'a [ast::Comprehension],
        idx: usize,
        mut depth: u32,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult {
        let start = self.new_block();
        let except = self.new_block();
        let if_cleanup = self.new_block();
        let g = &gens[idx];
        if idx == 0 {
            self.u().argcount = 1;
            self.emit(Opcode::LOAD_FAST, 0);
        } else {
            self.expr(&g.iter)?;
            self.emit0(Opcode::GET_AITER);
        }
        self.use_block(start);
        self.u().fblocks.push(FBlock::AsyncComprehensionGenerator);
        self.pseudo(Op::SetupFinally, Some(except));
        self.emit0(Opcode::GET_ANEXT);
        self.load_const(Constant::None);
        self.yield_from(true);
        self.pseudo(Op::PopBlock, None);
        self.expr(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        depth += 1;
        if idx + 1 < gens.len() {
            self.comp_generator(e, gens, idx + 1, depth, elt, val)?;
        } else {
            self.comp_element(e, depth, elt, val)?;
        }
        self.use_block(if_cleanup);
        self.pseudo(Op::Jump, Some(start));
        self.u().fblocks.pop();
        self.use_block(except);
        self.emit0(Opcode::END_ASYNC_FOR);
        Ok(())
    }
}

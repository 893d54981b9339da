//! Calls (CPython 3.11 `compiler_call`, `maybe_optimize_method_call`, `compiler_call_helper`).

use krait_bytecode::{Constant, Opcode};
use ruff_python_ast::{self as ast, Expr, ExprContext};
use ruff_text_size::Ranged;

use super::expr::STACK_USE_GUIDELINE;
use super::{CResult, Compiler};

impl<'a> Compiler<'a> {
    fn validate_keywords(&self, kws: &[ast::Keyword]) -> CResult {
        for (i, k) in kws.iter().enumerate() {
            let Some(name) = &k.arg else { continue };
            if kws[i + 1..]
                .iter()
                .any(|o| o.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str()))
            {
                let dup = kws[i + 1..]
                    .iter()
                    .find(|o| o.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str()));
                let range = dup.map_or(k.range, |d| d.range);
                return Err(self.error_range(format!("keyword argument repeated: {name}"), range));
            }
        }
        Ok(())
    }

    pub(crate) fn call(&mut self, c: &'a ast::ExprCall) -> CResult {
        self.validate_keywords(&c.arguments.keywords)?;
        if self.maybe_method_call(c)? {
            return Ok(());
        }
        let saved = self.uref().loc;
        self.set_loc(c.func.range());
        self.emit0(Opcode::PUSH_NULL);
        self.u().loc = saved;
        self.expr(&c.func)?;
        // A lone unparenthesized generator argument takes the call's parentheses as its range.
        if let [Expr::Generator(g)] = &c.arguments.args[..]
            && !g.parenthesized
        {
            self.genexp_parens = Some((g as *const ast::ExprGenerator as usize, c.arguments.range));
        }
        self.call_helper(0, &c.arguments.args, &c.arguments.keywords)
    }

    fn maybe_method_call(&mut self, c: &'a ast::ExprCall) -> CResult<bool> {
        let Expr::Attribute(meth) = &*c.func else {
            return Ok(false);
        };
        if meth.ctx != ExprContext::Load {
            return Ok(false);
        }
        // Methods of imported modules are called as plain attributes (CPython 3.11's
        // `is_import_originated`: a name bound by an import at module level).
        if let Expr::Name(n) = &*meth.value
            && self.st.scopes[0].flags(&n.id) & crate::symtable::DEF_IMPORT != 0
        {
            return Ok(false);
        }
        let args = &c.arguments.args;
        let kws = &c.arguments.keywords;
        let kwdsl = kws.len();
        if args.len() + kwdsl + usize::from(kwdsl != 0) >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if args.iter().any(|a| matches!(a, Expr::Starred(_))) || kws.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        self.expr(&meth.value)?;
        let saved = self.uref().loc;
        self.set_loc(meth.range);
        self.attr_loc(meth);
        self.emit_name(Opcode::LOAD_METHOD, &meth.attr);
        if let [Expr::Generator(g)] = &args[..]
            && !g.parenthesized
        {
            self.genexp_parens = Some((g as *const ast::ExprGenerator as usize, c.arguments.range));
        }
        for a in args.iter() {
            self.expr(a)?;
        }
        if kwdsl > 0 {
            for k in kws.iter() {
                self.expr(&k.value)?;
            }
            self.kw_names(kws);
        }
        self.u().loc = saved;
        self.attr_loc(meth);
        self.emit(Opcode::CALL, (args.len() + kwdsl) as u32);
        self.u().loc = saved;
        Ok(true)
    }

    fn kw_names(&mut self, kws: &[ast::Keyword]) {
        let names: Vec<Constant> = kws
            .iter()
            .map(|k| Constant::str(k.arg.as_ref().map_or("", |a| a.as_str())))
            .collect();
        let i = self.add_const(Constant::Tuple(names.into()));
        self.emit(Opcode::KW_NAMES, i);
    }

    /// Arguments and the call itself, with `n` items already pushed (CPython's
    /// `compiler_call_helper`).
    pub(crate) fn call_helper(
        &mut self,
        n: u32,
        args: &'a [Expr],
        kws: &'a [ast::Keyword],
    ) -> CResult {
        self.validate_keywords(kws)?;
        let nelts = args.len();
        let nkw = kws.len();
        let simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !kws.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            if nkw > 0 {
                for k in kws {
                    self.expr(&k.value)?;
                }
                self.kw_names(kws);
            }
            self.emit(Opcode::CALL, n + (nelts + nkw) as u32);
            return Ok(());
        }
        // ex_call
        if n == 0
            && nelts == 1
            && let Expr::Starred(s) = &args[0]
        {
            self.expr(&s.value)?;
        } else {
            self.starunpack(
                args,
                n,
                Opcode::BUILD_LIST,
                Opcode::LIST_APPEND,
                Opcode::LIST_EXTEND,
                true,
            )?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0usize;
            for (i, k) in kws.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(&kws[i - nseen..i])?;
                        if have_dict {
                            self.emit(Opcode::DICT_MERGE, 1);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit(Opcode::BUILD_MAP, 0);
                        have_dict = true;
                    }
                    self.expr(&k.value)?;
                    self.emit(Opcode::DICT_MERGE, 1);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(&kws[nkw - nseen..])?;
                if have_dict {
                    self.emit(Opcode::DICT_MERGE, 1);
                }
            }
        }
        self.emit(Opcode::CALL_FUNCTION_EX, u32::from(nkw > 0));
        Ok(())
    }

    fn subkwargs(&mut self, kws: &'a [ast::Keyword]) -> CResult {
        let n = kws.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in kws {
                self.expr(&k.value)?;
            }
            let keys: Vec<Constant> = kws
                .iter()
                .map(|k| Constant::str(k.arg.as_ref().map_or("", |a| a.as_str())))
                .collect();
            self.load_const(Constant::Tuple(keys.into()));
            self.emit(Opcode::BUILD_CONST_KEY_MAP, n as u32);
            return Ok(());
        }
        if big {
            self.noline_emit(Opcode::BUILD_MAP, 0);
        }
        for k in kws {
            self.load_const(Constant::str(k.arg.as_ref().map_or("", |a| a.as_str())));
            self.expr(&k.value)?;
            if big {
                self.noline_emit(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.emit(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn noline_emit(&mut self, op: Opcode, arg: u32) {
        let saved = self.uref().loc;
        self.unset_loc();
        self.emit(op, arg);
        self.u().loc = saved;
    }
}

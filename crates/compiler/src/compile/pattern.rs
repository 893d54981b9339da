//! `match` statements (CPython 3.11 `compiler_match` and the `compiler_pattern_*` family).
//!
//! While a pattern is matched, the stack holds the subject (or parts of it) under any values
//! captured so far; `on_top` counts items above the captures. A failed test jumps to
//! `fail_pop[n]`, a chain of blocks each popping one item, so that exactly the `n` items pushed
//! so far are discarded.

use krait_bytecode::{CompareOp, Constant, Opcode};
use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::{Ranged, TextRange};

use super::{BlockId, CResult, Compiler, Op};

#[derive(Default)]
struct PatternContext {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<BlockId>,
    on_top: usize,
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

impl<'a> Compiler<'a> {
    pub(crate) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult {
        self.expr(&m.subject)?;
        let end = self.new_block();
        let cases = m.cases.len();
        let Some(last) = m.cases.last() else {
            return Ok(());
        };
        let has_default = is_wildcard(&last.pattern) && cases > 1;
        let mut pc = PatternContext::default();
        for (i, case) in m
            .cases
            .iter()
            .enumerate()
            .take(cases - usize::from(has_default))
        {
            self.set_loc(case.pattern.range());
            let not_last = i + 1 != cases - usize::from(has_default);
            if not_last {
                self.emit(Opcode::COPY, 1);
            }
            pc.stores.clear();
            pc.allow_irrefutable = case.guard.is_some() || i + 1 == cases;
            pc.fail_pop.clear();
            pc.on_top = 0;
            self.pattern(&case.pattern, &mut pc)?;
            for name in pc.stores.clone() {
                self.store_name(&name, case.pattern.range())?;
            }
            if let Some(g) = &case.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false)?;
            }
            if not_last {
                self.emit0(Opcode::POP_TOP);
            }
            self.body(&case.body)?;
            self.unset_loc();
            self.pseudo(Op::Jump, Some(end));
            self.set_loc(case.pattern.range());
            self.emit_and_reset_fail_pop(&mut pc);
        }
        if has_default {
            self.set_loc(last.pattern.range());
            if cases == 1 {
                self.emit0(Opcode::POP_TOP);
            } else {
                self.emit0(Opcode::NOP);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, end, false)?;
            }
            self.body(&last.body)?;
        }
        self.use_block(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut PatternContext, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let b = self.new_block();
            pc.fail_pop.push(b);
        }
    }

    fn jump_to_fail_pop(&mut self, pc: &mut PatternContext, op: Op) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        let target = pc.fail_pop[pops];
        match op {
            Op::Real(o) => self.jump(o, target),
            other => self.pseudo(other, Some(target)),
        }
    }

    fn emit_and_reset_fail_pop(&mut self, pc: &mut PatternContext) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for k in (1..pc.fail_pop.len()).rev() {
            self.use_block(pc.fail_pop[k]);
            self.emit0(Opcode::POP_TOP);
        }
        self.use_block(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn rotate(&mut self, mut count: usize) {
        while count > 1 {
            self.emit(Opcode::SWAP, count as u32);
            count -= 1;
        }
    }

    fn pattern_store(
        &mut self,
        name: Option<&ast::Identifier>,
        pc: &mut PatternContext,
        range: TextRange,
    ) -> CResult {
        let Some(n) = name else {
            self.emit0(Opcode::POP_TOP);
            return Ok(());
        };
        if n.as_str() == "__debug__" {
            return Err(self.error_range("cannot assign to __debug__", range));
        }
        if pc.stores.iter().any(|s| s == n.as_str()) {
            return Err(self.error_range(
                format!("multiple assignments to name '{n}' in pattern"),
                range,
            ));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.rotate(rotations);
        pc.stores.push(n.to_string());
        Ok(())
    }

    fn subpattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn pattern(&mut self, p: &'a Pattern, pc: &mut PatternContext) -> CResult {
        self.set_loc(p.range());
        match p {
            Pattern::MatchValue(v) => {
                let ok =
                    self.const_of(&v.value).is_some() || matches!(&*v.value, Expr::Attribute(_));
                if !ok {
                    return Err(
                        self.error("patterns may only match literals and attribute lookups", p)
                    );
                }
                self.expr(&v.value)?;
                self.emit(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(match s.value {
                    ast::Singleton::None => Constant::None,
                    ast::Singleton::True => Constant::Bool(true),
                    ast::Singleton::False => Constant::Bool(false),
                });
                self.emit(Opcode::IS_OP, 0);
                self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
            }
            Pattern::MatchSequence(s) => self.pattern_sequence(&s.patterns, pc, p.range())?,
            Pattern::MatchMapping(m) => self.pattern_mapping(m, pc)?,
            Pattern::MatchClass(c) => self.pattern_class(c, pc)?,
            Pattern::MatchStar(s) => self.pattern_store(s.name.as_ref(), pc, s.range)?,
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match &a.name {
                            Some(n) => self.error(
                                format!("name capture '{n}' makes remaining patterns unreachable"),
                                p,
                            ),
                            None => self.error("wildcard makes remaining patterns unreachable", p),
                        });
                    }
                    self.pattern_store(a.name.as_ref(), pc, a.range)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(Opcode::COPY, 1);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.pattern_store(a.name.as_ref(), pc, a.range)?;
                }
            },
            Pattern::MatchOr(o) => self.pattern_or(o, pc)?,
        }
        Ok(())
    }

    fn pattern_sequence(
        &mut self,
        patterns: &'a [Pattern],
        pc: &mut PatternContext,
        range: TextRange,
    ) -> CResult {
        let size = patterns.len();
        let mut star: Option<usize> = None;
        let mut only_wildcard = true;
        let mut star_wildcard = false;
        for (i, pat) in patterns.iter().enumerate() {
            if matches!(pat, Pattern::MatchStar(_)) {
                if star.is_some() {
                    return Err(
                        self.error_range("multiple starred names in sequence pattern", range)
                    );
                }
                star_wildcard = is_star_wildcard(pat);
                only_wildcard &= star_wildcard;
                star = Some(i);
                continue;
            }
            only_wildcard &= is_wildcard(pat);
        }
        pc.on_top += 1;
        self.emit0(Opcode::MATCH_SEQUENCE);
        self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
        match star {
            None => {
                self.emit0(Opcode::GET_LEN);
                self.load_const(Constant::Int(size as i64));
                self.emit(Opcode::COMPARE_OP, CompareOp::Eq as u32);
                self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
            }
            Some(_) if size > 1 => {
                self.emit0(Opcode::GET_LEN);
                self.load_const(Constant::Int(size as i64 - 1));
                self.emit(Opcode::COMPARE_OP, CompareOp::Ge as u32);
                self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
            }
            _ => {}
        }
        pc.on_top -= 1;
        if only_wildcard {
            self.emit0(Opcode::POP_TOP);
        } else if star_wildcard {
            let star = star.unwrap_or(usize::MAX);
            pc.on_top += 1;
            for (i, pat) in patterns.iter().enumerate() {
                if is_wildcard(pat) || i == star {
                    continue;
                }
                self.emit(Opcode::COPY, 1);
                if i < star {
                    self.load_const(Constant::Int(i as i64));
                } else {
                    self.emit0(Opcode::GET_LEN);
                    self.load_const(Constant::Int((size - i) as i64));
                    self.emit(Opcode::BINARY_OP, krait_bytecode::BinaryOp::Subtract as u32);
                }
                self.emit0(Opcode::BINARY_SUBSCR);
                self.subpattern(pat, pc)?;
            }
            pc.on_top -= 1;
            self.emit0(Opcode::POP_TOP);
        } else {
            match star {
                Some(i) => {
                    if i >= 256 {
                        return Err(self.error_range(
                            "too many expressions in star-unpacking sequence pattern",
                            range,
                        ));
                    }
                    self.emit(Opcode::UNPACK_EX, (i + ((size - i - 1) << 8)) as u32);
                }
                None => self.emit(Opcode::UNPACK_SEQUENCE, size as u32),
            }
            pc.on_top += size;
            for pat in patterns {
                pc.on_top -= 1;
                self.subpattern(pat, pc)?;
            }
        }
        Ok(())
    }

    fn pattern_mapping(
        &mut self,
        m: &'a ast::PatternMatchMapping,
        pc: &mut PatternContext,
    ) -> CResult {
        let size = m.keys.len();
        pc.on_top += 1;
        self.emit0(Opcode::MATCH_MAPPING);
        self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
        if size == 0 && m.rest.is_none() {
            pc.on_top -= 1;
            self.emit0(Opcode::POP_TOP);
            return Ok(());
        }
        if size > 0 {
            self.emit0(Opcode::GET_LEN);
            self.load_const(Constant::Int(size as i64));
            self.emit(Opcode::COMPARE_OP, CompareOp::Ge as u32);
            self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
        }
        let mut seen: Vec<Constant> = Vec::new();
        for key in m.keys.iter() {
            if let Some(c) = self.const_of(key) {
                if seen.iter().any(|s| s.same_as(&c)) {
                    let text = self
                        .src
                        .text
                        .get(key.range().start().to_usize()..key.range().end().to_usize())
                        .unwrap_or("");
                    return Err(
                        self.error_here(format!("mapping pattern checks duplicate key ({text})"))
                    );
                }
                seen.push(c);
            } else if !matches!(key, Expr::Attribute(_)) {
                return Err(self.error(
                    "mapping pattern keys may only match literals and attribute lookups",
                    key,
                ));
            }
            self.expr(key)?;
        }
        self.emit(Opcode::BUILD_TUPLE, size as u32);
        self.emit0(Opcode::MATCH_KEYS);
        pc.on_top += 2;
        self.emit(Opcode::COPY, 1);
        self.load_const(Constant::None);
        self.emit(Opcode::IS_OP, 1);
        self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
        self.emit(Opcode::UNPACK_SEQUENCE, size as u32);
        pc.on_top += size;
        pc.on_top -= 1;
        for pat in m.patterns.iter() {
            pc.on_top -= 1;
            self.subpattern(pat, pc)?;
        }
        pc.on_top -= 2;
        match &m.rest {
            Some(rest) => {
                self.emit(Opcode::BUILD_MAP, 0);
                self.emit(Opcode::SWAP, 3);
                self.emit(Opcode::DICT_UPDATE, 2);
                self.emit(Opcode::UNPACK_SEQUENCE, size as u32);
                let mut k = size;
                while k > 0 {
                    self.emit(Opcode::COPY, (1 + k) as u32);
                    k -= 1;
                    self.emit(Opcode::SWAP, 2);
                    self.emit0(Opcode::DELETE_SUBSCR);
                }
                self.pattern_store(Some(rest), pc, rest.range)?;
            }
            None => {
                self.emit0(Opcode::POP_TOP);
                self.emit0(Opcode::POP_TOP);
            }
        }
        Ok(())
    }

    fn pattern_class(&mut self, c: &'a ast::PatternMatchClass, pc: &mut PatternContext) -> CResult {
        let args = &c.arguments.patterns;
        let kws = &c.arguments.keywords;
        let nargs = args.len();
        let nattrs = kws.len();
        for (i, k) in kws.iter().enumerate() {
            if k.attr.as_str() == "__debug__" {
                return Err(self.error("cannot assign to __debug__", &k.pattern));
            }
            if let Some(dup) = kws[i + 1..]
                .iter()
                .find(|o| o.attr.as_str() == k.attr.as_str())
            {
                return Err(self.error(
                    format!("attribute name repeated in class pattern: {}", k.attr),
                    &dup.pattern,
                ));
            }
        }
        self.expr(&c.cls)?;
        let names: Vec<Constant> = kws.iter().map(|k| Constant::str(k.attr.as_str())).collect();
        self.load_const(Constant::Tuple(names.into()));
        self.emit(Opcode::MATCH_CLASS, nargs as u32);
        self.emit(Opcode::COPY, 1);
        self.load_const(Constant::None);
        self.emit(Opcode::IS_OP, 1);
        pc.on_top += 1;
        self.jump_to_fail_pop(pc, Op::Real(Opcode::POP_JUMP_IF_FALSE));
        self.emit(Opcode::UNPACK_SEQUENCE, (nargs + nattrs) as u32);
        pc.on_top += nargs + nattrs;
        pc.on_top -= 1;
        for i in 0..nargs + nattrs {
            pc.on_top -= 1;
            let pat = if i < nargs {
                &args[i]
            } else {
                &kws[i - nargs].pattern
            };
            if is_wildcard(pat) {
                self.emit0(Opcode::POP_TOP);
                continue;
            }
            self.subpattern(pat, pc)?;
        }
        Ok(())
    }

    fn pattern_or(&mut self, o: &'a ast::PatternMatchOr, pc: &mut PatternContext) -> CResult {
        let end = self.new_block();
        let size = o.patterns.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in o.patterns.iter().enumerate() {
            self.set_loc(alt.range());
            pc.stores = Vec::new();
            pc.allow_irrefutable = i + 1 == size && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Opcode::COPY, 1);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctrl) if ctrl.len() != nstores => {
                    return Err(self.error_here("alternative patterns bind different names"));
                }
                Some(ctrl) if nstores > 0 => {
                    let ctrl = ctrl.clone();
                    for icontrol in (0..nstores).rev() {
                        let name = &ctrl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(
                                self.error_here("alternative patterns bind different names")
                            );
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(0..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.rotate(icontrol + 1);
                            }
                        }
                    }
                }
                _ => {}
            }
            self.pseudo(Op::Jump, Some(end));
            self.emit_and_reset_fail_pop(pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.emit0(Opcode::POP_TOP);
        self.jump_to_fail_pop(pc, Op::Jump);
        self.use_block(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(nrots);
            if pc.stores.contains(&name) {
                return Err(self.error(
                    format!("multiple assignments to name '{name}' in pattern"),
                    o,
                ));
            }
            pc.stores.push(name);
        }
        self.emit0(Opcode::POP_TOP);
        Ok(())
    }
}

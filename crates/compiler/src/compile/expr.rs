//! Expressions (CPython 3.11 `compiler_visit_expr1` and its helpers).

use krait_bytecode::{CompareOp, Constant, Opcode};
use ruff_python_ast::{self as ast, BoolOp, CmpOp, Expr, ExprContext, UnaryOp};
use ruff_text_size::{Ranged, TextRange};

use super::stmt::binary_op;
use super::{CResult, Compiler, UnitKind};

/// CPython's `STACK_USE_GUIDELINE`: above this many items, build collections incrementally.
pub(crate) const STACK_USE_GUIDELINE: usize = 30;

enum FPart<'e> {
    Lit(Vec<u32>),
    Value(&'e ast::InterpolatedElement, TextRange),
    /// Literal and value parts of an f-string synthesized from `%` formatting: literals have
    /// no location and FORMAT_VALUE takes its argument's.
    SynthLit(Vec<u32>),
    SynthValue(&'e ast::InterpolatedElement),
}

impl<'a> Compiler<'a> {
    pub(crate) fn const_of(&self, e: &Expr) -> Option<Constant> {
        crate::fold::const_value(self.src, self.folded, e)
    }

    pub(crate) fn expr(&mut self, e: &'a Expr) -> CResult {
        let saved = self.uref().loc;
        self.set_loc(e.range());
        let r = self.expr_inner(e);
        self.u().loc = saved;
        r
    }

    /// `LOAD_ATTR`/`LOAD_METHOD`/`STORE_ATTR` of an attribute spanning lines start on the
    /// attribute name's line (CPython's `update_start_location_to_match_attr`).
    pub(crate) fn attr_loc(&mut self, a: &ast::ExprAttribute) {
        let end = self.src.line_col(a.range.end().to_u32());
        let loc = &mut self.u().loc;
        if loc.line != end.0 {
            loc.line = end.0;
            let len = a.attr.len() as u32;
            loc.col = end.1.saturating_sub(len);
        }
    }

    pub(crate) fn compare_op(&mut self, op: CmpOp) {
        let (opc, arg) = match op {
            CmpOp::Eq => (Opcode::COMPARE_OP, CompareOp::Eq as u32),
            CmpOp::NotEq => (Opcode::COMPARE_OP, CompareOp::Ne as u32),
            CmpOp::Lt => (Opcode::COMPARE_OP, CompareOp::Lt as u32),
            CmpOp::LtE => (Opcode::COMPARE_OP, CompareOp::Le as u32),
            CmpOp::Gt => (Opcode::COMPARE_OP, CompareOp::Gt as u32),
            CmpOp::GtE => (Opcode::COMPARE_OP, CompareOp::Ge as u32),
            CmpOp::Is => (Opcode::IS_OP, 0),
            CmpOp::IsNot => (Opcode::IS_OP, 1),
            CmpOp::In => (Opcode::CONTAINS_OP, 0),
            CmpOp::NotIn => (Opcode::CONTAINS_OP, 1),
        };
        self.emit(opc, arg);
    }

    /// CPython's `check_compare`: `is` / `is not` with a literal operand (a constant other
    /// than None, True, False or ...) is almost surely a mistake for `==` / `!=`.
    pub(crate) fn check_compare(&mut self, c: &ast::ExprCompare) {
        let literal = |this: &Self, e: &Expr| {
            this.const_of(e).is_some_and(|k| {
                !matches!(k, Constant::None | Constant::Bool(_) | Constant::Ellipsis)
            })
        };
        let mut left = literal(self, &c.left);
        for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
            let r = literal(self, right);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (left || r) {
                self.warn_here(if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                });
                return;
            }
            left = r;
        }
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        if let Some(c) = self.const_of(e) {
            self.load_const(c);
            return Ok(());
        }
        match e {
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Opcode::COPY, 1);
                self.expr(&n.target)?;
            }
            Expr::BoolOp(b) => {
                let op = if b.op == BoolOp::And {
                    Opcode::JUMP_IF_FALSE_OR_POP
                } else {
                    Opcode::JUMP_IF_TRUE_OR_POP
                };
                let end = self.new_block();
                let n = b.values.len();
                for v in &b.values[..n - 1] {
                    self.expr(v)?;
                    self.jump(op, end);
                }
                self.expr(&b.values[n - 1])?;
                self.use_block(end);
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Opcode::BINARY_OP, binary_op(b.op, false));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                self.emit0(match u.op {
                    UnaryOp::Invert => Opcode::UNARY_INVERT,
                    UnaryOp::Not => Opcode::UNARY_NOT,
                    UnaryOp::UAdd => Opcode::UNARY_POSITIVE,
                    UnaryOp::USub => Opcode::UNARY_NEGATIVE,
                });
            }
            Expr::Lambda(l) => self.lambda(l)?,
            Expr::If(i) => {
                let end = self.new_block();
                let next = self.new_block();
                self.jump_if(&i.test, next, false)?;
                self.expr(&i.body)?;
                self.jump_noline(end);
                self.use_block(next);
                self.expr(&i.orelse)?;
                self.use_block(end);
            }
            Expr::Dict(d) => self.dict(d)?,
            Expr::Set(s) => self.starunpack(
                &s.elts,
                0,
                Opcode::BUILD_SET,
                Opcode::SET_ADD,
                Opcode::SET_UPDATE,
                false,
            )?,
            Expr::ListComp(c) => {
                self.comprehension(e, "<listcomp>", &c.generators, &c.elt, None)?
            }
            Expr::SetComp(c) => self.comprehension(e, "<setcomp>", &c.generators, &c.elt, None)?,
            Expr::DictComp(c) => match &c.key {
                Some(k) => self.comprehension(e, "<dictcomp>", &c.generators, k, Some(&c.value))?,
                None => {
                    return Err(
                        self.error("dict unpacking cannot be used in dict comprehension", e)
                    );
                }
            },
            Expr::Generator(c) => {
                self.comprehension(e, "<genexpr>", &c.generators, &c.elt, None)?
            }
            Expr::Yield(y) => {
                if !self.in_function_block() {
                    return Err(self.error("'yield' outside function", e));
                }
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                self.emit_yield();
            }
            Expr::YieldFrom(y) => {
                if !self.in_function_block() {
                    return Err(self.error("'yield' outside function", e));
                }
                if self.uref().kind == UnitKind::AsyncFunction {
                    return Err(self.error("'yield from' inside async function", e));
                }
                self.expr(&y.value)?;
                self.emit0(Opcode::GET_YIELD_FROM_ITER);
                self.load_const(Constant::None);
                self.yield_from(false);
            }
            Expr::Await(a) => {
                if !self.in_function_block() {
                    return Err(self.error("'await' outside function", e));
                }
                if !matches!(
                    self.uref().kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    return Err(self.error("'await' outside async function", e));
                }
                self.expr(&a.value)?;
                self.emit(Opcode::GET_AWAITABLE, 0);
                self.load_const(Constant::None);
                self.yield_from(true);
            }
            Expr::Compare(c) => {
                self.check_compare(c);
                self.expr(&c.left)?;
                let n = c.ops.len() - 1;
                if n == 0 {
                    self.expr(&c.comparators[0])?;
                    self.compare_op(c.ops[0]);
                } else {
                    let cleanup = self.new_block();
                    for i in 0..n {
                        self.expr(&c.comparators[i])?;
                        self.emit(Opcode::SWAP, 2);
                        self.emit(Opcode::COPY, 2);
                        self.compare_op(c.ops[i]);
                        self.jump(Opcode::JUMP_IF_FALSE_OR_POP, cleanup);
                    }
                    self.expr(&c.comparators[n])?;
                    self.compare_op(c.ops[n]);
                    let end = self.new_block();
                    self.jump_noline(end);
                    self.use_block(cleanup);
                    self.emit(Opcode::SWAP, 2);
                    self.emit0(Opcode::POP_TOP);
                    self.use_block(end);
                }
            }
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => return Err(self.error("invalid syntax", t)),
            Expr::Attribute(a) => match a.ctx {
                ExprContext::Load | ExprContext::Invalid => {
                    self.expr(&a.value)?;
                    self.attr_loc(a);
                    self.emit_name(Opcode::LOAD_ATTR, &a.attr);
                }
                ExprContext::Store => {
                    if a.attr.as_str() == "__debug__" {
                        return Err(self.error("cannot assign to __debug__", a));
                    }
                    self.expr(&a.value)?;
                    self.attr_loc(a);
                    self.emit_name(Opcode::STORE_ATTR, &a.attr);
                }
                ExprContext::Del => {
                    self.expr(&a.value)?;
                    self.attr_loc(a);
                    self.emit_name(Opcode::DELETE_ATTR, &a.attr);
                }
            },
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit0(match s.ctx {
                    ExprContext::Store => Opcode::STORE_SUBSCR,
                    ExprContext::Del => Opcode::DELETE_SUBSCR,
                    _ => Opcode::BINARY_SUBSCR,
                });
            }
            Expr::Starred(s) => {
                return Err(match s.ctx {
                    ExprContext::Store => {
                        self.error("starred assignment target must be in a list or tuple", e)
                    }
                    _ => self.error("can't use starred expression here", e),
                });
            }
            Expr::Name(n) => self.name_op(&n.id, n.ctx, n.range)?,
            Expr::List(l) => match l.ctx {
                ExprContext::Store => self.assignment_helper(&l.elts)?,
                ExprContext::Del => l.elts.iter().try_for_each(|x| self.expr(x))?,
                _ => self.starunpack(
                    &l.elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    false,
                )?,
            },
            Expr::Tuple(t) => match t.ctx {
                ExprContext::Store => self.assignment_helper(&t.elts)?,
                ExprContext::Del => t.elts.iter().try_for_each(|x| self.expr(x))?,
                _ => self.starunpack(
                    &t.elts,
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?,
            },
            Expr::Slice(s) => {
                let mut n = 2;
                match &s.lower {
                    Some(x) => self.expr(x)?,
                    None => self.load_const(Constant::None),
                }
                match &s.upper {
                    Some(x) => self.expr(x)?,
                    None => self.load_const(Constant::None),
                }
                if let Some(x) = &s.step {
                    n += 1;
                    self.expr(x)?;
                }
                self.emit(Opcode::BUILD_SLICE, n);
            }
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::IpyEscapeCommand(_) => {}
        }
        Ok(())
    }

    pub(crate) fn emit_yield(&mut self) {
        let sc = &self.st.scopes[self.uref().scope];
        if sc.is_generator && sc.is_coroutine {
            self.emit0(Opcode::ASYNC_GEN_WRAP);
        }
        self.emit0(Opcode::YIELD_VALUE);
        self.emit(Opcode::RESUME, 1);
    }

    fn assignment_helper(&mut self, elts: &'a [Expr]) -> CResult {
        let n = elts.len();
        let mut seen_star = false;
        for (i, e) in elts.iter().enumerate() {
            if matches!(e, Expr::Starred(_)) {
                if seen_star {
                    return Err(self.error_here("multiple starred expressions in assignment"));
                }
                if i >= 256 || n - i > (i32::MAX >> 8) as usize {
                    return Err(
                        self.error_here("too many expressions in star-unpacking assignment")
                    );
                }
                self.emit(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit(Opcode::UNPACK_SEQUENCE, n as u32);
        }
        for e in elts {
            match e {
                Expr::Starred(s) => self.expr(&s.value)?,
                other => self.expr(other)?,
            }
        }
        Ok(())
    }

    /// Build a list/tuple/set from items that may include `*x` (CPython's `starunpack_helper`).
    pub(crate) fn starunpack(
        &mut self,
        elts: &'a [Expr],
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> CResult {
        let n = elts.len();
        if n > 2 {
            let consts: Option<Vec<Constant>> = elts.iter().map(|e| self.const_of(e)).collect();
            if let Some(items) = consts {
                if tuple && pushed == 0 {
                    self.load_const(Constant::Tuple(items.into()));
                } else {
                    let folded = if add == Opcode::SET_ADD {
                        Constant::FrozenSet(items.into())
                    } else {
                        Constant::Tuple(items.into())
                    };
                    self.emit(build, pushed);
                    self.load_const(folded);
                    self.emit(extend, 1);
                    if tuple {
                        self.emit0(Opcode::LIST_TO_TUPLE);
                    }
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !seen_star && !big {
            for e in elts {
                self.expr(e)?;
            }
            let total = n as u32 + pushed;
            self.emit(if tuple { Opcode::BUILD_TUPLE } else { build }, total);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed);
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let Expr::Starred(s) = e {
                if !built {
                    self.emit(build, i as u32 + pushed);
                    built = true;
                }
                self.expr(&s.value)?;
                self.emit(extend, 1);
            } else {
                self.expr(e)?;
                if built {
                    self.emit(add, 1);
                }
            }
        }
        if tuple {
            self.emit0(Opcode::LIST_TO_TUPLE);
        }
        Ok(())
    }

    fn subdict(&mut self, items: &'a [ast::DictItem]) -> CResult {
        let n = items.len();
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let keys: Option<Vec<Constant>> = items
                .iter()
                .map(|i| i.key.as_ref().and_then(|k| self.const_of(k)))
                .collect();
            if let Some(keys) = keys {
                for i in items {
                    self.expr(&i.value)?;
                }
                self.load_const(Constant::Tuple(keys.into()));
                self.emit(Opcode::BUILD_CONST_KEY_MAP, n as u32);
                return Ok(());
            }
        }
        if big {
            self.emit(Opcode::BUILD_MAP, 0);
        }
        for i in items {
            if let Some(k) = &i.key {
                self.expr(k)?;
            }
            self.expr(&i.value)?;
            if big {
                self.emit(Opcode::MAP_ADD, 1);
            }
        }
        if !big {
            self.emit(Opcode::BUILD_MAP, n as u32);
        }
        Ok(())
    }

    fn dict(&mut self, d: &'a ast::ExprDict) -> CResult {
        let n = d.items.len();
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            if d.items[i].key.is_none() {
                if elements > 0 {
                    self.subdict(&d.items[i - elements..i])?;
                    if have_dict {
                        self.emit(Opcode::DICT_UPDATE, 1);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Opcode::BUILD_MAP, 0);
                    have_dict = true;
                }
                self.expr(&d.items[i].value)?;
                self.emit(Opcode::DICT_UPDATE, 1);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(&d.items[i - elements..=i])?;
                if have_dict {
                    self.emit(Opcode::DICT_UPDATE, 1);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(&d.items[n - elements..n])?;
            if have_dict {
                self.emit(Opcode::DICT_UPDATE, 1);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Opcode::BUILD_MAP, 0);
        }
        Ok(())
    }

    fn fstring_parts(
        &self,
        elements: &'a ast::InterpolatedStringElements,
        out: &mut Vec<FPart<'a>>,
        part_range: TextRange,
    ) {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    push_lit(out, l.value.chars().map(u32::from).collect());
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    if let Some(d) = &i.debug_text {
                        let text = format!("{}{}{}", d.leading(), d.expression(), d.trailing());
                        push_lit(out, text.chars().map(u32::from).collect());
                    }
                    out.push(FPart::Value(i, part_range));
                }
            }
        }
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> CResult {
        let mut parts: Vec<FPart<'a>> = Vec::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => {
                    let v = crate::strings::literal_part(
                        self.src,
                        &l.value,
                        l.range,
                        ast::AnyStringFlags::from(l.flags),
                    );
                    push_lit(&mut parts, v);
                }
                ast::FStringPart::FString(fs)
                    if fs.range.is_empty() && fs.range.start().to_u32() == 0 =>
                {
                    for el in fs.elements.iter() {
                        match el {
                            ast::InterpolatedStringElement::Literal(l) => parts
                                .push(FPart::SynthLit(l.value.chars().map(u32::from).collect())),
                            ast::InterpolatedStringElement::Interpolation(i) => {
                                parts.push(FPart::SynthValue(i))
                            }
                        }
                    }
                }
                ast::FStringPart::FString(fs) => {
                    self.fstring_parts(&fs.elements, &mut parts, fs.range)
                }
            }
        }
        parts.retain(|p| !matches!(p, FPart::Lit(v) if v.is_empty()));
        self.joined(parts)
    }

    fn joined(&mut self, parts: Vec<FPart<'a>>) -> CResult {
        if parts.is_empty() {
            self.emit(Opcode::BUILD_STRING, 0);
            return Ok(());
        }
        let n = parts.len();
        if n > STACK_USE_GUIDELINE {
            self.load_const(Constant::str(""));
            self.emit_name(Opcode::LOAD_METHOD, "join");
            self.emit(Opcode::BUILD_LIST, 0);
            for p in parts {
                self.fpart(p)?;
                self.emit(Opcode::LIST_APPEND, 1);
            }
            self.emit(Opcode::CALL, 1);
        } else {
            for p in parts {
                self.fpart(p)?;
            }
            if n != 1 {
                self.emit(Opcode::BUILD_STRING, n as u32);
            }
        }
        Ok(())
    }

    fn fpart(&mut self, p: FPart<'a>) -> CResult {
        match p {
            FPart::Lit(v) => {
                self.load_const(Constant::Str(v.into()));
                Ok(())
            }
            FPart::SynthLit(v) => {
                let saved = self.uref().loc;
                self.unset_loc();
                self.load_const(Constant::Str(v.into()));
                self.u().loc = saved;
                Ok(())
            }
            FPart::SynthValue(i) => {
                let saved = self.uref().loc;
                self.set_loc(i.range);
                let r = self.fpart(FPart::Value(i, i.range));
                self.u().loc = saved;
                r
            }
            FPart::Value(i, part_range) => {
                self.expr(&i.expression)?;
                let mut oparg = match i.conversion {
                    ast::ConversionFlag::None => 0,
                    ast::ConversionFlag::Str => 1,
                    ast::ConversionFlag::Repr => 2,
                    ast::ConversionFlag::Ascii => 3,
                };
                if i.debug_text.is_some() && oparg == 0 && i.format_spec.is_none() {
                    oparg = 2;
                }
                if let Some(spec) = &i.format_spec {
                    let mut sp = Vec::new();
                    self.fstring_parts(&spec.elements, &mut sp, part_range);
                    sp.retain(|p| !matches!(p, FPart::Lit(v) if v.is_empty()));
                    // The spec's pieces carry the location of their own f-string token.
                    let saved = self.uref().loc;
                    self.set_loc(part_range);
                    let r = self.joined(sp);
                    self.u().loc = saved;
                    r?;
                    oparg |= 4;
                }
                self.emit(Opcode::FORMAT_VALUE, oparg);
                Ok(())
            }
        }
    }
}

fn push_lit(out: &mut Vec<FPart<'_>>, v: Vec<u32>) {
    if let Some(FPart::Lit(prev)) = out.last_mut() {
        prev.extend(v);
    } else {
        out.push(FPart::Lit(v));
    }
}

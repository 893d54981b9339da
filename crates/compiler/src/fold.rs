//! Constant folding as CPython 3.11's AST optimizer (`Python/ast_opt.c`) does it: unary and
//! binary operators on constants (with its size limits), tuples of constants, `in [..]`/`in {..}`
//! and `for x in [..]` to tuple/frozenset, constant subscripts and `__debug__`.
//!
//! Ruff's AST cannot hold arbitrary constants (negative ints, tuples), so a folded expression is
//! replaced by an `IpyEscapeCommand` node (never produced when parsing Python files) whose
//! `value` is an index into [`Folder::consts`].

use std::cell::RefCell;

use krait_bytecode::Constant;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use ruff_python_ast::visitor::transformer::{self, Transformer};
use ruff_python_ast::{self as ast, CmpOp, Expr, Number, Operator, Stmt, UnaryOp};
use ruff_text_size::Ranged;

use crate::positions::SourceFile;
use crate::strings;

const MAX_INT_SIZE: u64 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;

pub(crate) struct Folder<'a> {
    optimize: u8,
    /// Under `from __future__ import annotations` annotations stay as written.
    keep_annotations: bool,
    src: &'a SourceFile<'a>,
    pub(crate) consts: RefCell<Vec<Constant>>,
}

/// The constant an expression denotes, if it is a literal or a folded node.
pub(crate) fn const_value(src: &SourceFile<'_>, folded: &[Constant], e: &Expr) -> Option<Constant> {
    Some(match e {
        Expr::NoneLiteral(_) => Constant::None,
        Expr::EllipsisLiteral(_) => Constant::Ellipsis,
        Expr::BooleanLiteral(b) => Constant::Bool(b.value),
        Expr::NumberLiteral(n) => match &n.value {
            Number::Int(i) => int_constant(i),
            Number::Float(f) => Constant::Float(*f),
            Number::Complex { real, imag } => Constant::Complex(*real, *imag),
        },
        Expr::StringLiteral(s) => Constant::Str(strings::string_value(src, &s.value).into()),
        Expr::BytesLiteral(b) => {
            let v: Vec<u8> = b
                .value
                .iter()
                .flat_map(|p| p.value.iter().copied())
                .collect();
            Constant::Bytes(v.into())
        }
        Expr::IpyEscapeCommand(c) => folded.get(c.value.parse::<usize>().ok()?)?.clone(),
        _ => return None,
    })
}

fn int_constant(i: &ast::Int) -> Constant {
    if let Some(v) = i.as_i64() {
        return Constant::Int(v);
    }
    let text = i.to_string().replace('_', "");
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r, 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r, 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r, 2)
    } else {
        (lower.as_str(), 10)
    };
    match BigInt::parse_bytes(digits.as_bytes(), radix) {
        Some(b) => norm_int(b),
        None => Constant::Int(0),
    }
}

pub(crate) fn norm_int(b: BigInt) -> Constant {
    match b.to_i64() {
        Some(v) => Constant::Int(v),
        None => Constant::BigInt(b),
    }
}

fn as_big(c: &Constant) -> Option<BigInt> {
    match c {
        Constant::Int(i) => Some(BigInt::from(*i)),
        Constant::BigInt(b) => Some(b.clone()),
        Constant::Bool(b) => Some(BigInt::from(i64::from(*b))),
        _ => None,
    }
}

fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(f) => Some(*f),
        Constant::Int(_) | Constant::BigInt(_) | Constant::Bool(_) => as_big(c)?.to_f64(),
        _ => None,
    }
}

fn is_int(c: &Constant) -> bool {
    matches!(
        c,
        Constant::Int(_) | Constant::BigInt(_) | Constant::Bool(_)
    )
}

fn bits(b: &BigInt) -> u64 {
    b.bits()
}

fn seq_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.len()),
        Constant::Bytes(b) => Some(b.len()),
        Constant::Tuple(t) => Some(t.len()),
        _ => None,
    }
}

fn repeat(c: &Constant, n: &BigInt) -> Option<Constant> {
    let len = seq_len(c)?;
    let n = if n.is_negative() { 0 } else { n.to_usize()? };
    let limit = if matches!(c, Constant::Tuple(_)) {
        MAX_COLLECTION_SIZE
    } else {
        MAX_STR_SIZE
    };
    if len > 0 && n > limit / len {
        return None;
    }
    Some(match c {
        Constant::Str(s) => Constant::Str(
            s.to_code_points()
                .iter()
                .copied()
                .cycle()
                .take(len * n)
                .collect::<Vec<_>>()
                .into(),
        ),
        Constant::Bytes(s) => Constant::Bytes(
            s.iter()
                .copied()
                .cycle()
                .take(len * n)
                .collect::<Vec<_>>()
                .into(),
        ),
        Constant::Tuple(s) => Constant::Tuple(
            s.iter()
                .cloned()
                .cycle()
                .take(len * n)
                .collect::<Vec<_>>()
                .into(),
        ),
        _ => return None,
    })
}

fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 && ((b < 0.0) != (m < 0.0)) {
        m + b
    } else if m == 0.0 {
        0.0f64.copysign(b)
    } else {
        m
    }
}

fn binop(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    use Operator as O;
    // `bool & bool` (and `|`, `^`) stays a bool, as `bool.__and__` returns.
    if let (Constant::Bool(x), Constant::Bool(y)) = (l, r) {
        match op {
            O::BitAnd => return Some(Constant::Bool(x & y)),
            O::BitOr => return Some(Constant::Bool(x | y)),
            O::BitXor => return Some(Constant::Bool(x ^ y)),
            _ => {}
        }
    }
    if is_int(l) && is_int(r) {
        let (a, b) = (as_big(l)?, as_big(r)?);
        return Some(match op {
            O::Add => norm_int(a + b),
            O::Sub => norm_int(a - b),
            O::Mult => {
                if !a.is_zero() && !b.is_zero() && bits(&a) + bits(&b) > MAX_INT_SIZE {
                    return None;
                }
                norm_int(a * b)
            }
            O::FloorDiv => {
                if b.is_zero() {
                    return None;
                }
                norm_int(a.div_floor(&b))
            }
            O::Mod => {
                if b.is_zero() {
                    return None;
                }
                norm_int(a.mod_floor(&b))
            }
            O::Div => {
                if b.is_zero() {
                    return None;
                }
                Constant::Float(a.to_f64()? / b.to_f64()?)
            }
            O::Pow => {
                if b.is_negative() {
                    if a.is_zero() {
                        return None;
                    }
                    return Some(Constant::Float(a.to_f64()?.powf(b.to_f64()?)));
                }
                let e = b.to_u64()?;
                if !a.is_zero() && e > 0 && bits(&a) > MAX_INT_SIZE / e {
                    return None;
                }
                norm_int(num_traits::pow(a, usize::try_from(e).ok()?))
            }
            O::LShift => {
                if b.is_negative() {
                    return None;
                }
                if !a.is_zero() {
                    let w = b.to_u64()?;
                    if w > MAX_INT_SIZE || bits(&a) > MAX_INT_SIZE - w {
                        return None;
                    }
                    norm_int(a << usize::try_from(w).ok()?)
                } else {
                    Constant::Int(0)
                }
            }
            O::RShift => {
                if b.is_negative() {
                    return None;
                }
                let w = b.to_u64().unwrap_or(u64::MAX).min(1 << 20);
                norm_int(a >> usize::try_from(w).ok()?)
            }
            O::BitAnd => norm_int(a & b),
            O::BitOr => norm_int(a | b),
            O::BitXor => norm_int(a ^ b),
            O::MatMult => return None,
        });
    }
    let num = |c: &Constant| {
        matches!(
            c,
            Constant::Int(_) | Constant::BigInt(_) | Constant::Bool(_) | Constant::Float(_)
        )
    };
    if num(l) && num(r) {
        let (a, b) = (as_float(l)?, as_float(r)?);
        let v = match op {
            O::Add => a + b,
            O::Sub => a - b,
            O::Mult => a * b,
            O::Div => {
                if b == 0.0 {
                    return None;
                }
                a / b
            }
            O::FloorDiv => {
                if b == 0.0 {
                    return None;
                }
                ((a - float_mod(a, b)) / b).round()
            }
            O::Mod => {
                if b == 0.0 {
                    return None;
                }
                float_mod(a, b)
            }
            O::Pow => {
                if a == 0.0 && b < 0.0 || (a < 0.0 && b.fract() != 0.0) {
                    return None;
                }
                a.powf(b)
            }
            _ => return None,
        };
        // Overflow to infinity is fine for + - * / (CPython folds 1e300*1e300), but `**`
        // raises OverflowError at run time.
        if op == O::Pow && !v.is_finite() && a.is_finite() && b.is_finite() {
            return None;
        }
        return Some(Constant::Float(v));
    }
    let cpx = |c: &Constant| -> Option<(f64, f64)> {
        match c {
            Constant::Complex(re, im) => Some((*re, *im)),
            _ if num(c) => Some((as_float(c)?, 0.0)),
            _ => None,
        }
    };
    if matches!(l, Constant::Complex(..)) || matches!(r, Constant::Complex(..)) {
        let ((a, b), (c, d)) = (cpx(l)?, cpx(r)?);
        return match op {
            O::Add => Some(Constant::Complex(a + c, b + d)),
            O::Sub => Some(Constant::Complex(a - c, b - d)),
            O::Mult => Some(Constant::Complex(a * c - b * d, a * d + b * c)),
            _ => None,
        };
    }
    match (op, l, r) {
        (O::Add, Constant::Str(a), Constant::Str(b)) => Some(Constant::Str(
            a.code_points()
                .chain(b.code_points())
                .collect::<Vec<_>>()
                .into(),
        )),
        (O::Add, Constant::Bytes(a), Constant::Bytes(b)) => Some(Constant::Bytes(
            a.iter().chain(b.iter()).copied().collect::<Vec<_>>().into(),
        )),
        (O::Add, Constant::Tuple(a), Constant::Tuple(b)) => Some(Constant::Tuple(
            a.iter().chain(b.iter()).cloned().collect::<Vec<_>>().into(),
        )),
        (O::Mult, s, n) if is_int(n) => repeat(s, &as_big(n)?),
        (O::Mult, n, s) if is_int(n) => repeat(s, &as_big(n)?),
        _ => None,
    }
}

fn unop(op: UnaryOp, v: &Constant) -> Option<Constant> {
    Some(match (op, v) {
        (UnaryOp::USub, Constant::Float(f)) => Constant::Float(-f),
        (UnaryOp::USub, Constant::Complex(a, b)) => Constant::Complex(-a, -b),
        (UnaryOp::USub, c) if is_int(c) => norm_int(-as_big(c)?),
        (UnaryOp::UAdd, Constant::Float(f)) => Constant::Float(*f),
        (UnaryOp::UAdd, Constant::Complex(a, b)) => Constant::Complex(*a, *b),
        (UnaryOp::UAdd, c) if is_int(c) => norm_int(as_big(c)?),
        (UnaryOp::Invert, c) if is_int(c) => norm_int(-as_big(c)? - 1),
        (UnaryOp::Not, c) => Constant::Bool(!truthy(c)?),
        _ => return None,
    })
}

pub(crate) fn truthy(c: &Constant) -> Option<bool> {
    Some(match c {
        Constant::None => false,
        Constant::Ellipsis | Constant::Code(_) | Constant::Lazy(_) => true,
        Constant::Bool(b) => *b,
        Constant::Int(i) => *i != 0,
        Constant::BigInt(b) => !b.is_zero(),
        Constant::Float(f) => *f != 0.0,
        Constant::Complex(a, b) => *a != 0.0 || *b != 0.0,
        Constant::Str(s) => !s.is_empty(),
        Constant::Bytes(b) => !b.is_empty(),
        Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
    })
}

fn subscript(v: &Constant, i: &Constant) -> Option<Constant> {
    let idx = match i {
        Constant::Int(n) => *n,
        _ => return None,
    };
    let len = seq_len(v)? as i64;
    let k = if idx < 0 { idx + len } else { idx };
    if k < 0 || k >= len {
        return None;
    }
    let k = k as usize;
    Some(match v {
        Constant::Str(s) => Constant::Str(s.to_code_points()[k..=k].into()),
        Constant::Bytes(b) => Constant::Int(i64::from(b[k])),
        Constant::Tuple(t) => t[k].clone(),
        _ => return None,
    })
}

impl<'a> Folder<'a> {
    pub(crate) fn new(optimize: u8, src: &'a SourceFile<'a>, keep_annotations: bool) -> Folder<'a> {
        Folder {
            optimize,
            keep_annotations,
            src,
            consts: RefCell::new(Vec::new()),
        }
    }

    fn value(&self, e: &Expr) -> Option<Constant> {
        const_value(self.src, &self.consts.borrow(), e)
    }

    fn replace(&self, e: &mut Expr, c: Constant) {
        let range = e.range();
        let mut v = self.consts.borrow_mut();
        v.push(c);
        let idx = v.len() - 1;
        *e = Expr::IpyEscapeCommand(ast::ExprIpyEscapeCommand {
            node_index: ast::AtomicNodeIndex::default(),
            range,
            kind: ast::IpyEscapeKind::Help,
            value: idx.to_string().into(),
        });
    }

    /// `[a, b]` / `{a, b}` of constants to a tuple / frozenset constant (`fold_iter`).
    fn fold_iter(&self, e: &mut Expr) {
        let (elts, set) = match e {
            Expr::List(l) => (&l.elts, false),
            Expr::Set(s) => (&s.elts, true),
            _ => return,
        };
        if elts.iter().any(|x| matches!(x, Expr::Starred(_))) {
            return;
        }
        let vals: Option<Vec<Constant>> = elts.iter().map(|x| self.value(x)).collect();
        if let Some(v) = vals {
            let c = if set {
                Constant::FrozenSet(dedup(v).into())
            } else {
                Constant::Tuple(v.into())
            };
            self.replace(e, c);
        } else if let Expr::List(l) = e {
            // A list that is only iterated over may as well be a tuple.
            let t = ast::ExprTuple {
                node_index: ast::AtomicNodeIndex::default(),
                range: l.range,
                elts: std::mem::take(&mut l.elts),
                ctx: ast::ExprContext::Load,
                parenthesized: true,
            };
            *e = Expr::Tuple(t);
        }
    }

    fn fold(&self, e: &mut Expr) {
        let new = match e {
            Expr::UnaryOp(u) => {
                if let Some(v) = self.value(&u.operand) {
                    unop(u.op, &v)
                } else if u.op == UnaryOp::Not
                    && let Expr::Compare(c) = &*u.operand
                    && c.ops.len() == 1
                {
                    let inv = match c.ops[0] {
                        CmpOp::Is => Some(CmpOp::IsNot),
                        CmpOp::IsNot => Some(CmpOp::Is),
                        CmpOp::In => Some(CmpOp::NotIn),
                        CmpOp::NotIn => Some(CmpOp::In),
                        _ => None,
                    };
                    if let Some(op) = inv {
                        let mut c = c.clone();
                        c.ops = vec![op].into_boxed_slice();
                        *e = Expr::Compare(c);
                    }
                    None
                } else {
                    None
                }
            }
            Expr::BinOp(b)
                if b.op == Operator::Mod
                    && matches!(&*b.right, Expr::Tuple(t) if !t.elts.iter().any(|x| matches!(x, Expr::Starred(_))))
                    && matches!(self.value(&b.left), Some(Constant::Str(_))) =>
            {
                if let (Some(Constant::Str(fmt)), Expr::Tuple(t)) = (self.value(&b.left), &*b.right)
                    && let Some(fs) = percent_format(&fmt.to_code_points(), &t.elts, b.range)
                {
                    *e = fs;
                }
                None
            }
            Expr::BinOp(b) => match (self.value(&b.left), self.value(&b.right)) {
                (Some(l), Some(r)) => {
                    if b.op == Operator::Mod && matches!(l, Constant::Str(_) | Constant::Bytes(_)) {
                        None
                    } else {
                        binop(b.op, &l, &r)
                    }
                }
                _ => None,
            },
            Expr::Tuple(t) if t.ctx == ast::ExprContext::Load => {
                let vals: Option<Vec<Constant>> = t.elts.iter().map(|x| self.value(x)).collect();
                vals.map(|v| Constant::Tuple(v.into()))
            }
            Expr::Subscript(s) if s.ctx == ast::ExprContext::Load => {
                match (self.value(&s.value), self.value(&s.slice)) {
                    (Some(v), Some(i)) => subscript(&v, &i),
                    _ => None,
                }
            }
            Expr::Compare(c) => {
                if let Some(last) = c.comparators.last_mut()
                    && matches!(c.ops.last(), Some(CmpOp::In | CmpOp::NotIn))
                {
                    self.fold_iter(last);
                }
                None
            }
            Expr::Name(n) if n.id.as_str() == "__debug__" && n.ctx == ast::ExprContext::Load => {
                Some(Constant::Bool(self.optimize == 0))
            }
            Expr::ListComp(c) => {
                self.comp_iters(&mut c.generators);
                None
            }
            Expr::SetComp(c) => {
                self.comp_iters(&mut c.generators);
                None
            }
            Expr::DictComp(c) => {
                self.comp_iters(&mut c.generators);
                None
            }
            Expr::Generator(c) => {
                self.comp_iters(&mut c.generators);
                None
            }
            _ => None,
        };
        if let Some(c) = new {
            self.replace(e, c);
        }
    }

    fn comp_iters(&self, gens: &mut [ast::Comprehension]) {
        for g in gens {
            self.fold_iter(&mut g.iter);
        }
    }

    pub(crate) fn stmt(&self, s: &mut Stmt) {
        self.visit_stmt(s);
    }

    pub(crate) fn expr(&self, e: &mut Expr) {
        self.visit_expr(e);
    }
}

/// `"...%s..." % (a, b)` with only `%s`/`%r`/`%a` (optionally with width and precision)
/// becomes an f-string, as CPython 3.11's `optimize_format` does. The synthesized f-string has
/// an empty range at offset 0 so the code generator knows its literal parts have no location.
fn percent_format(fmt: &[u32], args: &[Expr], range: ruff_text_size::TextRange) -> Option<Expr> {
    let text: String = fmt
        .iter()
        .map(|&c| char::from_u32(c))
        .collect::<Option<String>>()?;
    let chars: Vec<char> = text.chars().collect();
    let mut elements: Vec<ast::InterpolatedStringElement> = Vec::new();
    let lit = |s: String| {
        ast::InterpolatedStringElement::Literal(ast::InterpolatedStringLiteralElement {
            node_index: ast::AtomicNodeIndex::default(),
            range: ruff_text_size::TextRange::default(),
            value: s.into(),
        })
    };
    let mut pos = 0;
    let mut arg = 0;
    loop {
        let mut s = String::new();
        while pos < chars.len() {
            if chars[pos] != '%' {
                s.push(chars[pos]);
                pos += 1;
            } else if chars.get(pos + 1) == Some(&'%') {
                s.push('%');
                pos += 2;
            } else {
                break;
            }
        }
        if !s.is_empty() {
            elements.push(lit(s));
        }
        if pos >= chars.len() {
            break;
        }
        let value = args.get(arg)?;
        arg += 1;
        pos += 1;
        // flags, width, precision, conversion
        let mut ljust = false;
        while let Some(&c) = chars.get(pos) {
            match c {
                '-' => ljust = true,
                '+' | ' ' | '#' | '0' => {}
                _ => break,
            }
            pos += 1;
        }
        let number = |pos: &mut usize| -> Option<Option<u32>> {
            let mut n: Option<u32> = None;
            let mut digits = 0;
            while let Some(d) = chars.get(*pos).and_then(|c| c.to_digit(10)) {
                n = Some(n.unwrap_or(0) * 10 + d);
                *pos += 1;
                digits += 1;
                if digits >= 3 {
                    return None;
                }
            }
            Some(n)
        };
        let width = number(&mut pos)?;
        let mut prec = None;
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            prec = Some(number(&mut pos)?.unwrap_or(0));
        }
        let conv = match chars.get(pos)? {
            's' => ast::ConversionFlag::Str,
            'r' => ast::ConversionFlag::Repr,
            'a' => ast::ConversionFlag::Ascii,
            _ => return None,
        };
        pos += 1;
        let mut spec = String::new();
        if let Some(w) = width {
            if !ljust && w > 0 {
                spec.push('>');
            }
            spec.push_str(&w.to_string());
        }
        if let Some(p) = prec {
            spec.push_str(&format!(".{p}"));
        }
        let format_spec = (!spec.is_empty()).then(|| {
            Box::new(ast::InterpolatedStringFormatSpec {
                node_index: ast::AtomicNodeIndex::default(),
                range: ruff_text_size::TextRange::default(),
                elements: vec![lit(spec)].into(),
            })
        });
        elements.push(ast::InterpolatedStringElement::Interpolation(
            ast::InterpolatedElement {
                node_index: ast::AtomicNodeIndex::default(),
                range: value.range(),
                expression: Box::new(value.clone()),
                debug_text: None,
                conversion: conv,
                format_spec,
            },
        ));
    }
    if arg < args.len() {
        return None;
    }
    let fstring = ast::FString {
        node_index: ast::AtomicNodeIndex::default(),
        range: ruff_text_size::TextRange::default(),
        elements: elements.into(),
        flags: ast::FStringFlags::empty(),
    };
    Some(Expr::FString(ast::ExprFString {
        node_index: ast::AtomicNodeIndex::default(),
        range,
        value: ast::FStringValue::single(fstring),
    }))
}

fn dedup(v: Vec<Constant>) -> Vec<Constant> {
    let mut out: Vec<Constant> = Vec::new();
    for c in v {
        if !out.iter().any(|x| const_eq(x, &c)) {
            out.push(c);
        }
    }
    out
}

/// Python equality for set members (1 == 1.0 == True).
fn const_eq(a: &Constant, b: &Constant) -> bool {
    match (as_float(a), as_float(b)) {
        (Some(x), Some(y)) if is_int(a) && is_int(b) => as_big(a) == as_big(b) && x == y,
        (Some(x), Some(y)) => x == y,
        _ => a.same_as(b),
    }
}

impl Transformer for Folder<'_> {
    fn visit_stmt(&self, stmt: &mut Stmt) {
        if let Stmt::For(f) = stmt {
            self.visit_expr(&mut f.iter);
            // CPython folds a list/set display into a constant only for plain `for`.
            if !f.is_async {
                self.fold_iter(&mut f.iter);
            }
            self.visit_expr(&mut f.target);
            for s in f.body.iter_mut().chain(f.orelse.iter_mut()) {
                self.visit_stmt(s);
            }
            return;
        }
        transformer::walk_stmt(self, stmt);
    }

    fn visit_expr(&self, expr: &mut Expr) {
        transformer::walk_expr(self, expr);
        self.fold(expr);
    }

    fn visit_annotation(&self, expr: &mut Expr) {
        if self.keep_annotations {
            return;
        }
        transformer::walk_expr(self, expr);
        self.fold(expr);
    }
}

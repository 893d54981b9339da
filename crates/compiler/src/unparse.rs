//! Expression to source text, for annotations under `from __future__ import annotations`
//! (CPython 3.11's `Python/ast_unparse.c`: same precedence rules, spacing and constant reprs).
//! Forms it does not handle return `None`; the caller then falls back to the source text.

use krait_bytecode::Constant;
use krait_common::repr;
use ruff_python_ast::{self as ast, BoolOp, CmpOp, Expr, Operator, UnaryOp};

use crate::positions::SourceFile;

// Precedence levels, lowest first.
const PR_TUPLE: u8 = 0;
const PR_TEST: u8 = 1;
const PR_OR: u8 = 2;
const PR_AND: u8 = 3;
const PR_NOT: u8 = 4;
const PR_CMP: u8 = 5;
const PR_EXPR: u8 = 6;
const PR_BOR: u8 = PR_EXPR;
const PR_BXOR: u8 = 7;
const PR_BAND: u8 = 8;
const PR_SHIFT: u8 = 9;
const PR_ARITH: u8 = 10;
const PR_TERM: u8 = 11;
const PR_FACTOR: u8 = 12;
const PR_POWER: u8 = 13;
const PR_ATOM: u8 = 15;

pub(crate) struct Unparser<'a> {
    pub(crate) src: &'a SourceFile<'a>,
    pub(crate) folded: &'a [Constant],
}

fn constant_text(c: &Constant) -> Option<String> {
    Some(match c {
        Constant::None => "None".into(),
        Constant::Ellipsis => "...".into(),
        Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(f) if f.is_infinite() => if *f > 0.0 { "1e309" } else { "-1e309" }.into(),
        Constant::Float(f) => repr::float_repr(*f),
        Constant::Complex(re, im) => repr::complex_repr(*re, *im),
        Constant::Str(s) => repr::str_repr(&s.to_code_points()),
        Constant::Bytes(b) => repr::bytes_repr(b),
        Constant::Tuple(items) => {
            let parts: Option<Vec<String>> = items.iter().map(constant_text).collect();
            let parts = parts?;
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        _ => return None,
    })
}

impl Unparser<'_> {
    pub(crate) fn unparse(&self, e: &Expr) -> Option<String> {
        let mut out = String::new();
        self.expr(e, PR_TEST, &mut out)?;
        Some(out)
    }

    fn expr(&self, e: &Expr, level: u8, out: &mut String) -> Option<()> {
        if let Some(c) = crate::fold::const_value(self.src, self.folded, e) {
            let text = constant_text(&c)?;
            // A folded negative number prints like the unary expression it came from.
            let needs_parens = text.starts_with('-') && level > PR_FACTOR;
            if needs_parens {
                out.push('(');
            }
            out.push_str(&text);
            if needs_parens {
                out.push(')');
            }
            return Some(());
        }
        match e {
            Expr::Name(n) => out.push_str(&n.id),
            Expr::Attribute(a) => {
                self.expr(&a.value, PR_ATOM, out)?;
                if let Expr::NumberLiteral(ast::ExprNumberLiteral {
                    value: ast::Number::Int(_),
                    ..
                }) = &*a.value
                {
                    out.push(' ');
                }
                out.push('.');
                out.push_str(&a.attr);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value, PR_ATOM, out)?;
                out.push('[');
                match &*s.slice {
                    Expr::Tuple(t) if !t.elts.is_empty() => {
                        self.seq(&t.elts, out, t.elts.len() == 1)?
                    }
                    other => self.expr(other, PR_TUPLE, out)?,
                }
                out.push(']');
            }
            Expr::Tuple(t) => {
                if t.elts.is_empty() {
                    out.push_str("()");
                } else {
                    let parens = level > PR_TUPLE;
                    if parens {
                        out.push('(');
                    }
                    self.seq(&t.elts, out, t.elts.len() == 1)?;
                    if parens {
                        out.push(')');
                    }
                }
            }
            Expr::List(l) => {
                out.push('[');
                self.seq(&l.elts, out, false)?;
                out.push(']');
            }
            Expr::Set(s) => {
                out.push('{');
                self.seq(&s.elts, out, false)?;
                out.push('}');
            }
            Expr::Dict(d) => {
                out.push('{');
                for (i, item) in d.items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match &item.key {
                        Some(k) => {
                            self.expr(k, PR_TEST, out)?;
                            out.push_str(": ");
                            self.expr(&item.value, PR_TEST, out)?;
                        }
                        None => {
                            out.push_str("**");
                            self.expr(&item.value, PR_EXPR, out)?;
                        }
                    }
                }
                out.push('}');
            }
            Expr::Starred(s) => {
                out.push('*');
                self.expr(&s.value, PR_EXPR, out)?;
            }
            Expr::BinOp(b) => {
                let (pr, sym) = match b.op {
                    Operator::BitOr => (PR_BOR, " | "),
                    Operator::BitXor => (PR_BXOR, " ^ "),
                    Operator::BitAnd => (PR_BAND, " & "),
                    Operator::LShift => (PR_SHIFT, " << "),
                    Operator::RShift => (PR_SHIFT, " >> "),
                    Operator::Add => (PR_ARITH, " + "),
                    Operator::Sub => (PR_ARITH, " - "),
                    Operator::Mult => (PR_TERM, " * "),
                    Operator::MatMult => (PR_TERM, " @ "),
                    Operator::Div => (PR_TERM, " / "),
                    Operator::Mod => (PR_TERM, " % "),
                    Operator::FloorDiv => (PR_TERM, " // "),
                    Operator::Pow => (PR_POWER, " ** "),
                };
                let right_assoc = b.op == Operator::Pow;
                let parens = level > pr;
                if parens {
                    out.push('(');
                }
                self.expr(&b.left, if right_assoc { pr + 1 } else { pr }, out)?;
                out.push_str(sym);
                self.expr(&b.right, if right_assoc { pr } else { pr + 1 }, out)?;
                if parens {
                    out.push(')');
                }
            }
            Expr::UnaryOp(u) => {
                let (pr, sym) = match u.op {
                    UnaryOp::Not => (PR_NOT, "not "),
                    UnaryOp::Invert => (PR_FACTOR, "~"),
                    UnaryOp::UAdd => (PR_FACTOR, "+"),
                    UnaryOp::USub => (PR_FACTOR, "-"),
                };
                let parens = level > pr;
                if parens {
                    out.push('(');
                }
                out.push_str(sym);
                self.expr(&u.operand, pr, out)?;
                if parens {
                    out.push(')');
                }
            }
            Expr::BoolOp(b) => {
                let (pr, sym) = if b.op == BoolOp::And {
                    (PR_AND, " and ")
                } else {
                    (PR_OR, " or ")
                };
                let parens = level > pr;
                if parens {
                    out.push('(');
                }
                for (i, v) in b.values.iter().enumerate() {
                    if i > 0 {
                        out.push_str(sym);
                    }
                    self.expr(v, pr + 1, out)?;
                }
                if parens {
                    out.push(')');
                }
            }
            Expr::Compare(c) => {
                let parens = level > PR_CMP;
                if parens {
                    out.push('(');
                }
                self.expr(&c.left, PR_CMP + 1, out)?;
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    out.push_str(match op {
                        CmpOp::Eq => " == ",
                        CmpOp::NotEq => " != ",
                        CmpOp::Lt => " < ",
                        CmpOp::LtE => " <= ",
                        CmpOp::Gt => " > ",
                        CmpOp::GtE => " >= ",
                        CmpOp::Is => " is ",
                        CmpOp::IsNot => " is not ",
                        CmpOp::In => " in ",
                        CmpOp::NotIn => " not in ",
                    });
                    self.expr(right, PR_CMP + 1, out)?;
                }
                if parens {
                    out.push(')');
                }
            }
            Expr::If(i) => {
                let parens = level > PR_TEST;
                if parens {
                    out.push('(');
                }
                self.expr(&i.body, PR_TEST + 1, out)?;
                out.push_str(" if ");
                self.expr(&i.test, PR_TEST + 1, out)?;
                out.push_str(" else ");
                self.expr(&i.orelse, PR_TEST, out)?;
                if parens {
                    out.push(')');
                }
            }
            Expr::Call(c) => {
                self.expr(&c.func, PR_ATOM, out)?;
                out.push('(');
                let mut first = true;
                for a in c.arguments.args.iter() {
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    self.expr(a, PR_TEST, out)?;
                }
                for k in c.arguments.keywords.iter() {
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    match &k.arg {
                        Some(name) => {
                            out.push_str(name);
                            out.push('=');
                        }
                        None => out.push_str("**"),
                    }
                    self.expr(&k.value, PR_TEST, out)?;
                }
                out.push(')');
            }
            Expr::Slice(s) => {
                if let Some(l) = &s.lower {
                    self.expr(l, PR_TEST, out)?;
                }
                out.push(':');
                if let Some(u) = &s.upper {
                    self.expr(u, PR_TEST, out)?;
                }
                if let Some(st) = &s.step {
                    out.push(':');
                    self.expr(st, PR_TEST, out)?;
                }
            }
            _ => return None,
        }
        Some(())
    }

    fn seq(&self, elts: &[Expr], out: &mut String, trailing_comma: bool) -> Option<()> {
        for (i, e) in elts.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.expr(e, PR_TEST, out)?;
        }
        if trailing_comma {
            out.push(',');
        }
        Some(())
    }
}

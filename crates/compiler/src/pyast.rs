//! Ruff's AST as CPython 3.11's `ast` module presents it (`Python/Python-ast.c`'s `ast2obj_*`):
//! a generic tree of named nodes that the VM turns into `ast.AST` objects. Node classes, field
//! order, `ctx`, `Constant.kind`, 3.11's `JoinedStr` shape and CPython's position conventions
//! (decorated definitions start at `def`/`class`, `elif` chains nest, a lone generator argument
//! spans the call's parentheses, f-string pieces carry the whole string's range) are all made
//! here. `from_py` (in `pyast/from_py.rs`) is the reverse, for `compile()` of an AST object.

use krait_bytecode::Constant;
use ruff_python_ast::{
    self as ast, AnyStringFlags, BoolOp, CmpOp, ConversionFlag, ExceptHandler, Expr, ExprContext,
    FStringPart, InterpolatedStringElement, Operator, Pattern, Stmt, UnaryOp,
};
use ruff_text_size::{Ranged, TextRange};

use crate::positions::SourceFile;

pub(crate) mod from_py;

/// One value in the tree: a node, a list, a constant (identifiers are `Constant::Str`), or
/// `None`. `Missing` and `Other` only occur in trees read back from Python objects: an absent
/// attribute, and an object that is none of the others (with its `repr`).
#[derive(Clone, Debug)]
pub enum PyAst {
    /// An `ast.AST` node.
    Node(Box<PyNode>),
    /// A Python list.
    List(Vec<PyAst>),
    /// A constant or identifier.
    Const(Constant),
    /// `None`.
    None,
    /// The attribute is not set.
    Missing,
    /// Any other object, by its `repr()`; `.1` is its type name.
    Other(String, String),
}

/// A node: its class name (one of `_ast`'s) and its fields then its attributes, by name.
#[derive(Clone, Debug)]
pub struct PyNode {
    /// The `_ast` class (for a subclass, the `_ast` class it derives from).
    pub class: &'static str,
    /// `(name, value)` for each field, then `lineno`, `col_offset`, `end_lineno`,
    /// `end_col_offset` where the class has them.
    pub fields: Vec<(&'static str, PyAst)>,
    /// The `repr()` of the Python object (for error messages); empty when made from source.
    pub repr: String,
}

impl PyNode {
    /// The value of a field or attribute.
    pub fn get(&self, name: &str) -> &PyAst {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&PyAst::Missing, |(_, v)| v)
    }
}

fn s(text: &str) -> PyAst {
    PyAst::Const(Constant::str(text))
}

fn int(v: i64) -> PyAst {
    PyAst::Const(Constant::Int(v))
}

fn leaf(class: &'static str) -> PyAst {
    PyAst::Node(Box::new(PyNode {
        class,
        fields: Vec::new(),
        repr: String::new(),
    }))
}

pub(crate) struct ToPy<'a> {
    src: &'a SourceFile<'a>,
    /// With `PyCF_TYPE_COMMENTS`: each `# type: X` comment's offset and `X`, and each
    /// `# type: ignore...` comment's line and tag.
    type_comments: Vec<(u32, String)>,
    type_ignores: Vec<(u32, String)>,
}

impl<'a> ToPy<'a> {
    pub(crate) fn new(src: &'a SourceFile<'a>) -> ToPy<'a> {
        ToPy {
            src,
            type_comments: Vec::new(),
            type_ignores: Vec::new(),
        }
    }

    /// Find the type comments as CPython's tokenizer does under `PyCF_TYPE_COMMENTS`: a
    /// comment matching `#<ws>type:<ws>`; `ignore` followed by nothing alphanumeric makes it
    /// a `TYPE_IGNORE` (its tag is the rest of the comment).
    pub(crate) fn with_type_comments(mut self, comments: &[TextRange]) -> ToPy<'a> {
        for r in comments {
            let Some(text) = self.src.text.get(r.start().to_usize()..r.end().to_usize()) else {
                continue;
            };
            let ws = |s: &'a str| s.trim_start_matches([' ', '\t']);
            let Some(rest) = text.strip_prefix('#').map(ws) else {
                continue;
            };
            let Some(rest) = rest.strip_prefix("type:").map(ws) else {
                continue;
            };
            let is_ignore = rest.strip_prefix("ignore").is_some_and(|after| {
                !after
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_ascii() || c.is_ascii_alphanumeric())
            });
            if is_ignore {
                let line = self.src.line_col(r.start().to_u32()).0;
                self.type_ignores.push((line, rest[6..].to_string()));
            } else {
                self.type_comments
                    .push((r.start().to_u32(), rest.to_string()));
            }
        }
        self
    }

    /// The first type comment starting in `[from, to)`.
    fn type_comment(&self, from: ruff_text_size::TextSize, to: ruff_text_size::TextSize) -> PyAst {
        self.type_comments
            .iter()
            .find(|(at, _)| *at >= from.to_u32() && *at < to.to_u32())
            .map_or(PyAst::None, |(_, c)| s(c))
    }

    /// The type comment after a simple statement, on the line where it ends.
    fn trailing_type_comment(&self, end: ruff_text_size::TextSize) -> PyAst {
        let line = self.src.line_col(end.to_u32()).0;
        let next = self.src.line_start(line + 1);
        self.type_comment(end, ruff_text_size::TextSize::new(next.max(end.to_u32())))
    }

    /// The type comment of a block statement: between its header and its body.
    fn block_type_comment(&self, header_end: ruff_text_size::TextSize, body: &[Stmt]) -> PyAst {
        match body.first() {
            Some(b) => self.type_comment(header_end, b.start()),
            None => PyAst::None,
        }
    }

    fn node(
        &self,
        class: &'static str,
        mut fields: Vec<(&'static str, PyAst)>,
        range: Option<TextRange>,
    ) -> PyAst {
        if let Some(r) = range {
            let (l, c) = self.src.line_col(r.start().to_u32());
            let (el, ec) = self.src.line_col(r.end().to_u32());
            fields.push(("lineno", int(i64::from(l))));
            fields.push(("col_offset", int(i64::from(c))));
            fields.push(("end_lineno", int(i64::from(el))));
            fields.push(("end_col_offset", int(i64::from(ec))));
        }
        PyAst::Node(Box::new(PyNode {
            class,
            fields,
            repr: String::new(),
        }))
    }

    pub(crate) fn module(&self, body: &[Stmt]) -> PyAst {
        self.node(
            "Module",
            vec![
                ("body", self.stmts(body)),
                (
                    "type_ignores",
                    PyAst::List(
                        self.type_ignores
                            .iter()
                            .map(|(line, tag)| {
                                self.node(
                                    "TypeIgnore",
                                    vec![("lineno", int(i64::from(*line))), ("tag", s(tag))],
                                    None,
                                )
                            })
                            .collect(),
                    ),
                ),
            ],
            None,
        )
    }

    pub(crate) fn interactive(&self, body: &[Stmt]) -> PyAst {
        self.node("Interactive", vec![("body", self.stmts(body))], None)
    }

    pub(crate) fn expression(&self, e: &Expr) -> PyAst {
        self.node("Expression", vec![("body", self.expr(e))], None)
    }

    pub(crate) fn function_type(&self, argtypes: &[Expr], returns: &Expr) -> PyAst {
        self.node(
            "FunctionType",
            vec![
                ("argtypes", self.exprs(argtypes)),
                ("returns", self.expr(returns)),
            ],
            None,
        )
    }

    fn stmts(&self, body: &[Stmt]) -> PyAst {
        PyAst::List(body.iter().map(|st| self.stmt(st)).collect())
    }

    fn exprs(&self, es: &[Expr]) -> PyAst {
        PyAst::List(es.iter().map(|e| self.expr(e)).collect())
    }

    fn opt(&self, e: Option<&Expr>) -> PyAst {
        e.map_or(PyAst::None, |e| self.expr(e))
    }

    fn ident(id: Option<&ast::Identifier>) -> PyAst {
        id.map_or(PyAst::None, |i| s(i.id.as_str()))
    }

    /// A compound statement's range as CPython ends it: at its last token, which is the `;`
    /// after a last simple statement written `x;`.
    fn block_end(&self, r: TextRange) -> TextRange {
        let text = self.src.text.as_bytes();
        let mut i = r.end().to_usize();
        while i < text.len() && matches!(text[i], b' ' | b'\t' | b'\x0c') {
            i += 1;
        }
        if text.get(i) == Some(&b';') {
            return TextRange::new(r.start(), ruff_text_size::TextSize::new(i as u32 + 1));
        }
        r
    }

    /// Where a (possibly decorated) `def`/`class` statement starts: at its keyword, or at
    /// `async`.
    fn def_start(&self, name: &ast::Identifier, range: TextRange, is_async: bool) -> TextRange {
        let text = self.src.text.as_bytes();
        let back_ws = |mut i: usize| -> usize {
            loop {
                if i > 0 && matches!(text[i - 1], b' ' | b'\t' | b'\x0c') {
                    i -= 1;
                } else if i >= 2 && text[i - 1] == b'\n' && text[i - 2] == b'\\' {
                    i -= 2;
                } else if i >= 3 && &text[i - 3..i] == b"\\\r\n" {
                    i -= 3;
                } else {
                    return i;
                }
            }
        };
        let mut i = back_ws(name.range.start().to_usize().min(text.len()));
        for kw in [&b"class"[..], b"def"] {
            if i >= kw.len() && &text[i - kw.len()..i] == kw {
                i -= kw.len();
                break;
            }
        }
        if is_async {
            let j = back_ws(i);
            if j >= 5 && &text[j - 5..j] == b"async" {
                i = j - 5;
            }
        }
        let start = ruff_text_size::TextSize::new(i as u32);
        if start < range.start() || start > range.end() {
            return range;
        }
        TextRange::new(start, range.end())
    }

    fn stmt(&self, st: &Stmt) -> PyAst {
        let r = if crate::errors::is_compound(st) {
            Some(self.block_end(st.range()))
        } else {
            Some(st.range())
        };
        match st {
            Stmt::FunctionDef(f) => {
                let class = if f.is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                let range = self.def_start(&f.name, self.block_end(f.range), f.is_async);
                self.node(
                    class,
                    vec![
                        ("name", s(f.name.id.as_str())),
                        ("args", self.parameters(Some(&f.parameters))),
                        ("body", self.stmts(&f.body)),
                        ("decorator_list", self.decorators(&f.decorator_list)),
                        ("returns", self.opt(f.returns.as_deref())),
                        (
                            "type_comment",
                            self.block_type_comment(
                                f.returns
                                    .as_deref()
                                    .map_or(f.parameters.range.end(), |r| r.end()),
                                &f.body,
                            ),
                        ),
                    ],
                    Some(range),
                )
            }
            Stmt::ClassDef(c) => {
                let range = self.def_start(&c.name, self.block_end(c.range), false);
                let (bases, keywords) = match &c.arguments {
                    Some(a) => (self.exprs(&a.args), self.keywords(&a.keywords)),
                    None => (PyAst::List(vec![]), PyAst::List(vec![])),
                };
                self.node(
                    "ClassDef",
                    vec![
                        ("name", s(c.name.id.as_str())),
                        ("bases", bases),
                        ("keywords", keywords),
                        ("body", self.stmts(&c.body)),
                        ("decorator_list", self.decorators(&c.decorator_list)),
                    ],
                    Some(range),
                )
            }
            Stmt::Return(x) => {
                self.node("Return", vec![("value", self.opt(x.value.as_deref()))], r)
            }
            Stmt::Delete(x) => self.node("Delete", vec![("targets", self.exprs(&x.targets))], r),
            Stmt::Assign(x) => self.node(
                "Assign",
                vec![
                    ("targets", self.exprs(&x.targets)),
                    ("value", self.expr(&x.value)),
                    ("type_comment", self.trailing_type_comment(x.range.end())),
                ],
                r,
            ),
            Stmt::AugAssign(x) => self.node(
                "AugAssign",
                vec![
                    ("target", self.expr(&x.target)),
                    ("op", leaf(operator(x.op))),
                    ("value", self.expr(&x.value)),
                ],
                r,
            ),
            Stmt::AnnAssign(x) => self.node(
                "AnnAssign",
                vec![
                    ("target", self.expr(&x.target)),
                    ("annotation", self.expr(&x.annotation)),
                    ("value", self.opt(x.value.as_deref())),
                    ("simple", int(i64::from(x.simple))),
                ],
                r,
            ),
            Stmt::For(x) => self.node(
                if x.is_async { "AsyncFor" } else { "For" },
                vec![
                    ("target", self.expr(&x.target)),
                    ("iter", self.expr(&x.iter)),
                    ("body", self.stmts(&x.body)),
                    ("orelse", self.stmts(&x.orelse)),
                    (
                        "type_comment",
                        self.block_type_comment(x.iter.end(), &x.body),
                    ),
                ],
                r,
            ),
            Stmt::While(x) => self.node(
                "While",
                vec![
                    ("test", self.expr(&x.test)),
                    ("body", self.stmts(&x.body)),
                    ("orelse", self.stmts(&x.orelse)),
                ],
                r,
            ),
            Stmt::If(x) => {
                let orelse = self.elif_chain(&x.elif_else_clauses);
                self.node(
                    "If",
                    vec![
                        ("test", self.expr(&x.test)),
                        ("body", self.stmts(&x.body)),
                        ("orelse", orelse),
                    ],
                    r,
                )
            }
            Stmt::With(x) => {
                let items = x
                    .items
                    .iter()
                    .map(|it| {
                        self.node(
                            "withitem",
                            vec![
                                ("context_expr", self.expr(&it.context_expr)),
                                ("optional_vars", self.opt(it.optional_vars.as_deref())),
                            ],
                            None,
                        )
                    })
                    .collect();
                self.node(
                    if x.is_async { "AsyncWith" } else { "With" },
                    vec![
                        ("items", PyAst::List(items)),
                        ("body", self.stmts(&x.body)),
                        (
                            "type_comment",
                            self.block_type_comment(
                                x.items.last().map_or(x.range.start(), |i| i.range.end()),
                                &x.body,
                            ),
                        ),
                    ],
                    r,
                )
            }
            Stmt::Match(x) => {
                let cases = x
                    .cases
                    .iter()
                    .map(|c| {
                        self.node(
                            "match_case",
                            vec![
                                ("pattern", self.pattern(&c.pattern)),
                                ("guard", self.opt(c.guard.as_deref())),
                                ("body", self.stmts(&c.body)),
                            ],
                            None,
                        )
                    })
                    .collect();
                self.node(
                    "Match",
                    vec![
                        ("subject", self.expr(&x.subject)),
                        ("cases", PyAst::List(cases)),
                    ],
                    r,
                )
            }
            Stmt::Raise(x) => self.node(
                "Raise",
                vec![
                    ("exc", self.opt(x.exc.as_deref())),
                    ("cause", self.opt(x.cause.as_deref())),
                ],
                r,
            ),
            Stmt::Try(x) => {
                let handlers = x
                    .handlers
                    .iter()
                    .map(|h| {
                        let ExceptHandler::ExceptHandler(h) = h;
                        self.node(
                            "ExceptHandler",
                            vec![
                                ("type", self.opt(h.type_.as_deref())),
                                ("name", Self::ident(h.name.as_ref())),
                                ("body", self.stmts(&h.body)),
                            ],
                            Some(self.block_end(h.range)),
                        )
                    })
                    .collect();
                self.node(
                    if x.is_star { "TryStar" } else { "Try" },
                    vec![
                        ("body", self.stmts(&x.body)),
                        ("handlers", PyAst::List(handlers)),
                        ("orelse", self.stmts(&x.orelse)),
                        ("finalbody", self.stmts(&x.finalbody)),
                    ],
                    r,
                )
            }
            Stmt::Assert(x) => self.node(
                "Assert",
                vec![
                    ("test", self.expr(&x.test)),
                    ("msg", self.opt(x.msg.as_deref())),
                ],
                r,
            ),
            Stmt::Import(x) => self.node("Import", vec![("names", self.aliases(&x.names))], r),
            Stmt::ImportFrom(x) => self.node(
                "ImportFrom",
                vec![
                    ("module", Self::ident(x.module.as_ref())),
                    ("names", self.aliases(&x.names)),
                    ("level", int(i64::from(x.level))),
                ],
                r,
            ),
            Stmt::Global(x) => self.node(
                "Global",
                vec![(
                    "names",
                    PyAst::List(x.names.iter().map(|n| s(n.id.as_str())).collect()),
                )],
                r,
            ),
            Stmt::Nonlocal(x) => self.node(
                "Nonlocal",
                vec![(
                    "names",
                    PyAst::List(x.names.iter().map(|n| s(n.id.as_str())).collect()),
                )],
                r,
            ),
            Stmt::Expr(x) => self.node("Expr", vec![("value", self.expr(&x.value))], r),
            Stmt::Pass(_) => self.node("Pass", vec![], r),
            Stmt::Break(_) => self.node("Break", vec![], r),
            Stmt::Continue(_) => self.node("Continue", vec![], r),
            // Not Python 3.11 syntax (rejected before this runs).
            Stmt::TypeAlias(_) | Stmt::IpyEscapeCommand(_) => self.node("Pass", vec![], r),
        }
    }

    /// `elif`/`else` clauses as CPython nests them: each `elif` is an `If` in the previous
    /// one's `orelse`, starting at its `elif` and ending where the whole chain ends.
    fn elif_chain(&self, clauses: &[ast::ElifElseClause]) -> PyAst {
        let Some((first, rest)) = clauses.split_first() else {
            return PyAst::List(vec![]);
        };
        match &first.test {
            None => self.stmts(&first.body),
            Some(test) => {
                let end = clauses.last().map_or(first.range.end(), |c| c.range.end());
                let range = self.block_end(TextRange::new(
                    first.range.start(),
                    end.max(first.range.start()),
                ));
                PyAst::List(vec![self.node(
                    "If",
                    vec![
                        ("test", self.expr(test)),
                        ("body", self.stmts(&first.body)),
                        ("orelse", self.elif_chain(rest)),
                    ],
                    Some(range),
                )])
            }
        }
    }

    fn decorators(&self, ds: &[ast::Decorator]) -> PyAst {
        PyAst::List(ds.iter().map(|d| self.expr(&d.expression)).collect())
    }

    fn aliases(&self, names: &[ast::Alias]) -> PyAst {
        PyAst::List(
            names
                .iter()
                .map(|a| {
                    self.node(
                        "alias",
                        vec![
                            ("name", s(a.name.id.as_str())),
                            ("asname", Self::ident(a.asname.as_ref())),
                        ],
                        Some(a.range),
                    )
                })
                .collect(),
        )
    }

    fn keywords(&self, ks: &[ast::Keyword]) -> PyAst {
        PyAst::List(
            ks.iter()
                .map(|k| {
                    self.node(
                        "keyword",
                        vec![
                            ("arg", Self::ident(k.arg.as_ref())),
                            ("value", self.expr(&k.value)),
                        ],
                        Some(k.range),
                    )
                })
                .collect(),
        )
    }

    fn arg(&self, p: &ast::Parameter, upto: &[(u32, u32)]) -> PyAst {
        let tc = match upto.iter().find(|(end, _)| *end == p.range.end().to_u32()) {
            Some(&(end, to)) if !self.type_comments.is_empty() => self.type_comment(
                ruff_text_size::TextSize::new(end),
                ruff_text_size::TextSize::new(to),
            ),
            _ => PyAst::None,
        };
        self.node(
            "arg",
            vec![
                ("arg", s(p.name.id.as_str())),
                ("annotation", self.opt(p.annotation.as_deref())),
                ("type_comment", tc),
            ],
            // `*args`/`**kw`: from the name on.
            Some(TextRange::new(
                p.name.range.start().min(p.range.end()),
                p.range.end(),
            )),
        )
    }

    fn parameters(&self, p: Option<&ast::Parameters>) -> PyAst {
        let empty = ast::Parameters::default();
        let p = p.unwrap_or(&empty);
        // Each parameter's type comment lies between its end and the next one's start (or the
        // closing parenthesis).
        let mut ranges: Vec<TextRange> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
            .map(|a| a.parameter.range)
            .chain(p.vararg.iter().map(|a| a.range))
            .chain(p.kwarg.iter().map(|a| a.range))
            .collect();
        ranges.sort_by_key(|r| r.start());
        let upto: Vec<(u32, u32)> = ranges
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let to = ranges.get(i + 1).map_or(p.range.end(), |n| n.start());
                (r.end().to_u32(), to.to_u32().max(r.end().to_u32()))
            })
            .collect();
        let upto = &upto[..];
        let posonly: Vec<PyAst> = p
            .posonlyargs
            .iter()
            .map(|a| self.arg(&a.parameter, upto))
            .collect();
        let args: Vec<PyAst> = p
            .args
            .iter()
            .map(|a| self.arg(&a.parameter, upto))
            .collect();
        let defaults: Vec<PyAst> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref().map(|d| self.expr(d)))
            .collect();
        let kwonly: Vec<PyAst> = p
            .kwonlyargs
            .iter()
            .map(|a| self.arg(&a.parameter, upto))
            .collect();
        let kw_defaults: Vec<PyAst> = p
            .kwonlyargs
            .iter()
            .map(|a| self.opt(a.default.as_deref()))
            .collect();
        self.node(
            "arguments",
            vec![
                ("posonlyargs", PyAst::List(posonly)),
                ("args", PyAst::List(args)),
                (
                    "vararg",
                    p.vararg
                        .as_deref()
                        .map_or(PyAst::None, |a| self.arg(a, upto)),
                ),
                ("kwonlyargs", PyAst::List(kwonly)),
                ("kw_defaults", PyAst::List(kw_defaults)),
                (
                    "kwarg",
                    p.kwarg
                        .as_deref()
                        .map_or(PyAst::None, |a| self.arg(a, upto)),
                ),
                ("defaults", PyAst::List(defaults)),
            ],
            None,
        )
    }

    fn comprehensions(&self, gens: &[ast::Comprehension]) -> PyAst {
        PyAst::List(
            gens.iter()
                .map(|g| {
                    self.node(
                        "comprehension",
                        vec![
                            ("target", self.expr(&g.target)),
                            ("iter", self.expr(&g.iter)),
                            ("ifs", self.exprs(&g.ifs)),
                            ("is_async", int(i64::from(g.is_async))),
                        ],
                        None,
                    )
                })
                .collect(),
        )
    }

    fn ctx(c: ExprContext) -> PyAst {
        leaf(match c {
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
            ExprContext::Load | ExprContext::Invalid => "Load",
        })
    }

    fn constant(&self, c: Constant, kind: PyAst, r: TextRange) -> PyAst {
        self.node(
            "Constant",
            vec![("value", PyAst::Const(c)), ("kind", kind)],
            Some(r),
        )
    }

    fn expr(&self, e: &Expr) -> PyAst {
        self.expr_at(e, e.range())
    }

    fn expr_at(&self, e: &Expr, range: TextRange) -> PyAst {
        let r = Some(range);
        match e {
            Expr::BoolOp(x) => self.node(
                "BoolOp",
                vec![
                    (
                        "op",
                        leaf(match x.op {
                            BoolOp::And => "And",
                            BoolOp::Or => "Or",
                        }),
                    ),
                    ("values", self.exprs(&x.values)),
                ],
                r,
            ),
            Expr::Named(x) => self.node(
                "NamedExpr",
                vec![
                    ("target", self.expr(&x.target)),
                    ("value", self.expr(&x.value)),
                ],
                r,
            ),
            Expr::BinOp(x) => self.node(
                "BinOp",
                vec![
                    ("left", self.expr(&x.left)),
                    ("op", leaf(operator(x.op))),
                    ("right", self.expr(&x.right)),
                ],
                r,
            ),
            Expr::UnaryOp(x) => self.node(
                "UnaryOp",
                vec![
                    (
                        "op",
                        leaf(match x.op {
                            UnaryOp::Invert => "Invert",
                            UnaryOp::Not => "Not",
                            UnaryOp::UAdd => "UAdd",
                            UnaryOp::USub => "USub",
                        }),
                    ),
                    ("operand", self.expr(&x.operand)),
                ],
                r,
            ),
            Expr::Lambda(x) => self.node(
                "Lambda",
                vec![
                    ("args", self.parameters(x.parameters.as_deref())),
                    ("body", self.expr(&x.body)),
                ],
                r,
            ),
            Expr::If(x) => self.node(
                "IfExp",
                vec![
                    ("test", self.expr(&x.test)),
                    ("body", self.expr(&x.body)),
                    ("orelse", self.expr(&x.orelse)),
                ],
                r,
            ),
            Expr::Dict(x) => self.node(
                "Dict",
                vec![
                    (
                        "keys",
                        PyAst::List(x.items.iter().map(|i| self.opt(i.key.as_ref())).collect()),
                    ),
                    (
                        "values",
                        PyAst::List(x.items.iter().map(|i| self.expr(&i.value)).collect()),
                    ),
                ],
                r,
            ),
            Expr::Set(x) => self.node("Set", vec![("elts", self.exprs(&x.elts))], r),
            Expr::ListComp(x) => self.node(
                "ListComp",
                vec![
                    ("elt", self.expr(&x.elt)),
                    ("generators", self.comprehensions(&x.generators)),
                ],
                r,
            ),
            Expr::SetComp(x) => self.node(
                "SetComp",
                vec![
                    ("elt", self.expr(&x.elt)),
                    ("generators", self.comprehensions(&x.generators)),
                ],
                r,
            ),
            Expr::DictComp(x) => self.node(
                "DictComp",
                vec![
                    ("key", self.opt(x.key.as_deref())),
                    ("value", self.expr(&x.value)),
                    ("generators", self.comprehensions(&x.generators)),
                ],
                r,
            ),
            Expr::Generator(x) => self.node(
                "GeneratorExp",
                vec![
                    ("elt", self.expr(&x.elt)),
                    ("generators", self.comprehensions(&x.generators)),
                ],
                r,
            ),
            Expr::Await(x) => self.node("Await", vec![("value", self.expr(&x.value))], r),
            Expr::Yield(x) => self.node("Yield", vec![("value", self.opt(x.value.as_deref()))], r),
            Expr::YieldFrom(x) => self.node("YieldFrom", vec![("value", self.expr(&x.value))], r),
            Expr::Compare(x) => self.node(
                "Compare",
                vec![
                    ("left", self.expr(&x.left)),
                    (
                        "ops",
                        PyAst::List(x.ops.iter().map(|o| leaf(cmpop(*o))).collect()),
                    ),
                    ("comparators", self.exprs(&x.comparators)),
                ],
                r,
            ),
            Expr::Call(x) => {
                let a = &x.arguments;
                let args = match (&*a.args, a.keywords.is_empty()) {
                    // `f(x for x in y)`: the generator spans the call's parentheses.
                    ([Expr::Generator(g)], true) if !g.parenthesized => {
                        PyAst::List(vec![self.expr_at(&a.args[0], a.range)])
                    }
                    _ => self.exprs(&a.args),
                };
                self.node(
                    "Call",
                    vec![
                        ("func", self.expr(&x.func)),
                        ("args", args),
                        ("keywords", self.keywords(&a.keywords)),
                    ],
                    r,
                )
            }
            Expr::FString(x) => self.joined(x, range),
            Expr::StringLiteral(x) => {
                let kind = if x.value.iter().next().is_some_and(|p| {
                    matches!(
                        p.flags.prefix(),
                        ast::str_prefix::StringLiteralPrefix::Unicode
                    )
                }) {
                    s("u")
                } else {
                    PyAst::None
                };
                let v = crate::strings::string_value(self.src, &x.value);
                self.constant(Constant::Str(v.into()), kind, range)
            }
            Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                let c = crate::fold::const_value(self.src, &[], e).unwrap_or(Constant::None);
                self.constant(c, PyAst::None, range)
            }
            Expr::Attribute(x) => self.node(
                "Attribute",
                vec![
                    ("value", self.expr(&x.value)),
                    ("attr", s(x.attr.id.as_str())),
                    ("ctx", Self::ctx(x.ctx)),
                ],
                r,
            ),
            Expr::Subscript(x) => self.node(
                "Subscript",
                vec![
                    ("value", self.expr(&x.value)),
                    ("slice", self.expr(&x.slice)),
                    ("ctx", Self::ctx(x.ctx)),
                ],
                r,
            ),
            Expr::Starred(x) => self.node(
                "Starred",
                vec![("value", self.expr(&x.value)), ("ctx", Self::ctx(x.ctx))],
                r,
            ),
            Expr::Name(x) => self.node(
                "Name",
                vec![("id", s(x.id.as_str())), ("ctx", Self::ctx(x.ctx))],
                r,
            ),
            Expr::List(x) => self.node(
                "List",
                vec![("elts", self.exprs(&x.elts)), ("ctx", Self::ctx(x.ctx))],
                r,
            ),
            Expr::Tuple(x) => self.node(
                "Tuple",
                vec![("elts", self.exprs(&x.elts)), ("ctx", Self::ctx(x.ctx))],
                r,
            ),
            Expr::Slice(x) => self.node(
                "Slice",
                vec![
                    ("lower", self.opt(x.lower.as_deref())),
                    ("upper", self.opt(x.upper.as_deref())),
                    ("step", self.opt(x.step.as_deref())),
                ],
                r,
            ),
            Expr::TString(_) | Expr::IpyEscapeCommand(_) => {
                self.constant(Constant::None, PyAst::None, range)
            }
        }
    }

    /// An f-string (possibly concatenated with plain strings) as 3.11's `JoinedStr`: adjacent
    /// text merged into one `Constant`, `{x=}` as its text then the value with `!r`. Every piece
    /// carries the whole string's range, except a format spec's own `JoinedStr` (the range of
    /// its f-string part) and the spec's trailing text (the same).
    fn joined(&self, f: &ast::ExprFString, whole: TextRange) -> PyAst {
        let mut values = Vec::new();
        let mut lit: Vec<u32> = Vec::new();
        for part in f.value.iter() {
            match part {
                FStringPart::Literal(l) => lit.extend(crate::strings::literal_part(
                    self.src,
                    &l.value,
                    l.range,
                    AnyStringFlags::from(l.flags),
                )),
                FStringPart::FString(fs) => {
                    self.elements(&fs.elements, fs.range, whole, &mut lit, &mut values)
                }
            }
        }
        self.flush(&mut lit, &mut values, whole);
        self.node(
            "JoinedStr",
            vec![("values", PyAst::List(values))],
            Some(whole),
        )
    }

    fn flush(&self, lit: &mut Vec<u32>, values: &mut Vec<PyAst>, r: TextRange) {
        if !lit.is_empty() {
            let v = std::mem::take(lit);
            values.push(self.constant(Constant::Str(v.into()), PyAst::None, r));
        }
    }

    fn elements(
        &self,
        els: &ast::InterpolatedStringElements,
        part: TextRange,
        whole: TextRange,
        lit: &mut Vec<u32>,
        values: &mut Vec<PyAst>,
    ) {
        for el in els.iter() {
            match el {
                InterpolatedStringElement::Literal(l) => lit.extend(l.value.chars().map(u32::from)),
                InterpolatedStringElement::Interpolation(i) => {
                    if let Some(d) = &i.debug_text {
                        lit.extend(d.leading().chars().map(u32::from));
                        lit.extend(d.expression().chars().map(u32::from));
                        lit.extend(d.trailing().chars().map(u32::from));
                    }
                    self.flush(lit, values, whole);
                    let mut conv: i64 = match i.conversion {
                        ConversionFlag::None => -1,
                        ConversionFlag::Str => 115,
                        ConversionFlag::Repr => 114,
                        ConversionFlag::Ascii => 97,
                    };
                    if i.debug_text.is_some() && conv == -1 && i.format_spec.is_none() {
                        conv = 114;
                    }
                    let spec = match &i.format_spec {
                        Some(spec) => {
                            let mut sl = Vec::new();
                            let mut sv = Vec::new();
                            self.elements(&spec.elements, part, whole, &mut sl, &mut sv);
                            self.flush(&mut sl, &mut sv, part);
                            self.node("JoinedStr", vec![("values", PyAst::List(sv))], Some(part))
                        }
                        None => PyAst::None,
                    };
                    values.push(self.node(
                        "FormattedValue",
                        vec![
                            ("value", self.fstring_expr(&i.expression)),
                            ("conversion", int(conv)),
                            ("format_spec", spec),
                        ],
                        Some(whole),
                    ));
                }
            }
        }
    }

    /// A replacement field's expression. 3.11 parses it wrapped in parentheses, so a bare
    /// tuple (`f'{3,}'`) spans one column more on each side.
    fn fstring_expr(&self, e: &Expr) -> PyAst {
        match e {
            Expr::Tuple(t) if !t.parenthesized && t.range.start().to_u32() > 0 => {
                let r = TextRange::new(
                    t.range.start() - ruff_text_size::TextSize::new(1),
                    t.range.end() + ruff_text_size::TextSize::new(1),
                );
                self.expr_at(e, r)
            }
            _ => self.expr(e),
        }
    }

    fn pattern(&self, p: &Pattern) -> PyAst {
        let r = Some(p.range());
        match p {
            Pattern::MatchValue(x) => {
                self.node("MatchValue", vec![("value", self.expr(&x.value))], r)
            }
            Pattern::MatchSingleton(x) => {
                let c = match x.value {
                    ast::Singleton::None => Constant::None,
                    ast::Singleton::True => Constant::Bool(true),
                    ast::Singleton::False => Constant::Bool(false),
                };
                self.node("MatchSingleton", vec![("value", PyAst::Const(c))], r)
            }
            Pattern::MatchSequence(x) => self.node(
                "MatchSequence",
                vec![("patterns", self.patterns(&x.patterns))],
                r,
            ),
            Pattern::MatchMapping(x) => self.node(
                "MatchMapping",
                vec![
                    ("keys", self.exprs(&x.keys)),
                    ("patterns", self.patterns(&x.patterns)),
                    ("rest", Self::ident(x.rest.as_ref())),
                ],
                r,
            ),
            Pattern::MatchClass(x) => self.node(
                "MatchClass",
                vec![
                    ("cls", self.expr(&x.cls)),
                    ("patterns", self.patterns(&x.arguments.patterns)),
                    (
                        "kwd_attrs",
                        PyAst::List(
                            x.arguments
                                .keywords
                                .iter()
                                .map(|k| s(k.attr.id.as_str()))
                                .collect(),
                        ),
                    ),
                    (
                        "kwd_patterns",
                        PyAst::List(
                            x.arguments
                                .keywords
                                .iter()
                                .map(|k| self.pattern(&k.pattern))
                                .collect(),
                        ),
                    ),
                ],
                r,
            ),
            Pattern::MatchStar(x) => {
                self.node("MatchStar", vec![("name", Self::ident(x.name.as_ref()))], r)
            }
            Pattern::MatchAs(x) => self.node(
                "MatchAs",
                vec![
                    (
                        "pattern",
                        x.pattern
                            .as_deref()
                            .map_or(PyAst::None, |p| self.pattern(p)),
                    ),
                    ("name", Self::ident(x.name.as_ref())),
                ],
                r,
            ),
            Pattern::MatchOr(x) => {
                self.node("MatchOr", vec![("patterns", self.patterns(&x.patterns))], r)
            }
        }
    }

    fn patterns(&self, ps: &[Pattern]) -> PyAst {
        PyAst::List(ps.iter().map(|p| self.pattern(p)).collect())
    }
}

pub(crate) fn operator(op: Operator) -> &'static str {
    match op {
        Operator::Add => "Add",
        Operator::Sub => "Sub",
        Operator::Mult => "Mult",
        Operator::MatMult => "MatMult",
        Operator::Div => "Div",
        Operator::Mod => "Mod",
        Operator::Pow => "Pow",
        Operator::LShift => "LShift",
        Operator::RShift => "RShift",
        Operator::BitOr => "BitOr",
        Operator::BitXor => "BitXor",
        Operator::BitAnd => "BitAnd",
        Operator::FloorDiv => "FloorDiv",
    }
}

pub(crate) fn cmpop(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "Eq",
        CmpOp::NotEq => "NotEq",
        CmpOp::Lt => "Lt",
        CmpOp::LtE => "LtE",
        CmpOp::Gt => "Gt",
        CmpOp::GtE => "GtE",
        CmpOp::Is => "Is",
        CmpOp::IsNot => "IsNot",
        CmpOp::In => "In",
        CmpOp::NotIn => "NotIn",
    }
}

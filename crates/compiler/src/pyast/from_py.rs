//! `compile()` of an AST object: the tree the VM read from Python objects, checked as CPython's
//! `obj2ast_*` and `PyAST_Validate` check it (same exception classes and messages), turned back
//! into Ruff's AST for the ordinary compiler.
//!
//! Positions become offsets into a synthetic source: every line is as wide as the widest
//! column used on it, so `SourceFile::line_col` gives back exactly the node's line and column.
//! Constants other than strings, `None`, `True`, `False` and `...` go through the folder's
//! constant table (an `IpyEscapeCommand` holding the index), as folded constants do.

use std::cell::RefCell;

use krait_bytecode::Constant;
use ruff_python_ast::name::Name;
use ruff_python_ast::{self as ast, AtomicNodeIndex, Expr, ExprContext, Pattern, Stmt};
use ruff_text_size::{TextRange, TextSize};

use super::{PyAst, PyNode};

/// A check that failed: CPython raises `TypeError` or `ValueError`.
#[derive(Clone, Debug)]
pub enum AstError {
    /// `TypeError(msg)`
    Type(String),
    /// `ValueError(msg)`
    Value(String),
}

type R<T> = Result<T, AstError>;

const MAX_LINES: i64 = 4_000_000;

fn ix() -> AtomicNodeIndex {
    AtomicNodeIndex::default()
}

fn type_name(v: &PyAst) -> String {
    match v {
        PyAst::Node(n) => n.class.to_string(),
        PyAst::List(_) => "list".into(),
        PyAst::None | PyAst::Missing => "NoneType".into(),
        PyAst::Other(_, t) => t.clone(),
        PyAst::Const(c) => match c {
            Constant::None => "NoneType",
            Constant::Ellipsis => "ellipsis",
            Constant::Bool(_) => "bool",
            Constant::Int(_) | Constant::BigInt(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex(..) => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Tuple(_) => "tuple",
            Constant::FrozenSet(_) => "frozenset",
            Constant::Code(_) | Constant::Lazy(_) => "code",
        }
        .into(),
    }
}

fn repr_of(v: &PyAst) -> String {
    match v {
        PyAst::Node(n) => n.repr.clone(),
        PyAst::None | PyAst::Missing => "None".into(),
        PyAst::Other(r, _) => r.clone(),
        PyAst::List(_) => "[...]".into(),
        PyAst::Const(c) => match c {
            Constant::Int(i) => i.to_string(),
            Constant::Bool(b) => if *b { "True" } else { "False" }.into(),
            Constant::Str(s) => format!(
                "'{}'",
                s.code_points()
                    .map(|c| char::from_u32(c).unwrap_or('\u{FFFD}'))
                    .collect::<String>()
            ),
            _ => type_name(v),
        },
    }
}

/// The classes each abstract node class has.
const EXPRS: &[&str] = &[
    "BoolOp",
    "NamedExpr",
    "BinOp",
    "UnaryOp",
    "Lambda",
    "IfExp",
    "Dict",
    "Set",
    "ListComp",
    "SetComp",
    "DictComp",
    "GeneratorExp",
    "Await",
    "Yield",
    "YieldFrom",
    "Compare",
    "Call",
    "FormattedValue",
    "JoinedStr",
    "Constant",
    "Attribute",
    "Subscript",
    "Starred",
    "Name",
    "List",
    "Tuple",
    "Slice",
];

pub(crate) struct FromPy {
    line_starts: Vec<u32>,
    pub(crate) consts: RefCell<Vec<Constant>>,
}

/// The widest column used on each line, for the synthetic source.
fn collect_positions(v: &PyAst, widths: &mut Vec<u32>) {
    match v {
        PyAst::Node(n) => {
            for pair in [("lineno", "col_offset"), ("end_lineno", "end_col_offset")] {
                if let (PyAst::Const(Constant::Int(l)), PyAst::Const(Constant::Int(c))) =
                    (n.get(pair.0), n.get(pair.1))
                {
                    let l = (*l).clamp(1, MAX_LINES) as usize;
                    let c = (*c).clamp(0, 1 << 20) as u32;
                    if widths.len() <= l {
                        widths.resize(l + 1, 0);
                    }
                    widths[l] = widths[l].max(c);
                }
            }
            for (_, f) in &n.fields {
                collect_positions(f, widths);
            }
        }
        PyAst::List(items) => items.iter().for_each(|i| collect_positions(i, widths)),
        _ => {}
    }
}

impl FromPy {
    pub(crate) fn new(tree: &PyAst) -> FromPy {
        let mut widths = vec![0u32; 2];
        collect_positions(tree, &mut widths);
        let mut line_starts = Vec::with_capacity(widths.len());
        let mut at = 0u32;
        for w in widths.iter().skip(1) {
            line_starts.push(at);
            at = at.saturating_add(w + 1);
        }
        FromPy {
            line_starts,
            consts: RefCell::new(Vec::new()),
        }
    }

    pub(crate) fn line_starts(&self) -> Vec<u32> {
        self.line_starts.clone()
    }

    fn offset(&self, line: i64, col: i64) -> TextSize {
        let l = line.clamp(1, MAX_LINES) as usize;
        let start = self
            .line_starts
            .get(l - 1)
            .or(self.line_starts.last())
            .copied()
            .unwrap_or(0);
        TextSize::new(start.saturating_add(col.clamp(0, 1 << 20) as u32))
    }

    fn int_field(&self, n: &PyNode, name: &str, owner: &str) -> R<Option<i64>> {
        match n.get(name) {
            PyAst::Missing => Err(AstError::Type(format!(
                "required field \"{name}\" missing from {owner}"
            ))),
            PyAst::None => Ok(None),
            PyAst::Const(Constant::Int(i)) => Ok(Some(*i)),
            PyAst::Const(Constant::Bool(b)) => Ok(Some(i64::from(*b))),
            v => Err(AstError::Value(format!(
                "invalid integer value: {}",
                repr_of(v)
            ))),
        }
    }

    /// The node's range from its four position attributes (`owner` names the abstract class
    /// for the messages: `required field "lineno" missing from expr`).
    fn range(&self, n: &PyNode, owner: &str) -> R<TextRange> {
        let line = self.int_field(n, "lineno", owner)?.ok_or_else(|| {
            AstError::Type(format!("required field \"lineno\" missing from {owner}"))
        })?;
        let col = self.int_field(n, "col_offset", owner)?.ok_or_else(|| {
            AstError::Type(format!(
                "required field \"col_offset\" missing from {owner}"
            ))
        })?;
        let end_line = match n.get("end_lineno") {
            PyAst::Missing | PyAst::None => line,
            _ => self.int_field(n, "end_lineno", owner)?.unwrap_or(line),
        };
        let end_col = match n.get("end_col_offset") {
            PyAst::Missing | PyAst::None => col,
            _ => self.int_field(n, "end_col_offset", owner)?.unwrap_or(col),
        };
        // `VALIDATE_POSITIONS` (ast.c).
        if line > end_line {
            return Err(AstError::Value(format!(
                "AST node line range ({line}, {end_line}) is not valid"
            )));
        }
        if (line < 0 && end_line != line) || (col < 0 && col != end_col) {
            return Err(AstError::Value(format!(
                "AST node column range ({col}, {end_col}) for line range ({line}, {end_line}) is not valid"
            )));
        }
        if line == end_line && col > end_col {
            return Err(AstError::Value(format!(
                "line {line}, column {col}-{end_col} is not a valid range"
            )));
        }
        let start = self.offset(line, col);
        let end = self.offset(end_line, end_col).max(start);
        Ok(TextRange::new(start, end))
    }

    fn req<'t>(&self, n: &'t PyNode, name: &str) -> R<&'t PyAst> {
        match n.get(name) {
            PyAst::Missing => Err(AstError::Type(format!(
                "required field \"{name}\" missing from {}",
                n.class
            ))),
            PyAst::None => Err(AstError::Value(format!(
                "field '{name}' is required for {}",
                n.class
            ))),
            v => Ok(v),
        }
    }

    /// A node of a class with positions (`stmt`, `expr`, ...): CPython reads the positions
    /// before it looks at the class, so anything without `lineno` fails on that.
    fn located<'t>(&self, v: &'t PyAst, kind: &str) -> R<(&'t PyNode, TextRange)> {
        match v {
            PyAst::Node(n) => {
                let r = self.range(n, kind)?;
                Ok((n, r))
            }
            _ => Err(AstError::Type(format!(
                "required field \"lineno\" missing from {kind}"
            ))),
        }
    }

    fn list<'t>(&self, n: &'t PyNode, name: &str) -> R<&'t [PyAst]> {
        match n.get(name) {
            PyAst::Missing => Err(AstError::Type(format!(
                "required field \"{name}\" missing from {}",
                n.class
            ))),
            PyAst::List(items) => Ok(items),
            v => Err(AstError::Type(format!(
                "{} field \"{name}\" must be a list, not a {}",
                n.class,
                type_name(v)
            ))),
        }
    }

    fn ident_value(&self, v: &PyAst) -> R<Name> {
        match v {
            PyAst::Const(c @ Constant::Str(_)) => {
                Ok(Name::new(c.as_string().unwrap_or_default().as_str()))
            }
            _ => Err(AstError::Type("AST identifier must be of type str".into())),
        }
    }

    fn ident(&self, n: &PyNode, name: &str) -> R<Name> {
        let v = self.req(n, name)?;
        self.ident_value(v)
    }

    fn opt_ident(&self, n: &PyNode, name: &str, range: TextRange) -> R<Option<ast::Identifier>> {
        match n.get(name) {
            PyAst::Missing | PyAst::None => Ok(None),
            v => Ok(Some(ast::Identifier::new(self.ident_value(v)?, range))),
        }
    }

    fn int(&self, n: &PyNode, name: &str) -> R<i64> {
        match n.get(name) {
            PyAst::Missing | PyAst::None => Err(AstError::Type(format!(
                "required field \"{name}\" missing from {}",
                n.class
            ))),
            PyAst::Const(Constant::Int(i)) => Ok(*i),
            PyAst::Const(Constant::Bool(b)) => Ok(i64::from(*b)),
            v => Err(AstError::Value(format!(
                "invalid integer value: {}",
                repr_of(v)
            ))),
        }
    }

    fn node<'t>(&self, v: &'t PyAst, kind: &str) -> R<&'t PyNode> {
        match v {
            PyAst::Node(n) => Ok(n),
            _ => Err(AstError::Type(format!(
                "expected some sort of {kind}, but got {}",
                repr_of(v)
            ))),
        }
    }

    fn wrong(&self, v: &PyAst, kind: &str) -> AstError {
        AstError::Type(format!(
            "expected some sort of {kind}, but got {}",
            repr_of(v)
        ))
    }

    // ---- modules ------------------------------------------------------------------------

    /// The statements of a `Module`/`Interactive`, or the body of an `Expression`, checked
    /// against the mode `compile()` was given.
    pub(crate) fn module(&self, v: &PyAst, mode: &str) -> R<(Vec<Stmt>, Option<Expr>)> {
        let want = match mode {
            "exec" => "Module",
            "eval" => "Expression",
            _ => "Interactive",
        };
        let n = match v {
            PyAst::Node(n) if n.class == want => n,
            _ => {
                return Err(AstError::Type(format!(
                    "expected {want} node, got {}",
                    type_name(v)
                )));
            }
        };
        match n.class {
            "Expression" => {
                let body = self.expr(self.req(n, "body")?, ExprContext::Load)?;
                Ok((Vec::new(), Some(body)))
            }
            "Module" => {
                let body = self.stmts(n, "body", false)?;
                self.list(n, "type_ignores")?;
                Ok((body, None))
            }
            _ => Ok((self.stmts(n, "body", false)?, None)),
        }
    }

    // ---- statements -----------------------------------------------------------------------

    fn stmts(&self, n: &PyNode, field: &str, nonempty: bool) -> R<Vec<Stmt>> {
        let items = self.list(n, field)?;
        let mut out = Vec::with_capacity(items.len());
        for i in items {
            out.push(self.stmt(i)?);
        }
        if nonempty && out.is_empty() {
            return Err(AstError::Value(format!("empty {field} on {}", n.class)));
        }
        Ok(out)
    }

    fn exprs(&self, n: &PyNode, field: &str, ctx: ExprContext) -> R<Vec<Expr>> {
        let items = self.list(n, field)?;
        items.iter().map(|i| self.expr(i, ctx)).collect()
    }

    fn opt_expr(&self, n: &PyNode, field: &str, ctx: ExprContext) -> R<Option<Box<Expr>>> {
        match n.get(field) {
            PyAst::Missing | PyAst::None => Ok(None),
            v => Ok(Some(Box::new(self.expr(v, ctx)?))),
        }
    }

    fn bexpr(&self, n: &PyNode, field: &str, ctx: ExprContext) -> R<Box<Expr>> {
        Ok(Box::new(self.expr(self.req(n, field)?, ctx)?))
    }

    fn stmt(&self, v: &PyAst) -> R<Stmt> {
        let (n, range) = self.located(v, "stmt")?;
        let load = ExprContext::Load;
        let store = ExprContext::Store;
        let class = n.class;
        let is_stmt = matches!(
            class,
            "FunctionDef"
                | "AsyncFunctionDef"
                | "ClassDef"
                | "Return"
                | "Delete"
                | "Assign"
                | "AugAssign"
                | "AnnAssign"
                | "For"
                | "AsyncFor"
                | "While"
                | "If"
                | "With"
                | "AsyncWith"
                | "Match"
                | "Raise"
                | "Try"
                | "TryStar"
                | "Assert"
                | "Import"
                | "ImportFrom"
                | "Global"
                | "Nonlocal"
                | "Expr"
                | "Pass"
                | "Break"
                | "Continue"
        );
        if !is_stmt {
            return Err(self.wrong(v, "stmt"));
        }
        Ok(match class {
            "FunctionDef" | "AsyncFunctionDef" => {
                let name = self.ident(n, "name")?;
                let args = self.arguments(self.req(n, "args")?)?;
                let body = self.stmts(n, "body", true)?;
                let decorator_list = self.decorators(n)?;
                let returns = self.opt_expr(n, "returns", load)?;
                Stmt::FunctionDef(ast::StmtFunctionDef {
                    node_index: ix(),
                    range,
                    is_async: class == "AsyncFunctionDef",
                    decorator_list: decorator_list.into(),
                    name: ast::Identifier::new(name, range),
                    type_params: None,
                    parameters: Box::new(args),
                    returns,
                    body: body.into(),
                })
            }
            "ClassDef" => {
                let name = self.ident(n, "name")?;
                let bases = self.exprs(n, "bases", load)?;
                let keywords = self.keywords(n)?;
                let body = self.stmts(n, "body", true)?;
                let decorator_list = self.decorators(n)?;
                let arguments = if bases.is_empty() && keywords.is_empty() {
                    None
                } else {
                    Some(Box::new(ast::Arguments {
                        range,
                        node_index: ix(),
                        args: bases.into(),
                        keywords: keywords.into(),
                    }))
                };
                Stmt::ClassDef(ast::StmtClassDef {
                    node_index: ix(),
                    range,
                    decorator_list: decorator_list.into(),
                    name: ast::Identifier::new(name, range),
                    type_params: None,
                    arguments,
                    body: body.into(),
                })
            }
            "Return" => Stmt::Return(ast::StmtReturn {
                node_index: ix(),
                range,
                value: self.opt_expr(n, "value", load)?,
            }),
            "Delete" => {
                let targets = self.exprs(n, "targets", ExprContext::Del)?;
                if targets.is_empty() {
                    return Err(AstError::Value("empty targets on Delete".into()));
                }
                Stmt::Delete(ast::StmtDelete {
                    node_index: ix(),
                    range,
                    targets,
                })
            }
            "Assign" => {
                let targets = self.exprs(n, "targets", store)?;
                if targets.is_empty() {
                    return Err(AstError::Value("empty targets on Assign".into()));
                }
                Stmt::Assign(ast::StmtAssign {
                    node_index: ix(),
                    range,
                    targets,
                    value: self.bexpr(n, "value", load)?,
                })
            }
            "AugAssign" => Stmt::AugAssign(ast::StmtAugAssign {
                node_index: ix(),
                range,
                target: self.bexpr(n, "target", store)?,
                op: self.operator(self.req(n, "op")?)?,
                value: self.bexpr(n, "value", load)?,
            }),
            "AnnAssign" => {
                let target = self.bexpr(n, "target", store)?;
                let annotation = self.bexpr(n, "annotation", load)?;
                let value = self.opt_expr(n, "value", load)?;
                let simple = self.int(n, "simple")? != 0;
                if simple && !matches!(*target, Expr::Name(_)) {
                    return Err(AstError::Type(
                        "AnnAssign with simple non-Name target".into(),
                    ));
                }
                Stmt::AnnAssign(ast::StmtAnnAssign {
                    node_index: ix(),
                    range,
                    target,
                    annotation,
                    value,
                    simple,
                })
            }
            "For" | "AsyncFor" => Stmt::For(ast::StmtFor {
                node_index: ix(),
                range,
                is_async: class == "AsyncFor",
                target: self.bexpr(n, "target", store)?,
                iter: self.bexpr(n, "iter", load)?,
                body: self.stmts(n, "body", true)?.into(),
                orelse: self.stmts(n, "orelse", false)?.into(),
            }),
            "While" => Stmt::While(ast::StmtWhile {
                node_index: ix(),
                range,
                test: self.bexpr(n, "test", load)?,
                body: self.stmts(n, "body", true)?.into(),
                orelse: self.stmts(n, "orelse", false)?.into(),
            }),
            "If" => {
                let test = self.bexpr(n, "test", load)?;
                let body = self.stmts(n, "body", true)?;
                let orelse = self.stmts(n, "orelse", false)?;
                let clauses = if orelse.is_empty() {
                    Vec::new()
                } else {
                    vec![ast::ElifElseClause {
                        range,
                        node_index: ix(),
                        test: None,
                        body: orelse.into(),
                    }]
                };
                Stmt::If(ast::StmtIf {
                    node_index: ix(),
                    range,
                    test,
                    body: body.into(),
                    elif_else_clauses: clauses,
                })
            }
            "With" | "AsyncWith" => {
                let items = self.list(n, "items")?;
                let mut out = Vec::new();
                for it in items {
                    let w = self.node(it, "withitem")?;
                    if w.class != "withitem" {
                        return Err(self.wrong(it, "withitem"));
                    }
                    out.push(ast::WithItem {
                        range,
                        node_index: ix(),
                        context_expr: self.expr(self.req(w, "context_expr")?, load)?,
                        optional_vars: self.opt_expr(w, "optional_vars", store)?,
                    });
                }
                if out.is_empty() {
                    return Err(AstError::Value(format!("empty items on {class}")));
                }
                Stmt::With(ast::StmtWith {
                    node_index: ix(),
                    range,
                    is_async: class == "AsyncWith",
                    items: out,
                    body: self.stmts(n, "body", true)?.into(),
                })
            }
            "Match" => {
                let subject = self.bexpr(n, "subject", load)?;
                let mut cases = Vec::new();
                for c in self.list(n, "cases")? {
                    let m = self.node(c, "match_case")?;
                    if m.class != "match_case" {
                        return Err(self.wrong(c, "match_case"));
                    }
                    cases.push(ast::MatchCase {
                        range,
                        node_index: ix(),
                        pattern: self.pattern(self.req(m, "pattern")?)?,
                        guard: self.opt_expr(m, "guard", load)?,
                        body: self.stmts(m, "body", true)?.into(),
                    });
                }
                if cases.is_empty() {
                    return Err(AstError::Value("empty cases on Match".into()));
                }
                Stmt::Match(ast::StmtMatch {
                    node_index: ix(),
                    range,
                    subject,
                    cases,
                })
            }
            "Raise" => {
                let exc = self.opt_expr(n, "exc", load)?;
                let cause = self.opt_expr(n, "cause", load)?;
                if exc.is_none() && cause.is_some() {
                    return Err(AstError::Value("Raise with cause but no exception".into()));
                }
                Stmt::Raise(ast::StmtRaise {
                    node_index: ix(),
                    range,
                    exc,
                    cause,
                })
            }
            "Try" | "TryStar" => {
                let body = self.stmts(n, "body", true)?;
                let mut handlers = Vec::new();
                for h in self.list(n, "handlers")? {
                    let (hn, hr) = self.located(h, "excepthandler")?;
                    if hn.class != "ExceptHandler" {
                        return Err(self.wrong(h, "excepthandler"));
                    }
                    handlers.push(ast::ExceptHandler::ExceptHandler(
                        ast::ExceptHandlerExceptHandler {
                            range: hr,
                            node_index: ix(),
                            type_: self.opt_expr(hn, "type", load)?,
                            name: self.opt_ident(hn, "name", hr)?,
                            body: self.stmts(hn, "body", true)?.into(),
                        },
                    ));
                }
                let orelse = self.stmts(n, "orelse", false)?;
                let finalbody = self.stmts(n, "finalbody", false)?;
                if handlers.is_empty() && finalbody.is_empty() {
                    return Err(AstError::Value(format!(
                        "{class} has neither except handlers nor finalbody"
                    )));
                }
                if handlers.is_empty() && !orelse.is_empty() {
                    return Err(AstError::Value(format!(
                        "{class} has orelse but no except handlers"
                    )));
                }
                Stmt::Try(ast::StmtTry {
                    node_index: ix(),
                    range,
                    body: body.into(),
                    handlers,
                    orelse: orelse.into(),
                    finalbody: finalbody.into(),
                    is_star: class == "TryStar",
                })
            }
            "Assert" => Stmt::Assert(ast::StmtAssert {
                node_index: ix(),
                range,
                test: self.bexpr(n, "test", load)?,
                msg: self.opt_expr(n, "msg", load)?,
            }),
            "Import" => {
                let names = self.aliases(n)?;
                if names.is_empty() {
                    return Err(AstError::Value("empty names on Import".into()));
                }
                Stmt::Import(ast::StmtImport {
                    node_index: ix(),
                    range,
                    names,
                    is_lazy: false,
                })
            }
            "ImportFrom" => {
                let level = match n.get("level") {
                    PyAst::Missing | PyAst::None => 0,
                    _ => self.int(n, "level")?,
                };
                if level < 0 {
                    return Err(AstError::Value("Negative ImportFrom level".into()));
                }
                let names = self.aliases(n)?;
                if names.is_empty() {
                    return Err(AstError::Value("empty names on ImportFrom".into()));
                }
                Stmt::ImportFrom(ast::StmtImportFrom {
                    node_index: ix(),
                    range,
                    module: self.opt_ident(n, "module", range)?,
                    names,
                    level: level.min(i64::from(u32::MAX)) as u32,
                    is_lazy: false,
                })
            }
            "Global" | "Nonlocal" => {
                let mut names = Vec::new();
                for v in self.list(n, "names")? {
                    names.push(ast::Identifier::new(self.ident_value(v)?, range));
                }
                if names.is_empty() {
                    return Err(AstError::Value(format!("empty names on {class}")));
                }
                if class == "Global" {
                    Stmt::Global(ast::StmtGlobal {
                        node_index: ix(),
                        range,
                        names,
                    })
                } else {
                    Stmt::Nonlocal(ast::StmtNonlocal {
                        node_index: ix(),
                        range,
                        names,
                    })
                }
            }
            "Expr" => Stmt::Expr(ast::StmtExpr {
                node_index: ix(),
                range,
                value: self.bexpr(n, "value", load)?,
            }),
            "Pass" => Stmt::Pass(ast::StmtPass {
                node_index: ix(),
                range,
            }),
            "Break" => Stmt::Break(ast::StmtBreak {
                node_index: ix(),
                range,
            }),
            _ => Stmt::Continue(ast::StmtContinue {
                node_index: ix(),
                range,
            }),
        })
    }

    fn decorators(&self, n: &PyNode) -> R<Vec<ast::Decorator>> {
        let items = self.list(n, "decorator_list")?;
        let mut out = Vec::new();
        for d in items {
            let e = self.expr(d, ExprContext::Load)?;
            out.push(ast::Decorator {
                range: ruff_text_size::Ranged::range(&e),
                node_index: ix(),
                expression: e,
            });
        }
        Ok(out)
    }

    fn aliases(&self, n: &PyNode) -> R<Vec<ast::Alias>> {
        let mut out = Vec::new();
        for a in self.list(n, "names")? {
            let (an, r) = self.located(a, "alias")?;
            if an.class != "alias" {
                return Err(self.wrong(a, "alias"));
            }
            out.push(ast::Alias {
                range: r,
                node_index: ix(),
                name: ast::Identifier::new(self.ident(an, "name")?, r),
                asname: self.opt_ident(an, "asname", r)?,
            });
        }
        Ok(out)
    }

    fn keywords(&self, n: &PyNode) -> R<Vec<ast::Keyword>> {
        let mut out = Vec::new();
        for k in self.list(n, "keywords")? {
            let (kn, r) = self.located(k, "keyword")?;
            if kn.class != "keyword" {
                return Err(self.wrong(k, "keyword"));
            }
            out.push(ast::Keyword {
                range: r,
                node_index: ix(),
                arg: self.opt_ident(kn, "arg", r)?,
                value: self.expr(self.req(kn, "value")?, ExprContext::Load)?,
            });
        }
        Ok(out)
    }

    fn arg(&self, v: &PyAst) -> R<ast::Parameter> {
        let (n, r) = self.located(v, "arg")?;
        if n.class != "arg" {
            return Err(self.wrong(v, "arg"));
        }
        Ok(ast::Parameter {
            range: r,
            node_index: ix(),
            name: ast::Identifier::new(self.ident(n, "arg")?, r),
            annotation: self.opt_expr(n, "annotation", ExprContext::Load)?,
        })
    }

    fn arguments(&self, v: &PyAst) -> R<ast::Parameters> {
        let n = self.node(v, "arguments")?;
        if n.class != "arguments" {
            return Err(self.wrong(v, "arguments"));
        }
        let posonly: Vec<ast::Parameter> = self
            .list(n, "posonlyargs")?
            .iter()
            .map(|a| self.arg(a))
            .collect::<R<_>>()?;
        let args: Vec<ast::Parameter> = self
            .list(n, "args")?
            .iter()
            .map(|a| self.arg(a))
            .collect::<R<_>>()?;
        let vararg = match n.get("vararg") {
            PyAst::Missing | PyAst::None => None,
            a => Some(Box::new(self.arg(a)?)),
        };
        let kwonly: Vec<ast::Parameter> = self
            .list(n, "kwonlyargs")?
            .iter()
            .map(|a| self.arg(a))
            .collect::<R<_>>()?;
        let kw_defaults = self.list(n, "kw_defaults")?;
        let kwarg = match n.get("kwarg") {
            PyAst::Missing | PyAst::None => None,
            a => Some(Box::new(self.arg(a)?)),
        };
        let defaults = self.exprs(n, "defaults", ExprContext::Load)?;
        if defaults.len() > posonly.len() + args.len() {
            return Err(AstError::Value(
                "more positional defaults than args on arguments".into(),
            ));
        }
        if kw_defaults.len() != kwonly.len() {
            return Err(AstError::Value(
                "length of kwonlyargs is not the same as kw_defaults on arguments".into(),
            ));
        }
        let first_default = posonly.len() + args.len() - defaults.len();
        let mut defaults = defaults.into_iter();
        let mut with_default = |i: usize, p: ast::Parameter| -> ast::ParameterWithDefault {
            let default = if i >= first_default {
                defaults.next().map(Box::new)
            } else {
                None
            };
            ast::ParameterWithDefault {
                range: p.range,
                node_index: ix(),
                parameter: p,
                default,
            }
        };
        let mut i = 0;
        let mut pos_out = Vec::new();
        for p in posonly {
            pos_out.push(with_default(i, p));
            i += 1;
        }
        let mut args_out = Vec::new();
        for p in args {
            args_out.push(with_default(i, p));
            i += 1;
        }
        let mut kw_out = Vec::new();
        for (p, d) in kwonly.into_iter().zip(kw_defaults) {
            let default = match d {
                PyAst::None | PyAst::Missing => None,
                d => Some(Box::new(self.expr(d, ExprContext::Load)?)),
            };
            kw_out.push(ast::ParameterWithDefault {
                range: p.range,
                node_index: ix(),
                parameter: p,
                default,
            });
        }
        Ok(ast::Parameters {
            range: TextRange::default(),
            node_index: ix(),
            posonlyargs: pos_out.into(),
            args: args_out.into(),
            vararg,
            kwonlyargs: kw_out.into(),
            kwarg,
        })
    }

    fn operator(&self, v: &PyAst) -> R<ast::Operator> {
        use ast::Operator::*;
        let n = self.node(v, "operator")?;
        Ok(match n.class {
            "Add" => Add,
            "Sub" => Sub,
            "Mult" => Mult,
            "MatMult" => MatMult,
            "Div" => Div,
            "Mod" => Mod,
            "Pow" => Pow,
            "LShift" => LShift,
            "RShift" => RShift,
            "BitOr" => BitOr,
            "BitXor" => BitXor,
            "BitAnd" => BitAnd,
            "FloorDiv" => FloorDiv,
            _ => return Err(self.wrong(v, "operator")),
        })
    }

    fn cmpop(&self, v: &PyAst) -> R<ast::CmpOp> {
        use ast::CmpOp::*;
        let n = self.node(v, "cmpop")?;
        Ok(match n.class {
            "Eq" => Eq,
            "NotEq" => NotEq,
            "Lt" => Lt,
            "LtE" => LtE,
            "Gt" => Gt,
            "GtE" => GtE,
            "Is" => Is,
            "IsNot" => IsNot,
            "In" => In,
            "NotIn" => NotIn,
            _ => return Err(self.wrong(v, "cmpop")),
        })
    }

    fn ctx(&self, n: &PyNode, want: ExprContext) -> R<ExprContext> {
        let v = self.req(n, "ctx")?;
        let c = self.node(v, "expr_context")?;
        let got = match c.class {
            "Load" => ExprContext::Load,
            "Store" => ExprContext::Store,
            "Del" => ExprContext::Del,
            _ => return Err(self.wrong(v, "expr_context")),
        };
        if got != want {
            let name = |c: ExprContext| match c {
                ExprContext::Store => "Store",
                ExprContext::Del => "Del",
                _ => "Load",
            };
            return Err(AstError::Value(format!(
                "expression must have {} context but has {} instead",
                name(want),
                name(got)
            )));
        }
        Ok(got)
    }

    /// `validate_comprehension` looks at the generators before the element.
    fn require_generators(&self, n: &PyNode) -> R<()> {
        if matches!(n.get("generators"), PyAst::List(g) if g.is_empty()) {
            return Err(AstError::Value("comprehension with no generators".into()));
        }
        Ok(())
    }

    fn comprehensions(&self, n: &PyNode) -> R<Vec<ast::Comprehension>> {
        let mut out = Vec::new();
        for g in self.list(n, "generators")? {
            let gn = self.node(g, "comprehension")?;
            if gn.class != "comprehension" {
                return Err(self.wrong(g, "comprehension"));
            }
            out.push(ast::Comprehension {
                range: TextRange::default(),
                node_index: ix(),
                target: self.expr(self.req(gn, "target")?, ExprContext::Store)?,
                iter: self.expr(self.req(gn, "iter")?, ExprContext::Load)?,
                ifs: self.exprs(gn, "ifs", ExprContext::Load)?,
                is_async: self.int(gn, "is_async")? != 0,
            });
        }
        if out.is_empty() {
            return Err(AstError::Value("comprehension with no generators".into()));
        }
        Ok(out)
    }

    /// A constant as an expression: literal nodes where Ruff has one, else the folder's
    /// constant table.
    fn constant(&self, c: &Constant, range: TextRange) -> R<Expr> {
        fn valid(c: &Constant) -> bool {
            match c {
                Constant::Tuple(items) | Constant::FrozenSet(items) => items.iter().all(valid),
                Constant::Code(_) | Constant::Lazy(_) => false,
                _ => true,
            }
        }
        if !valid(c) {
            return Err(AstError::Type(
                "got an invalid type in Constant: code".into(),
            ));
        }
        Ok(match c {
            Constant::None => Expr::NoneLiteral(ast::ExprNoneLiteral {
                node_index: ix(),
                range,
            }),
            Constant::Bool(b) => Expr::BooleanLiteral(ast::ExprBooleanLiteral {
                node_index: ix(),
                range,
                value: *b,
            }),
            Constant::Ellipsis => Expr::EllipsisLiteral(ast::ExprEllipsisLiteral {
                node_index: ix(),
                range,
            }),
            Constant::Str(_) if c.as_string().is_some() => {
                Expr::StringLiteral(ast::ExprStringLiteral {
                    node_index: ix(),
                    range,
                    value: ast::StringLiteralValue::single(ast::StringLiteral {
                        range,
                        node_index: ix(),
                        value: c.as_string().unwrap_or_default().into_boxed_str(),
                        flags: ast::StringLiteralFlags::empty(),
                    }),
                })
            }
            _ => {
                let mut consts = self.consts.borrow_mut();
                consts.push(c.clone());
                Expr::IpyEscapeCommand(ast::ExprIpyEscapeCommand {
                    node_index: ix(),
                    range,
                    kind: ast::IpyEscapeKind::Help,
                    value: (consts.len() - 1).to_string().into_boxed_str(),
                })
            }
        })
    }

    fn fstring_elements(&self, n: &PyNode) -> R<Vec<ast::InterpolatedStringElement>> {
        let mut out = Vec::new();
        for v in self.list(n, "values")? {
            let (vn, r) = self.located(v, "expr")?;
            match vn.class {
                "Constant" => {
                    let text = match self.req(vn, "value")? {
                        PyAst::Const(c @ Constant::Str(_)) => c.as_string().unwrap_or_default(),
                        _ => {
                            return Err(AstError::Type(
                                "JoinedStr values must be str constants or FormattedValue".into(),
                            ));
                        }
                    };
                    out.push(ast::InterpolatedStringElement::Literal(
                        ast::InterpolatedStringLiteralElement {
                            range: r,
                            node_index: ix(),
                            value: text.into_boxed_str(),
                        },
                    ));
                }
                "FormattedValue" => out.push(self.formatted(vn)?),
                _ => {
                    let e = self.expr(v, ExprContext::Load)?;
                    let r = ruff_text_size::Ranged::range(&e);
                    out.push(ast::InterpolatedStringElement::Interpolation(
                        ast::InterpolatedElement {
                            range: r,
                            node_index: ix(),
                            expression: Box::new(e),
                            debug_text: None,
                            conversion: ast::ConversionFlag::None,
                            format_spec: None,
                        },
                    ));
                }
            }
        }
        Ok(out)
    }

    fn formatted(&self, n: &PyNode) -> R<ast::InterpolatedStringElement> {
        let r = self.range(n, "expr")?;
        let expression = self.bexpr(n, "value", ExprContext::Load)?;
        let conversion = match self.int(n, "conversion")? {
            115 => ast::ConversionFlag::Str,
            114 => ast::ConversionFlag::Repr,
            97 => ast::ConversionFlag::Ascii,
            _ => ast::ConversionFlag::None,
        };
        let format_spec = match n.get("format_spec") {
            PyAst::Missing | PyAst::None => None,
            v => {
                let (sn, sr) = self.located(v, "expr")?;
                let elements = if sn.class == "JoinedStr" {
                    self.fstring_elements(sn)?
                } else {
                    let e = self.expr(v, ExprContext::Load)?;
                    vec![ast::InterpolatedStringElement::Interpolation(
                        ast::InterpolatedElement {
                            range: sr,
                            node_index: ix(),
                            expression: Box::new(e),
                            debug_text: None,
                            conversion: ast::ConversionFlag::None,
                            format_spec: None,
                        },
                    )]
                };
                Some(Box::new(ast::InterpolatedStringFormatSpec {
                    range: sr,
                    node_index: ix(),
                    elements: elements.into(),
                }))
            }
        };
        Ok(ast::InterpolatedStringElement::Interpolation(
            ast::InterpolatedElement {
                range: r,
                node_index: ix(),
                expression,
                debug_text: None,
                conversion,
                format_spec,
            },
        ))
    }

    fn expr(&self, v: &PyAst, ctx: ExprContext) -> R<Expr> {
        let (n, range) = self.located(v, "expr")?;
        let class = n.class;
        if !EXPRS.contains(&class) {
            return Err(self.wrong(v, "expr"));
        }
        let load = ExprContext::Load;
        // Only these can be assignment or deletion targets.
        let check_load = |ctx: ExprContext| -> R<()> {
            if ctx != load {
                let name = if ctx == ExprContext::Store {
                    "Store"
                } else {
                    "Del"
                };
                return Err(AstError::Value(format!(
                    "expression which can't be assigned to in {name} context"
                )));
            }
            Ok(())
        };
        Ok(match class {
            "Attribute" => Expr::Attribute(ast::ExprAttribute {
                node_index: ix(),
                range,
                value: self.bexpr(n, "value", load)?,
                attr: ast::Identifier::new(self.ident(n, "attr")?, range),
                ctx: self.ctx(n, ctx)?,
            }),
            "Subscript" => Expr::Subscript(ast::ExprSubscript {
                node_index: ix(),
                range,
                value: self.bexpr(n, "value", load)?,
                slice: self.bexpr(n, "slice", load)?,
                ctx: self.ctx(n, ctx)?,
            }),
            "Starred" => Expr::Starred(ast::ExprStarred {
                node_index: ix(),
                range,
                value: self.bexpr(n, "value", ctx)?,
                ctx: self.ctx(n, ctx)?,
            }),
            "Name" => {
                let id = self.ident(n, "id")?;
                if matches!(id.as_str(), "None" | "True" | "False") {
                    return Err(AstError::Value(format!(
                        "identifier field can't represent '{}' constant",
                        id.as_str()
                    )));
                }
                Expr::Name(ast::ExprName {
                    node_index: ix(),
                    range,
                    id,
                    ctx: self.ctx(n, ctx)?,
                })
            }
            "List" => Expr::List(ast::ExprList {
                node_index: ix(),
                range,
                elts: self.exprs(n, "elts", ctx)?,
                ctx: self.ctx(n, ctx)?,
            }),
            "Tuple" => Expr::Tuple(ast::ExprTuple {
                node_index: ix(),
                range,
                elts: self.exprs(n, "elts", ctx)?,
                ctx: self.ctx(n, ctx)?,
                parenthesized: true,
            }),
            _ => {
                check_load(ctx)?;
                self.load_expr(n, range)?
            }
        })
    }

    fn load_expr(&self, n: &PyNode, range: TextRange) -> R<Expr> {
        let load = ExprContext::Load;
        Ok(match n.class {
            "BoolOp" => {
                let op = self.req(n, "op")?;
                let op = match self.node(op, "boolop")?.class {
                    "And" => ast::BoolOp::And,
                    "Or" => ast::BoolOp::Or,
                    _ => return Err(self.wrong(op, "boolop")),
                };
                let values = self.exprs(n, "values", load)?;
                if values.len() < 2 {
                    return Err(AstError::Value("BoolOp with less than 2 values".into()));
                }
                Expr::BoolOp(ast::ExprBoolOp {
                    node_index: ix(),
                    range,
                    op,
                    values,
                })
            }
            "NamedExpr" => Expr::Named(ast::ExprNamed {
                node_index: ix(),
                range,
                target: self.bexpr(n, "target", ExprContext::Store)?,
                value: self.bexpr(n, "value", load)?,
            }),
            "BinOp" => Expr::BinOp(ast::ExprBinOp {
                node_index: ix(),
                range,
                left: self.bexpr(n, "left", load)?,
                op: self.operator(self.req(n, "op")?)?,
                right: self.bexpr(n, "right", load)?,
            }),
            "UnaryOp" => {
                let op = self.req(n, "op")?;
                let op = match self.node(op, "unaryop")?.class {
                    "Invert" => ast::UnaryOp::Invert,
                    "Not" => ast::UnaryOp::Not,
                    "UAdd" => ast::UnaryOp::UAdd,
                    "USub" => ast::UnaryOp::USub,
                    _ => return Err(self.wrong(op, "unaryop")),
                };
                Expr::UnaryOp(ast::ExprUnaryOp {
                    node_index: ix(),
                    range,
                    op,
                    operand: self.bexpr(n, "operand", load)?,
                })
            }
            "Lambda" => {
                let args = self.arguments(self.req(n, "args")?)?;
                let empty = args.posonlyargs.is_empty()
                    && args.args.is_empty()
                    && args.kwonlyargs.is_empty()
                    && args.vararg.is_none()
                    && args.kwarg.is_none();
                Expr::Lambda(ast::ExprLambda {
                    node_index: ix(),
                    range,
                    parameters: if empty { None } else { Some(Box::new(args)) },
                    body: self.bexpr(n, "body", load)?,
                })
            }
            "IfExp" => Expr::If(ast::ExprIf {
                node_index: ix(),
                range,
                test: self.bexpr(n, "test", load)?,
                body: self.bexpr(n, "body", load)?,
                orelse: self.bexpr(n, "orelse", load)?,
            }),
            "Dict" => {
                let keys = self.list(n, "keys")?;
                let values = self.exprs(n, "values", load)?;
                if keys.len() != values.len() {
                    return Err(AstError::Value(
                        "Dict doesn't have the same number of keys as values".into(),
                    ));
                }
                let mut items = Vec::new();
                for (k, v) in keys.iter().zip(values) {
                    let key = match k {
                        PyAst::None => None,
                        k => Some(self.expr(k, load)?),
                    };
                    items.push(ast::DictItem { key, value: v });
                }
                Expr::Dict(ast::ExprDict {
                    node_index: ix(),
                    range,
                    items,
                })
            }
            "Set" => Expr::Set(ast::ExprSet {
                node_index: ix(),
                range,
                elts: self.exprs(n, "elts", load)?,
            }),
            "ListComp" => {
                self.require_generators(n)?;
                Expr::ListComp(ast::ExprListComp {
                    node_index: ix(),
                    range,
                    elt: self.bexpr(n, "elt", load)?,
                    generators: self.comprehensions(n)?,
                })
            }
            "SetComp" => {
                self.require_generators(n)?;
                Expr::SetComp(ast::ExprSetComp {
                    node_index: ix(),
                    range,
                    elt: self.bexpr(n, "elt", load)?,
                    generators: self.comprehensions(n)?,
                })
            }
            "GeneratorExp" => {
                self.require_generators(n)?;
                Expr::Generator(ast::ExprGenerator {
                    node_index: ix(),
                    range,
                    elt: self.bexpr(n, "elt", load)?,
                    generators: self.comprehensions(n)?,
                    parenthesized: true,
                })
            }
            "DictComp" => {
                self.require_generators(n)?;
                Expr::DictComp(ast::ExprDictComp {
                    node_index: ix(),
                    range,
                    key: Some(self.bexpr(n, "key", load)?),
                    value: self.bexpr(n, "value", load)?,
                    generators: self.comprehensions(n)?,
                })
            }
            "Await" => Expr::Await(ast::ExprAwait {
                node_index: ix(),
                range,
                value: self.bexpr(n, "value", load)?,
            }),
            "Yield" => Expr::Yield(ast::ExprYield {
                node_index: ix(),
                range,
                value: self.opt_expr(n, "value", load)?,
            }),
            "YieldFrom" => Expr::YieldFrom(ast::ExprYieldFrom {
                node_index: ix(),
                range,
                value: self.bexpr(n, "value", load)?,
            }),
            "Compare" => {
                let left = self.bexpr(n, "left", load)?;
                let ops: Vec<ast::CmpOp> = self
                    .list(n, "ops")?
                    .iter()
                    .map(|o| self.cmpop(o))
                    .collect::<R<_>>()?;
                let comparators = self.exprs(n, "comparators", load)?;
                if comparators.is_empty() {
                    return Err(AstError::Value("Compare with no comparators".into()));
                }
                if comparators.len() != ops.len() {
                    return Err(AstError::Value(
                        "Compare has a different number of comparators and operands".into(),
                    ));
                }
                Expr::Compare(ast::ExprCompare {
                    node_index: ix(),
                    range,
                    left,
                    ops: ops.into(),
                    comparators: comparators.into(),
                })
            }
            "Call" => {
                let func = self.bexpr(n, "func", load)?;
                let args = self.exprs(n, "args", load)?;
                let keywords = self.keywords(n)?;
                Expr::Call(ast::ExprCall {
                    node_index: ix(),
                    range_start: range.start(),
                    func,
                    arguments: ast::Arguments {
                        range,
                        node_index: ix(),
                        args: args.into(),
                        keywords: keywords.into(),
                    },
                })
            }
            "FormattedValue" => {
                let el = self.formatted(n)?;
                Expr::FString(ast::ExprFString {
                    node_index: ix(),
                    range,
                    value: ast::FStringValue::single(ast::FString {
                        range,
                        node_index: ix(),
                        elements: vec![el].into(),
                        flags: ast::FStringFlags::empty(),
                    }),
                })
            }
            "JoinedStr" => {
                let elements = self.fstring_elements(n)?;
                Expr::FString(ast::ExprFString {
                    node_index: ix(),
                    range,
                    value: ast::FStringValue::single(ast::FString {
                        range,
                        node_index: ix(),
                        elements: elements.into(),
                        flags: ast::FStringFlags::empty(),
                    }),
                })
            }
            "Constant" => match self.req(n, "value") {
                Ok(PyAst::Const(c)) => self.constant(c, range)?,
                Ok(PyAst::Other(_, t)) => {
                    return Err(AstError::Type(format!(
                        "got an invalid type in Constant: {t}"
                    )));
                }
                Ok(PyAst::List(_)) => {
                    return Err(AstError::Type(
                        "got an invalid type in Constant: list".into(),
                    ));
                }
                Ok(PyAst::Node(x)) => {
                    return Err(AstError::Type(format!(
                        "got an invalid type in Constant: {}",
                        x.class
                    )));
                }
                // `Constant(value=None)`: the attribute is there but None.
                _ if matches!(n.get("value"), PyAst::None) => {
                    self.constant(&Constant::None, range)?
                }
                Ok(_) | Err(_) => {
                    return Err(AstError::Type(
                        "required field \"value\" missing from Constant".into(),
                    ));
                }
            },
            "Slice" => Expr::Slice(ast::ExprSlice {
                node_index: ix(),
                range,
                lower: self.opt_expr(n, "lower", load)?,
                upper: self.opt_expr(n, "upper", load)?,
                step: self.opt_expr(n, "step", load)?,
            }),
            _ => return Err(AstError::Type(format!("unexpected node {}", n.class))),
        })
    }

    // ---- patterns -------------------------------------------------------------------------

    fn patterns(&self, n: &PyNode, field: &str) -> R<Vec<Pattern>> {
        self.list(n, field)?
            .iter()
            .map(|p| self.pattern(p))
            .collect()
    }

    fn pattern(&self, v: &PyAst) -> R<Pattern> {
        let (n, range) = self.located(v, "pattern")?;
        let is_pattern = matches!(
            n.class,
            "MatchValue"
                | "MatchSingleton"
                | "MatchSequence"
                | "MatchMapping"
                | "MatchClass"
                | "MatchStar"
                | "MatchAs"
                | "MatchOr"
        );
        if !is_pattern {
            return Err(self.wrong(v, "pattern"));
        }
        let load = ExprContext::Load;
        Ok(match n.class {
            "MatchValue" => Pattern::MatchValue(ast::PatternMatchValue {
                node_index: ix(),
                range,
                value: self.bexpr(n, "value", load)?,
            }),
            "MatchSingleton" => {
                let value = match n.get("value") {
                    PyAst::None | PyAst::Const(Constant::None) => ast::Singleton::None,
                    PyAst::Const(Constant::Bool(true)) => ast::Singleton::True,
                    PyAst::Const(Constant::Bool(false)) => ast::Singleton::False,
                    PyAst::Missing => {
                        return Err(AstError::Type(
                            "required field \"value\" missing from MatchSingleton".into(),
                        ));
                    }
                    _ => {
                        return Err(AstError::Value(
                            "MatchSingleton can only contain True, False and None".into(),
                        ));
                    }
                };
                Pattern::MatchSingleton(ast::PatternMatchSingleton {
                    node_index: ix(),
                    range,
                    value,
                })
            }
            "MatchSequence" => Pattern::MatchSequence(ast::PatternMatchSequence {
                node_index: ix(),
                range,
                patterns: self.patterns(n, "patterns")?,
            }),
            "MatchMapping" => Pattern::MatchMapping(ast::PatternMatchMapping {
                node_index: ix(),
                range,
                keys: self.exprs(n, "keys", load)?.into(),
                patterns: self.patterns(n, "patterns")?.into(),
                rest: self.opt_ident(n, "rest", range)?,
            }),
            "MatchClass" => {
                let cls = self.bexpr(n, "cls", load)?;
                let patterns = self.patterns(n, "patterns")?;
                let attrs = self.list(n, "kwd_attrs")?;
                let kwd_patterns = self.patterns(n, "kwd_patterns")?;
                if attrs.len() != kwd_patterns.len() {
                    return Err(AstError::Value(
                        "MatchClass doesn't have the same number of keyword attributes as patterns"
                            .into(),
                    ));
                }
                let mut keywords = Vec::new();
                for (a, p) in attrs.iter().zip(kwd_patterns) {
                    keywords.push(ast::PatternKeyword {
                        range,
                        node_index: ix(),
                        attr: ast::Identifier::new(self.ident_value(a)?, range),
                        pattern: p,
                    });
                }
                Pattern::MatchClass(ast::PatternMatchClass {
                    node_index: ix(),
                    range,
                    cls,
                    arguments: ast::PatternArguments {
                        range,
                        node_index: ix(),
                        patterns: patterns.into(),
                        keywords,
                    },
                })
            }
            "MatchStar" => Pattern::MatchStar(ast::PatternMatchStar {
                node_index: ix(),
                range,
                name: self.opt_ident(n, "name", range)?,
            }),
            "MatchAs" => {
                let pattern = match n.get("pattern") {
                    PyAst::None | PyAst::Missing => None,
                    p => Some(Box::new(self.pattern(p)?)),
                };
                let name = self.opt_ident(n, "name", range)?;
                if name.is_none() && pattern.is_some() {
                    return Err(AstError::Value(
                        "MatchAs must specify a target name if a pattern is given".into(),
                    ));
                }
                Pattern::MatchAs(ast::PatternMatchAs {
                    node_index: ix(),
                    range,
                    pattern,
                    name,
                })
            }
            _ => {
                let patterns = self.patterns(n, "patterns")?;
                if patterns.len() < 2 {
                    return Err(AstError::Value(
                        "MatchOr requires at least 2 patterns".into(),
                    ));
                }
                Pattern::MatchOr(ast::PatternMatchOr {
                    node_index: ix(),
                    range,
                    patterns,
                })
            }
        })
    }
}

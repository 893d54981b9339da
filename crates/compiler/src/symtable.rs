//! The symbol table: which names each scope binds, uses, declares global or nonlocal, and how
//! every name resolves (local, global, free, cell). Follows CPython 3.11's `Python/symtable.c`:
//! a first pass records flags per name in each block, a second pass (`analyze`) resolves
//! scopes from the innermost block outwards.

use std::collections::HashMap;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::CompileError;
use crate::positions::SourceFile;

mod analyze;

pub(crate) const DEF_GLOBAL: u32 = 1;
pub(crate) const DEF_LOCAL: u32 = 2;
pub(crate) const DEF_PARAM: u32 = 4;
pub(crate) const DEF_NONLOCAL: u32 = 8;
pub(crate) const USE: u32 = 16;
pub(crate) const DEF_FREE_CLASS: u32 = 64;
pub(crate) const DEF_IMPORT: u32 = 128;
pub(crate) const DEF_ANNOT: u32 = 256;
pub(crate) const DEF_COMP_ITER: u32 = 512;
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// How a name resolves in a scope.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    Unknown,
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

#[derive(Clone, Debug)]
pub(crate) struct Symbol {
    pub(crate) flags: u32,
    pub(crate) scope: Resolution,
    /// Insertion order in its scope (CPython's symbol dicts keep it).
    pub(crate) seq: u32,
}

#[derive(Debug)]
pub(crate) struct Scope {
    pub(crate) kind: ScopeKind,
    pub(crate) name: String,
    pub(crate) symbols: HashMap<String, Symbol>,
    /// Parameters in order (CPython's `ste_varnames`).
    pub(crate) varnames: Vec<String>,
    pub(crate) children: Vec<usize>,
    /// The line the block starts on (`ste_lineno`).
    pub(crate) lineno: u32,
    pub(crate) is_generator: bool,
    pub(crate) is_coroutine: bool,
    pub(crate) is_async_def: bool,
    pub(crate) nested: bool,
    pub(crate) needs_class_closure: bool,
    /// The class name used for private name mangling inside this scope.
    pub(crate) private: Option<String>,
    pub(crate) comp_iter_target: bool,
    comp_iter_expr: u32,
    /// Where each `global`/`nonlocal` name was declared, for error locations.
    directives: HashMap<String, TextRange>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, private: Option<String>) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            symbols: HashMap::new(),
            varnames: Vec::new(),
            children: Vec::new(),
            lineno: 0,
            is_generator: false,
            is_coroutine: false,
            is_async_def: false,
            nested: false,
            needs_class_closure: false,
            private,
            comp_iter_target: false,
            comp_iter_expr: 0,
            directives: HashMap::new(),
        }
    }

    pub(crate) fn is_function_like(&self) -> bool {
        matches!(
            self.kind,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }

    pub(crate) fn resolve(&self, name: &str) -> Resolution {
        self.symbols
            .get(name)
            .map_or(Resolution::Unknown, |s| s.scope)
    }

    pub(crate) fn flags(&self, name: &str) -> u32 {
        self.symbols.get(name).map_or(0, |s| s.flags)
    }

    /// Names with the given resolution (or any of the extra flags), sorted as CPython's
    /// `dictbytype` sorts them.
    pub(crate) fn sorted_names(&self, scope: Resolution, flag: u32) -> Vec<String> {
        let mut v: Vec<String> = self
            .symbols
            .iter()
            .filter(|(_, s)| s.scope == scope || (flag != 0 && s.flags & flag != 0))
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }
}

pub(crate) struct SymbolTable {
    pub(crate) scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
}

impl SymbolTable {
    pub(crate) fn scope_of<T>(&self, node: &T) -> Option<usize> {
        self.scope_of_addr(node as *const T as usize)
    }

    pub(crate) fn scope_of_addr(&self, addr: usize) -> Option<usize> {
        self.by_node.get(&addr).copied()
    }
}

/// CPython's `_Py_Mangle`: `__x` inside `class C` becomes `_C__x`.
pub(crate) fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

struct Builder<'a> {
    src: &'a SourceFile<'a>,
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    stack: Vec<usize>,
    future_annotations: bool,
    /// Expressions being visited, one inside the other.
    depth: usize,
}

/// Expressions nested deeper than this are a RecursionError, as in CPython, whose symbol table
/// stops at three times the recursion limit: every pass over the tree after this one (code
/// generation, the `ast` conversion, the tree's drop) recurses once per level on the Rust
/// stack, and a million levels (`'not ' * 10**6 + 'x'`) overflowed even 256 MiB.
const MAX_EXPR_DEPTH: usize = 3000;

type R = Result<(), CompileError>;

pub(crate) fn build(
    src: &SourceFile<'_>,
    body: &[Stmt],
    top_expr: Option<&Expr>,
    future_annotations: bool,
) -> Result<SymbolTable, CompileError> {
    let mut b = Builder {
        src,
        scopes: vec![Scope::new(ScopeKind::Module, "top", None)],
        by_node: HashMap::new(),
        stack: vec![0],
        future_annotations,
        depth: 0,
    };
    for s in body {
        b.stmt(s)?;
    }
    if let Some(e) = top_expr {
        b.expr(e)?;
    }
    let mut st = SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    };
    analyze::analyze(&mut st, src)?;
    Ok(st)
}

impl Builder<'_> {
    fn cur(&mut self) -> &mut Scope {
        let i = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[i]
    }

    fn cur_ref(&self) -> &Scope {
        &self.scopes[*self.stack.last().unwrap_or(&0)]
    }

    fn err(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        self.src.error_at(crate::ErrorKind::SyntaxError, msg, range)
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, key: usize) {
        let parent = *self.stack.last().unwrap_or(&0);
        let private = if kind == ScopeKind::Class {
            Some(name.to_string())
        } else {
            self.scopes[parent].private.clone()
        };
        let mut scope = Scope::new(kind, name, private);
        let p = &self.scopes[parent];
        scope.nested = p.nested || p.is_function_like();
        let id = self.scopes.len();
        self.scopes.push(scope);
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
    }

    fn leave(&mut self) {
        self.stack.pop();
    }

    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) -> R {
        let mangled = mangle(self.cur_ref().private.as_deref(), name);
        self.add_def_in(*self.stack.last().unwrap_or(&0), &mangled, flag, range)
    }

    fn add_def_in(&mut self, scope: usize, name: &str, flag: u32, range: TextRange) -> R {
        let s = &mut self.scopes[scope];
        let seq = s.symbols.len() as u32;
        let sym = s.symbols.entry(name.to_string()).or_insert(Symbol {
            flags: 0,
            scope: Resolution::Unknown,
            seq,
        });
        if flag & DEF_PARAM != 0 && sym.flags & DEF_PARAM != 0 {
            return Err(self.err(
                format!("duplicate argument '{name}' in function definition"),
                range,
            ));
        }
        sym.flags |= flag;
        if flag & DEF_PARAM != 0 {
            s.varnames.push(name.to_string());
        } else if flag & DEF_GLOBAL != 0 {
            // Global declarations also bind the name in the module scope (CPython does the same).
            let m = &mut self.scopes[0];
            let seq = m.symbols.len() as u32;
            m.symbols
                .entry(name.to_string())
                .or_insert(Symbol {
                    flags: 0,
                    scope: Resolution::Unknown,
                    seq,
                })
                .flags |= flag;
        }
        let s = &self.scopes[scope];
        if s.comp_iter_expr > 0
            && flag & (DEF_LOCAL | DEF_PARAM) != 0
            && s.kind == ScopeKind::Comprehension
        {
            // Not reachable for valid code; kept for symmetry with CPython.
        }
        Ok(())
    }

    fn body(&mut self, stmts: &[Stmt]) -> R {
        stmts.iter().try_for_each(|s| self.stmt(s))
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        match s {
            Stmt::FunctionDef(f) => {
                self.add_def(&f.name, DEF_LOCAL, f.name.range)?;
                self.params_defaults(&f.parameters)?;
                self.annotations(&f.parameters, f.returns.as_deref())?;
                for d in &f.decorator_list {
                    self.expr(&d.expression)?;
                }
                if let Some(tp) = &f.type_params {
                    return Err(self.err("type parameter lists are not supported", tp.range));
                }
                self.enter(ScopeKind::Function, &f.name, f as *const _ as usize);
                self.cur().lineno = self.src.line_col(f.name.range.start().to_u32()).0;
                if f.is_async {
                    self.cur().is_coroutine = true;
                    self.cur().is_async_def = true;
                }
                self.params(&f.parameters)?;
                self.body(&f.body)?;
                self.leave();
            }
            Stmt::ClassDef(c) => {
                self.add_def(&c.name, DEF_LOCAL, c.name.range)?;
                if let Some(args) = &c.arguments {
                    args.args.iter().try_for_each(|a| self.expr(a))?;
                    args.keywords.iter().try_for_each(|k| self.expr(&k.value))?;
                }
                for d in &c.decorator_list {
                    self.expr(&d.expression)?;
                }
                self.enter(ScopeKind::Class, &c.name, c as *const _ as usize);
                self.cur().lineno = self.src.line_col(c.name.range.start().to_u32()).0;
                self.body(&c.body)?;
                self.leave();
            }
            Stmt::Return(r) => {
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
            }
            Stmt::Delete(d) => d.targets.iter().try_for_each(|t| self.expr(t))?,
            Stmt::Assign(a) => {
                a.targets.iter().try_for_each(|t| self.expr(t))?;
                self.expr(&a.value)?;
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.target)?;
                self.expr(&a.value)?;
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let cur = self
                        .cur_ref()
                        .flags(&mangle(self.cur_ref().private.as_deref(), &n.id));
                    if cur & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && a.simple {
                        let kind = if cur & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(self.err(
                            format!("annotated name '{}' can't be {kind}", n.id),
                            n.range,
                        ));
                    }
                    if a.simple {
                        self.add_def(&n.id, DEF_ANNOT | DEF_LOCAL, n.range)?;
                    } else if a.value.is_some() {
                        self.add_def(&n.id, DEF_LOCAL, n.range)?;
                    }
                } else {
                    self.expr(&a.target)?;
                }
                if !self.future_annotations {
                    self.expr(&a.annotation)?;
                }
                if let Some(v) = &a.value {
                    self.expr(v)?;
                }
            }
            Stmt::For(f) => {
                self.expr(&f.target)?;
                self.expr(&f.iter)?;
                self.body(&f.body)?;
                self.body(&f.orelse)?;
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.body(&w.body)?;
                self.body(&w.orelse)?;
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.body(&i.body)?;
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.expr(t)?;
                    }
                    self.body(&c.body)?;
                }
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.expr(v)?;
                    }
                }
                self.body(&w.body)?;
            }
            Stmt::Match(m) => {
                self.expr(&m.subject)?;
                for case in &m.cases {
                    self.pattern(&case.pattern)?;
                    if let Some(g) = &case.guard {
                        self.expr(g)?;
                    }
                    self.body(&case.body)?;
                }
            }
            Stmt::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(e) = &r.cause {
                    self.expr(e)?;
                }
            }
            Stmt::Try(t) => {
                self.body(&t.body)?;
                self.body(&t.orelse)?;
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.expr(ty)?;
                    }
                    if let Some(n) = &h.name {
                        self.add_def(n, DEF_LOCAL, n.range)?;
                    }
                    self.body(&h.body)?;
                }
                self.body(&t.finalbody)?;
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    self.import_alias(alias)?;
                }
            }
            Stmt::ImportFrom(i) => {
                for alias in &i.names {
                    if alias.name.as_str() == "*" {
                        if self.cur_ref().kind != ScopeKind::Module {
                            return Err(
                                self.err("import * only allowed at module level", alias.range)
                            );
                        }
                        continue;
                    }
                    self.import_alias(alias)?;
                }
            }
            Stmt::Global(g) => self.global_nonlocal(&g.names, true, g.range)?,
            Stmt::Nonlocal(n) => self.global_nonlocal(&n.names, false, n.range)?,
            Stmt::Expr(e) => self.expr(&e.value)?,
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => {}
            Stmt::TypeAlias(t) => return Err(self.err("invalid syntax", t.range)),
            Stmt::IpyEscapeCommand(c) => return Err(self.err("invalid syntax", c.range)),
        }
        Ok(())
    }

    fn import_alias(&mut self, alias: &ast::Alias) -> R {
        let name = match &alias.asname {
            Some(a) => a.as_str().to_string(),
            None => alias
                .name
                .as_str()
                .split('.')
                .next()
                .unwrap_or("")
                .to_string(),
        };
        self.add_def(&name, DEF_IMPORT, alias.range)
    }

    fn global_nonlocal(&mut self, names: &[ast::Identifier], global: bool, range: TextRange) -> R {
        let word = if global { "global" } else { "nonlocal" };
        if !global && self.cur_ref().kind == ScopeKind::Module {
            return Err(self.err("nonlocal declaration not allowed at module level", range));
        }
        for n in names {
            let name = mangle(self.cur_ref().private.as_deref(), n);
            let cur = self.cur_ref().flags(&name);
            if cur & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
                let msg = if cur & DEF_PARAM != 0 {
                    format!("name '{n}' is parameter and {word}")
                } else if cur & USE != 0 {
                    format!("name '{n}' is used prior to {word} declaration")
                } else if cur & DEF_ANNOT != 0 {
                    format!("annotated name '{n}' can't be {word}")
                } else {
                    format!("name '{n}' is assigned to before {word} declaration")
                };
                return Err(self.err(msg, range));
            }
            self.add_def(n, if global { DEF_GLOBAL } else { DEF_NONLOCAL }, n.range)?;
            self.cur().directives.entry(name).or_insert(range);
        }
        Ok(())
    }

    fn params_defaults(&mut self, p: &ast::Parameters) -> R {
        for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            if let Some(d) = &a.default {
                self.expr(d)?;
            }
        }
        Ok(())
    }

    fn annotations(&mut self, p: &ast::Parameters, returns: Option<&Expr>) -> R {
        if self.future_annotations {
            return Ok(());
        }
        for a in p.posonlyargs.iter().chain(&p.args) {
            if let Some(an) = &a.parameter.annotation {
                self.expr(an)?;
            }
        }
        if let Some(v) = &p.vararg
            && let Some(an) = &v.annotation
        {
            self.expr(an)?;
        }
        for a in &p.kwonlyargs {
            if let Some(an) = &a.parameter.annotation {
                self.expr(an)?;
            }
        }
        if let Some(v) = &p.kwarg
            && let Some(an) = &v.annotation
        {
            self.expr(an)?;
        }
        if let Some(r) = returns {
            self.expr(r)?;
        }
        Ok(())
    }

    fn params(&mut self, p: &ast::Parameters) -> R {
        for a in p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs) {
            self.add_def(&a.parameter.name, DEF_PARAM, a.parameter.name.range)?;
        }
        // CPython orders *args before keyword-only? No: positional, keyword-only, *args, **kwargs.
        if let Some(v) = &p.vararg {
            // co_varnames puts *args after the keyword-only parameters.
            self.add_def(&v.name, DEF_PARAM, v.name.range)?;
        }
        if let Some(k) = &p.kwarg {
            self.add_def(&k.name, DEF_PARAM, k.name.range)?;
        }
        Ok(())
    }

    fn exprs(&mut self, es: &[Expr]) -> R {
        es.iter().try_for_each(|e| self.expr(e))
    }

    fn expr(&mut self, e: &Expr) -> R {
        if self.depth >= MAX_EXPR_DEPTH {
            let mut err = self.src.error_at(
                crate::ErrorKind::RecursionError,
                "maximum recursion depth exceeded during compilation",
                e.range(),
            );
            err.text = None;
            return Err(err);
        }
        self.depth += 1;
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &Expr) -> R {
        match e {
            Expr::BoolOp(b) => self.exprs(&b.values)?,
            Expr::Named(n) => {
                if let Expr::Name(name) = &*n.target {
                    self.named_target(name)?;
                }
                self.expr(&n.value)?;
                self.expr(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
            }
            Expr::UnaryOp(u) => self.expr(&u.operand)?,
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.params_defaults(p)?;
                }
                self.enter(ScopeKind::Lambda, "lambda", l as *const _ as usize);
                self.cur().lineno = self.src.line_col(l.range.start().to_u32()).0;
                if let Some(p) = &l.parameters {
                    self.params(p)?;
                }
                self.expr(&l.body)?;
                self.leave();
            }
            Expr::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)?;
            }
            Expr::Dict(d) => {
                // As CPython: every key, then every value.
                for item in &d.items {
                    if let Some(k) = &item.key {
                        self.expr(k)?;
                    }
                }
                for item in &d.items {
                    self.expr(&item.value)?;
                }
            }
            Expr::Set(s) => self.exprs(&s.elts)?,
            Expr::ListComp(c) => self.comprehension(
                e,
                "listcomp",
                &c.generators,
                &[&c.elt],
                c as *const _ as usize,
            )?,
            Expr::SetComp(c) => self.comprehension(
                e,
                "setcomp",
                &c.generators,
                &[&c.elt],
                c as *const _ as usize,
            )?,
            Expr::DictComp(c) => {
                // CPython visits the value before the key.
                let mut elts: Vec<&Expr> = vec![&c.value];
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                self.comprehension(e, "dictcomp", &c.generators, &elts, c as *const _ as usize)?
            }
            Expr::Generator(c) => self.comprehension(
                e,
                "genexpr",
                &c.generators,
                &[&c.elt],
                c as *const _ as usize,
            )?,
            Expr::Await(a) => {
                self.check_comp_yield(e, "'await'")?;
                self.expr(&a.value)?;
                // An await makes a comprehension a coroutine (CPython sets ste_coroutine).
                self.cur().is_coroutine = true;
            }
            Expr::Yield(y) => {
                self.check_comp_yield(e, "'yield'")?;
                self.cur().is_generator = true;
                if let Some(v) = &y.value {
                    self.expr(v)?;
                }
            }
            Expr::YieldFrom(y) => {
                self.check_comp_yield(e, "'yield'")?;
                self.cur().is_generator = true;
                self.expr(&y.value)?;
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                self.exprs(&c.comparators)?;
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                self.exprs(&c.arguments.args)?;
                for k in &c.arguments.keywords {
                    self.expr(&k.value)?;
                }
            }
            Expr::FString(f) => {
                for part in f.value.iter() {
                    if let ast::FStringPart::FString(fs) = part {
                        self.fstring_elements(&fs.elements)?;
                    }
                }
            }
            Expr::TString(t) => return Err(self.err("invalid syntax", t.range)),
            Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {}
            Expr::Attribute(a) => self.expr(&a.value)?,
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
            }
            Expr::Starred(s) => self.expr(&s.value)?,
            Expr::Name(n) => {
                let flag = if n.ctx == ast::ExprContext::Load {
                    USE
                } else {
                    DEF_LOCAL
                };
                self.add_def(&n.id, flag, n.range)?;
                let cur = self.cur_ref();
                if n.ctx == ast::ExprContext::Load
                    && cur.is_function_like()
                    && n.id.as_str() == "super"
                {
                    self.add_def_in(*self.stack.last().unwrap_or(&0), "__class__", USE, n.range)?;
                }
            }
            Expr::List(l) => self.exprs(&l.elts)?,
            Expr::Tuple(t) => self.exprs(&t.elts)?,
            Expr::Slice(s) => {
                for p in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.expr(p)?;
                }
            }
            Expr::IpyEscapeCommand(_) => {}
        }
        Ok(())
    }

    fn fstring_elements(&mut self, elements: &ast::InterpolatedStringElements) -> R {
        for el in elements.iter() {
            if let ast::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.fstring_elements(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    fn check_comp_yield(&self, e: &Expr, what: &str) -> R {
        let cur = self.cur_ref();
        if cur.kind == ScopeKind::Comprehension && !matches!(e, Expr::Await(_)) {
            let kind = match cur.name.as_str() {
                "listcomp" => "list comprehension",
                "setcomp" => "set comprehension",
                "dictcomp" => "dict comprehension",
                _ => "generator expression",
            };
            return Err(self.err(format!("{what} inside {kind}"), e.range()));
        }
        Ok(())
    }

    /// A walrus target inside a comprehension binds in the nearest enclosing function or
    /// module scope (PEP 572), not in the comprehension (CPython's
    /// `symtable_extend_namedexpr_scope`).
    fn named_target(&mut self, name: &ast::ExprName) -> R {
        if self.cur_ref().comp_iter_expr > 0 {
            return Err(self.err(
                "assignment expression cannot be used in a comprehension iterable expression",
                name.range,
            ));
        }
        if self.cur_ref().kind != ScopeKind::Comprehension {
            return Ok(());
        }
        let id = name.id.as_str();
        let cur = *self.stack.last().unwrap_or(&0);
        for &sid in self.stack.clone().iter().rev() {
            let s = &self.scopes[sid];
            match s.kind {
                ScopeKind::Comprehension => {
                    if s.flags(id) & DEF_COMP_ITER != 0 {
                        return Err(self.err(
                            format!("assignment expression cannot rebind comprehension iteration variable '{id}'"),
                            name.range,
                        ));
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let global = s.flags(id) & DEF_GLOBAL != 0;
                    self.add_def_in(
                        cur,
                        id,
                        if global { DEF_GLOBAL } else { DEF_NONLOCAL },
                        name.range,
                    )?;
                    self.scopes[cur]
                        .directives
                        .insert(id.to_string(), name.range);
                    self.add_def_in(sid, id, DEF_LOCAL, name.range)?;
                    return Ok(());
                }
                ScopeKind::Module => {
                    self.add_def_in(cur, id, DEF_GLOBAL, name.range)?;
                    self.add_def_in(sid, id, DEF_GLOBAL, name.range)?;
                    return Ok(());
                }
                ScopeKind::Class => {
                    return Err(self.err(
                        "assignment expression within a comprehension cannot be used in a class body",
                        name.range,
                    ));
                }
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        e: &Expr,
        name: &str,
        gens: &[ast::Comprehension],
        elts: &[&Expr],
        key: usize,
    ) -> R {
        let Some(first) = gens.first() else {
            return Ok(());
        };
        // The outermost iterable is evaluated in the enclosing scope.
        self.cur().comp_iter_expr += 1;
        let r = self.expr(&first.iter);
        self.cur().comp_iter_expr -= 1;
        r?;
        let is_generator = matches!(e, Expr::Generator(_));
        self.enter(ScopeKind::Comprehension, name, key);
        let mut start = e.range().start().to_usize();
        if let Expr::Generator(g) = e
            && !g.parenthesized
        {
            // A lone generator argument starts at the call's parenthesis.
            let text = self.src.text.as_bytes();
            let mut s = start.min(text.len());
            while s > 0 && text[s - 1].is_ascii_whitespace() {
                s -= 1;
            }
            if s > 0 && text[s - 1] == b'(' {
                start = s - 1;
            }
        }
        self.cur().lineno = self.src.line_col(start as u32).0;
        if is_generator {
            self.cur().is_generator = true;
        }
        if gens.iter().any(|g| g.is_async) {
            self.cur().is_coroutine = true;
        }
        self.add_def(".0", DEF_PARAM, first.range)?;
        // As CPython: each target, then (past the first generator) its iterable, then its
        // conditions.
        for (i, g) in gens.iter().enumerate() {
            self.cur().comp_iter_target = true;
            let r = self.comp_target(&g.target);
            self.cur().comp_iter_target = false;
            r?;
            if i > 0 {
                self.cur().comp_iter_expr += 1;
                let r = self.expr(&g.iter);
                self.cur().comp_iter_expr -= 1;
                r?;
            }
            self.exprs(&g.ifs)?;
        }
        for el in elts {
            self.expr(el)?;
        }
        self.leave();
        Ok(())
    }

    fn comp_target(&mut self, t: &Expr) -> R {
        match t {
            Expr::Name(n) => {
                self.add_def(&n.id, DEF_LOCAL | DEF_COMP_ITER, n.range)?;
                Ok(())
            }
            Expr::Tuple(tu) => tu.elts.iter().try_for_each(|e| self.comp_target(e)),
            Expr::List(l) => l.elts.iter().try_for_each(|e| self.comp_target(e)),
            Expr::Starred(s) => self.comp_target(&s.value),
            other => self.expr(other),
        }
    }

    fn pattern(&mut self, p: &ast::Pattern) -> R {
        use ast::Pattern as P;
        match p {
            P::MatchValue(v) => self.expr(&v.value),
            P::MatchSingleton(_) => Ok(()),
            P::MatchSequence(s) => s.patterns.iter().try_for_each(|p| self.pattern(p)),
            P::MatchMapping(m) => {
                self.exprs(&m.keys)?;
                m.patterns.iter().try_for_each(|p| self.pattern(p))?;
                if let Some(r) = &m.rest {
                    self.add_def(r, DEF_LOCAL, r.range)?;
                }
                Ok(())
            }
            P::MatchClass(c) => {
                self.expr(&c.cls)?;
                c.arguments
                    .patterns
                    .iter()
                    .try_for_each(|p| self.pattern(p))?;
                c.arguments
                    .keywords
                    .iter()
                    .try_for_each(|k| self.pattern(&k.pattern))
            }
            P::MatchStar(s) => match &s.name {
                Some(n) => self.add_def(n, DEF_LOCAL, n.range),
                None => Ok(()),
            },
            P::MatchAs(a) => {
                if let Some(p) = &a.pattern {
                    self.pattern(p)?;
                }
                match &a.name {
                    Some(n) => self.add_def(n, DEF_LOCAL, n.range),
                    None => Ok(()),
                }
            }
            P::MatchOr(o) => o.patterns.iter().try_for_each(|p| self.pattern(p)),
        }
    }
}

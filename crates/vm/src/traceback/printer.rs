//! The report of an uncaught exception, as CPython 3.11's C printer writes it
//! (`Python/pythonrun.c: print_exception_recursive`, `print_exception_group`,
//! `print_exception_file_and_line`, `print_exception_notes`; `Python/traceback.c:
//! tb_printinternal`). Exception groups nest inside `| ` margins, two columns per level.

use crate::Vm;
use crate::object::Payload;
use crate::objects::exception::group::group_members;
use crate::objects::typeobj::{is_subtype, type_data};
use crate::value::Value;

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
const RECURSIVE_CUTOFF: usize = 3;

struct Ctx {
    out: String,
    seen: Vec<usize>,
    depth: usize,
    need_close: bool,
}

impl Ctx {
    fn margin(&self) -> &'static str {
        if self.depth > 0 { "| " } else { "" }
    }

    fn indent(&self) -> usize {
        2 * self.depth
    }

    fn write_indented_margin(&mut self) {
        let m = self.margin();
        self.out.push_str(&" ".repeat(self.indent()));
        self.out.push_str(m);
    }
}

/// The full report of `exc` with its causes and contexts.
pub fn format_exception(vm: &mut Vm, exc: &Value) -> String {
    let mut ctx = Ctx {
        out: String::new(),
        seen: Vec::new(),
        depth: 0,
        need_close: false,
    };
    print_recursive(vm, &mut ctx, exc);
    ctx.out
}

fn is_group(vm: &Vm, v: &Value) -> bool {
    is_subtype(&vm.type_of(v), &vm.types.base_exception_group)
}

fn print_recursive(vm: &mut Vm, ctx: &mut Ctx, exc: &Value) {
    print_cause_and_context(vm, ctx, exc);
    if is_group(vm, exc) {
        print_group(vm, ctx, exc);
    } else {
        print_exception(vm, ctx, exc);
    }
}

fn print_chained(vm: &mut Vm, ctx: &mut Ctx, exc: &Value, message: &str) {
    let need_close = ctx.need_close;
    print_recursive(vm, ctx, exc);
    ctx.need_close = need_close;
    ctx.write_indented_margin();
    ctx.out.push('\n');
    ctx.write_indented_margin();
    ctx.out.push_str(message);
    ctx.write_indented_margin();
    ctx.out.push('\n');
}

fn print_cause_and_context(vm: &mut Vm, ctx: &mut Ctx, exc: &Value) {
    ctx.seen.push(exc.identity());
    let Some(Payload::Exception(d)) = exc.payload() else {
        return;
    };
    let cause = d.cause.borrow().clone();
    let context = d.context.borrow().clone();
    let suppress = d.suppress_context.get();
    if !cause.is_none() {
        if !ctx.seen.contains(&cause.identity()) {
            print_chained(
                vm,
                ctx,
                &cause,
                "The above exception was the direct cause of the following exception:\n",
            );
        }
        return;
    }
    if suppress {
        return;
    }
    if !context.is_none() && !ctx.seen.contains(&context.identity()) {
        print_chained(
            vm,
            ctx,
            &context,
            "During handling of the above exception, another exception occurred:\n",
        );
    }
}

fn print_group(vm: &mut Vm, ctx: &mut Ctx, exc: &Value) {
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.write_indented_margin();
        ctx.out
            .push_str(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
        return;
    }
    if ctx.depth == 0 {
        ctx.depth += 1;
    }
    print_exception(vm, ctx, exc);
    let excs = group_members(exc).unwrap_or_default();
    let n = if excs.len() <= MAX_GROUP_WIDTH {
        excs.len()
    } else {
        MAX_GROUP_WIDTH + 1
    };
    ctx.need_close = false;
    for i in 0..n {
        let last = i == n - 1;
        if last {
            ctx.need_close = true;
        }
        ctx.out.push_str(&" ".repeat(ctx.indent()));
        let lead = if i == 0 { "+-" } else { "  " };
        let truncated = i >= MAX_GROUP_WIDTH;
        if truncated {
            ctx.out
                .push_str(&format!("{lead}+---------------- ... ----------------\n"));
        } else {
            ctx.out.push_str(&format!(
                "{lead}+---------------- {} ----------------\n",
                i + 1
            ));
        }
        ctx.depth += 1;
        if truncated {
            let remaining = excs.len() - MAX_GROUP_WIDTH;
            ctx.write_indented_margin();
            ctx.out.push_str(&format!(
                "and {remaining} more exception{}\n",
                if remaining > 1 { "s" } else { "" }
            ));
        } else {
            print_recursive(vm, ctx, &excs[i]);
        }
        if last && ctx.need_close {
            ctx.out.push_str(&" ".repeat(ctx.indent()));
            ctx.out.push_str("+------------------------------------\n");
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if ctx.depth == 1 {
        ctx.depth -= 1;
    }
}

fn print_exception(vm: &mut Vm, ctx: &mut Ctx, exc: &Value) {
    let Some(Payload::Exception(d)) = exc.payload() else {
        ctx.out.push_str(&format!(
            "TypeError: print_exception(): Exception expected for value, {} found\n",
            vm.type_name(exc)
        ));
        return;
    };
    let tb = d.traceback.borrow().clone();
    let limit = tb_limit(vm);
    if !tb.is_none() && limit > 0 {
        let (header, header_margin) = if is_group(vm, exc) {
            (
                "Exception Group Traceback (most recent call last):\n",
                if ctx.depth == 1 { "+ " } else { ctx.margin() },
            )
        } else {
            ("Traceback (most recent call last):\n", ctx.margin())
        };
        ctx.out.push_str(&" ".repeat(ctx.indent()));
        ctx.out.push_str(header_margin);
        ctx.out.push_str(header);
        print_tb(vm, ctx, &tb, limit);
    }
    let ty = vm.type_of(exc);
    let mut value = exc.clone();
    if let Some(msg) = print_file_and_line(vm, ctx, exc) {
        value = msg;
    }
    // The message line: `module.Qualname: str(value)`.
    ctx.write_indented_margin();
    let module = vm.type_module_name(&ty);
    if module != "builtins" && module != "__main__" {
        ctx.out.push_str(&module);
        ctx.out.push('.');
    }
    ctx.out.push_str(&type_data(&ty).qualname.borrow());
    if !value.is_none() {
        match vm.str(&value) {
            Ok(s) => {
                let s = vm.str_text(&s);
                if !s.is_empty() {
                    ctx.out.push_str(": ");
                    ctx.out.push_str(&s);
                }
            }
            Err(_) => ctx.out.push_str(": <exception str() failed>"),
        }
    }
    if let Some(s) = super::suggestions::offer(vm, exc) {
        ctx.out.push_str(&format!(". Did you mean: '{s}'?"));
    }
    ctx.out.push('\n');
    print_notes(vm, ctx, exc);
}

fn print_notes(vm: &mut Vm, ctx: &mut Ctx, exc: &Value) {
    let key = vm.intern("__notes__");
    let notes = match vm.getattr_opt(exc, &key) {
        Ok(Some(n)) => n,
        _ => return,
    };
    let is_seq = matches!(notes.payload(), Some(Payload::List(_) | Payload::Tuple(_)))
        || (!matches!(notes.payload(), Some(Payload::Str(_) | Payload::Bytes(_)))
            && vm.lookup_special_str(&notes, "__getitem__").is_some()
            && !matches!(notes.payload(), Some(Payload::Dict(_))));
    if !is_seq {
        ctx.write_indented_margin();
        match vm.repr_string(&notes) {
            Ok(r) => ctx.out.push_str(&r),
            Err(_) => ctx.out.push_str("<__notes__ repr() failed>"),
        }
        ctx.out.push('\n');
        return;
    }
    let Ok(items) = vm.iterate(&notes) else {
        return;
    };
    for note in items {
        let text = if matches!(note.payload(), Some(Payload::Str(_))) {
            Some(vm.str_text(&note))
        } else {
            match vm.str(&note) {
                Ok(s) => Some(vm.str_text(&s)),
                Err(_) => None,
            }
        };
        match text {
            None => ctx.out.push_str("<note str() failed>"),
            Some(t) => {
                for line in split_lines_keepends(&t) {
                    ctx.write_indented_margin();
                    ctx.out.push_str(line);
                }
            }
        }
        ctx.out.push('\n');
    }
}

/// `str.splitlines(keepends=True)` for the line breaks notes use.
fn split_lines_keepends(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let brk = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if brk {
            let mut end = i + c.len_utf8();
            if c == '\r'
                && let Some((_, '\n')) = it.peek()
            {
                it.next();
                end += 1;
            }
            out.push(&s[start..end]);
            start = end;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `tb_printinternal`: the entries, folding runs of identical ones.
/// `PyTraceBack_Print`'s limit: `sys.tracebacklimit` when it is an int (0 for none at all,
/// a huge one for every entry), else `PyTraceBack_LIMIT`.
fn tb_limit(vm: &mut Vm) -> usize {
    const DEFAULT: usize = 1000;
    let Some(v) = vm.sys_attr("tracebacklimit") else {
        return DEFAULT;
    };
    match crate::objects::range::int_value(&v) {
        Some(n) if n.sign() != num_bigint::Sign::Plus => 0,
        Some(n) => usize::try_from(&n).unwrap_or(usize::MAX),
        None => DEFAULT,
    }
}

/// The traceback entries, the last `limit` of them (`tb_printinternal`).
fn print_tb(vm: &mut Vm, ctx: &mut Ctx, tb: &Value, limit: usize) {
    let mut cur = tb.clone();
    let mut depth = 0usize;
    while let Some(Payload::Traceback(t)) = cur.payload() {
        depth += 1;
        let next = t.next.borrow().clone();
        cur = next;
    }
    cur = tb.clone();
    while depth > limit {
        let Some(Payload::Traceback(t)) = cur.payload() else {
            break;
        };
        depth -= 1;
        let next = t.next.borrow().clone();
        cur = next;
    }
    let mut last: Option<(String, u32, String)> = None;
    let mut cnt = 0usize;
    let repeated = |out: &mut String, cnt: usize| {
        let n = cnt - RECURSIVE_CUTOFF;
        out.push_str(&format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n > 1 { "s" } else { "" }
        ));
    };
    while let Some(Payload::Traceback(t)) = cur.payload() {
        let Payload::Frame(fi) = &t.frame.payload else {
            break;
        };
        let co = fi.code.co.clone();
        let key = (co.filename.clone(), t.lineno, co.name.clone());
        if last.as_ref() != Some(&key) {
            if cnt > RECURSIVE_CUTOFF {
                repeated(&mut ctx.out, cnt);
            }
            last = Some(key);
            cnt = 0;
        }
        cnt += 1;
        if cnt <= RECURSIVE_CUTOFF {
            ctx.write_indented_margin();
            ctx.out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                co.filename, t.lineno, co.name
            ));
            let pos = co
                .positions
                .get(t.lasti as usize)
                .filter(|_| !vm.config.no_debug_ranges)
                .unwrap_or_default();
            if let Some(src) = vm.source_line(&co.filename, t.lineno) {
                let margin = format!("{}{}", " ".repeat(ctx.indent()), ctx.margin());
                super::push_source_line(&mut ctx.out, &margin, &src, pos);
            }
        }
        let next = t.next.borrow().clone();
        cur = next;
    }
    if cnt > RECURSIVE_CUTOFF {
        repeated(&mut ctx.out, cnt);
    }
}

/// `print_exception_file_and_line`: a SyntaxError's location and caret; returns the value
/// whose `str()` is printed instead of the exception (its `msg`).
fn print_file_and_line(vm: &mut Vm, ctx: &mut Ctx, exc: &Value) -> Option<Value> {
    let key = vm.intern("print_file_and_line");
    vm.getattr_opt(exc, &key).ok()??;
    let get = |vm: &mut Vm, name: &str| vm.getattr_str(exc, name).ok();
    let message = get(vm, "msg")?;
    let filename = match get(vm, "filename")? {
        Value::None => String::from("<string>"),
        f => {
            let s = vm.str(&f).ok()?;
            vm.str_text(&s)
        }
    };
    let lineno = match get(vm, "lineno")? {
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b.get()),
        _ => return None,
    };
    let offset = match get(vm, "offset")? {
        Value::None => -1,
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b.get()),
        _ => return None,
    };
    let exact = crate::object::ObjRef::ptr_eq(&vm.type_of(exc), &vm.types.syntax_error);
    let (end_lineno, mut end_offset) = if exact {
        let el = match get(vm, "end_lineno") {
            Some(Value::Int(n)) => n,
            _ => lineno,
        };
        let eo = match get(vm, "end_offset") {
            Some(Value::Int(n)) => n,
            _ => -1,
        };
        (el, eo)
    } else {
        (lineno, -1)
    };
    let text = match get(vm, "text")? {
        Value::None => None,
        t if matches!(t.payload(), Some(Payload::Str(_))) => Some(vm.str_text(&t)),
        _ => return None,
    };
    ctx.write_indented_margin();
    ctx.out
        .push_str(&format!("  File \"{filename}\", line {lineno}\n"));
    if let Some(text) = text {
        let size = text.len() as i64;
        if end_lineno > lineno {
            end_offset = size;
        }
        if end_offset > size + 1 {
            end_offset = size + 1;
        }
        print_error_text(&mut ctx.out, offset, end_offset, &text);
    }
    Some(message)
}

/// `print_error_text`: the offending line and a caret line under the error's columns.
fn print_error_text(out: &mut String, offset: i64, end_offset: i64, text: &str) {
    let carets = if end_offset > 0 && end_offset > offset {
        (end_offset - offset) as usize
    } else {
        1
    };
    let mut offset = offset - 1;
    let mut t = text.as_bytes();
    while let Some(&c) = t.first() {
        if c == b' ' || c == b'\t' || c == b'\x0c' {
            t = &t[1..];
            offset -= 1;
        } else {
            break;
        }
    }
    let mut len = t.len() as i64;
    if len > 0 && t[t.len() - 1] == b'\n' {
        len -= 1;
    }
    if offset > len {
        offset = len;
    }
    while let Some(nl) = t.iter().position(|&b| b == b'\n') {
        let inl = nl as i64;
        if inl >= offset {
            break;
        }
        t = &t[nl + 1..];
        len -= inl + 1;
        offset -= inl + 1;
    }
    out.push_str("    ");
    out.push_str(&String::from_utf8_lossy(t));
    if t.get(len.max(0) as usize) != Some(&b'\n') {
        out.push('\n');
    }
    if offset < 0 {
        return;
    }
    out.push_str("    ");
    out.push_str(&" ".repeat(offset as usize));
    out.push_str(&"^".repeat(carets));
    out.push('\n');
}

//! The errors CPython 3.11's tokenizer and string-literal parser raise, found by a light
//! 3.11-style scan of the source. Ruff lexes by 3.12's rules (PEP 701 f-strings) and words its
//! literal errors its own way, so `errors::parse` asks this module first whenever Ruff reports a
//! problem: number literals (`0x`, `0o8`, `1__0`), `\` continuations, escape decoding
//! (`'\x4'`), `bytes` literal rules and 3.11's f-string grammar.

use ruff_text_size::{TextRange, TextSize};

use crate::positions::SourceFile;
use crate::{CompileError, ErrorKind, Mode};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Str,
    Other,
    Newline,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

/// The first 3.11 tokenizer or literal error, with the byte offset of the token that causes it
/// (so the caller can tell whether a parser error comes earlier). `None` when the scan finds
/// nothing (or meets an unterminated string, which the caller reports itself).
pub(crate) struct Found {
    /// The first tokenizer error: (token start, error, raised as an exception).
    pub(crate) tokenizer: Option<(usize, CompileError, bool)>,
    /// The first string-literal error before it: (start of the strings, error).
    pub(crate) literal: Option<(usize, CompileError)>,
}

pub(crate) fn check(src: &SourceFile<'_>) -> Found {
    let mut toks = Vec::new();
    let tokenizer = scan(src, &mut toks).err().flatten();
    let mut literal = None;
    let mut i = 0;
    while i < toks.len() {
        if toks[i].kind != Kind::Str {
            i += 1;
            continue;
        }
        let first = i;
        while i < toks.len() && toks[i].kind == Kind::Str {
            i += 1;
        }
        let next = match toks.get(i) {
            Some(t) => *t,
            // The tokenizer failed while the parser looked past these strings.
            None if tokenizer.is_some() => break,
            None => Tok {
                kind: Kind::Newline,
                start: src.text.len(),
                end: src.text.len(),
            },
        };
        if let Some(e) = check_group(src, &toks[first..i], next) {
            literal = Some((toks[first].start, e));
            break;
        }
    }
    Found { tokenizer, literal }
}

fn is_ident(c: u8) -> bool {
    c >= 0x80 || c.is_ascii_alphanumeric() || c == b'_'
}

/// An error positioned at the tokenizer's cursor: `offset` counts the characters before it.
fn at_cur(src: &SourceFile<'_>, cur: usize, msg: impl Into<String>) -> CompileError {
    let cur = cur.min(src.text.len());
    let mut e = src.error_at(
        ErrorKind::SyntaxError,
        msg,
        TextRange::empty(TextSize::from(cur as u32)),
    );
    e.col = e.col.saturating_sub(1);
    e.end_col = e.col;
    tokenizer_text(src, &mut e);
    e
}

/// The tokenizer's error text is the raw line: no newline is added to a last line without one.
fn tokenizer_text(src: &SourceFile<'_>, e: &mut CompileError) {
    let (last, _) = src.line_col(src.text.len() as u32);
    if e.line == last
        && !src.text.ends_with(['\n', '\r'])
        && let Some(t) = e.text.as_mut()
    {
        t.truncate(t.trim_end_matches(['\n', '\r']).len());
    }
}

/// A tokenizer error: where its token starts, the error, and whether the tokenizer raises it
/// as an exception (so it also wins over a parser error found earlier, as
/// `_PyPegen_tokenize_full_source_to_check_for_errors` arranges) rather than through a
/// `done` code (line continuation, end of input).
type ScanErr = Option<(usize, CompileError, bool)>;

/// Open brackets CPython's tokenizer allows at once (`MAXLEVEL`); f-string replacement fields
/// start a level of their own.
pub(crate) const MAX_LEVEL: usize = 200;

fn scan(src: &SourceFile<'_>, toks: &mut Vec<Tok>) -> Result<(), ScanErr> {
    let b = src.text.as_bytes();
    let mut depth = 0usize;
    let mut opens: Vec<(u8, usize)> = Vec::new();
    let mut i = 0;
    let push_newline = |toks: &mut Vec<Tok>, at: usize, end: usize| {
        if toks.last().is_some_and(|t| t.kind != Kind::Newline) {
            toks.push(Tok {
                kind: Kind::Newline,
                start: at,
                end,
            });
        }
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' | b'\x0c' => i += 1,
            b'#' => {
                while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                    i += 1;
                }
            }
            b'\n' | b'\r' => {
                if depth == 0 {
                    push_newline(toks, i, i);
                }
                i += 1;
            }
            b'\\' => match b.get(i + 1) {
                Some(b'\n' | b'\r') | None => {
                    let nl = match (b.get(i + 1), b.get(i + 2)) {
                        (Some(b'\r'), Some(b'\n')) => 2,
                        (None, _) => 0,
                        _ => 1,
                    };
                    if i + 1 + nl >= b.len() {
                        // A continuation with nothing after it.
                        let at = TextSize::from((i + 1) as u32);
                        let e = src.error_at(
                            ErrorKind::SyntaxError,
                            "unexpected EOF while parsing",
                            TextRange::empty(at),
                        );
                        return Err(Some((i, e, false)));
                    }
                    i += 1 + nl;
                }
                Some(_) => {
                    let next_len = src.text[i + 1..].chars().next().map_or(1, char::len_utf8);
                    let mut e = at_cur(
                        src,
                        i + 1 + next_len,
                        "unexpected character after line continuation character",
                    );
                    e.end_col = 0;
                    e.text = src.line_text(e.line);
                    return Err(Some((i, e, false)));
                }
            },
            b'0'..=b'9' => {
                let end = scan_number(b, i).map_err(|e| Some((i, e.into_error(src, i), true)))?;
                toks.push(Tok {
                    kind: Kind::Other,
                    start: i,
                    end,
                });
                i = end;
            }
            b'.' if b.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                let end = scan_number(b, i).map_err(|e| Some((i, e.into_error(src, i), true)))?;
                toks.push(Tok {
                    kind: Kind::Other,
                    start: i,
                    end,
                });
                i = end;
            }
            b'\'' | b'"' => {
                let end = scan_string(b, i).ok_or_else(|| unterminated_at(src, i, i))?;
                toks.push(Tok {
                    kind: Kind::Str,
                    start: i,
                    end,
                });
                i = end;
            }
            c if is_ident(c) => {
                let mut j = i;
                while j < b.len() && is_ident(b[j]) {
                    j += 1;
                }
                if let Some(e) = bad_identifier(src, i, j) {
                    return Err(Some((i, e, true)));
                }
                if matches!(b.get(j), Some(b'\'' | b'"')) && valid_prefix(&b[i..j]) {
                    let end = scan_string(b, j).ok_or_else(|| unterminated_at(src, i, j))?;
                    toks.push(Tok {
                        kind: Kind::Str,
                        start: i,
                        end,
                    });
                    i = end;
                } else {
                    toks.push(Tok {
                        kind: Kind::Other,
                        start: i,
                        end: j,
                    });
                    i = j;
                }
            }
            c if c < 0x20 || c == 0x7f => {
                let msg = format!("invalid non-printable character U+{c:04X}");
                return Err(Some((i, at_cur(src, i + 1, msg), true)));
            }
            _ => {
                match c {
                    b'(' | b'[' | b'{' => {
                        // CPython's tokenizer holds at most MAXLEVEL (200) open brackets.
                        if opens.len() >= MAX_LEVEL {
                            let e = at_cur(src, i + 1, "too many nested parentheses");
                            return Err(Some((i, e, true)));
                        }
                        depth += 1;
                        opens.push((c, i));
                    }
                    b')' | b']' | b'}' => {
                        depth = depth.saturating_sub(1);
                        let want = match c {
                            b')' => b'(',
                            b']' => b'[',
                            _ => b'{',
                        };
                        match opens.pop() {
                            None => {
                                let e = src.error_at(
                                    ErrorKind::SyntaxError,
                                    format!("unmatched '{}'", c as char),
                                    TextRange::empty(TextSize::from(i as u32)),
                                );
                                return Err(Some((i, e, true)));
                            }
                            Some((o, at)) if o != want => {
                                let (l1, _) = src.line_col(at as u32);
                                let (l2, _) = src.line_col(i as u32);
                                let mut msg = format!(
                                    "closing parenthesis '{}' does not match opening parenthesis '{}'",
                                    c as char, o as char
                                );
                                if l1 != l2 {
                                    msg.push_str(&format!(" on line {l1}"));
                                }
                                let e = src.error_at(
                                    ErrorKind::SyntaxError,
                                    msg,
                                    TextRange::new(
                                        TextSize::from(i as u32),
                                        TextSize::from(i as u32 + 1),
                                    ),
                                );
                                return Err(Some((i, e, true)));
                            }
                            Some(_) => {}
                        }
                    }
                    _ => {}
                }
                let rest = &b[i..];
                let len = [
                    "**=", "//=", ">>=", "<<=", "...", "->", ":=", "==", "!=", "<=", ">=", "**",
                    "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
                ]
                .iter()
                .find(|op| rest.starts_with(op.as_bytes()))
                .map_or(1, |op| op.len());
                toks.push(Tok {
                    kind: Kind::Other,
                    start: i,
                    end: i + len,
                });
                i += len;
            }
        }
    }
    push_newline(toks, b.len(), b.len());
    Ok(())
}

/// CPython's `verify_identifier`: a name holding non-ASCII characters must be a valid
/// identifier; the error names the first character that is not.
fn bad_identifier(src: &SourceFile<'_>, start: usize, end: usize) -> Option<CompileError> {
    let name = src.text.get(start..end)?;
    if name.is_ascii() {
        return None;
    }
    for (k, (off, ch)) in name.char_indices().enumerate() {
        let cp = u32::from(ch);
        let ok = if k == 0 {
            ch == '_' || krait_common::unicode::is_xid_start(cp)
        } else {
            krait_common::unicode::is_xid_continue(cp)
        };
        if !ok {
            let msg = if krait_common::unicode::is_printable(cp) {
                format!("invalid character '{ch}' (U+{cp:04X})")
            } else {
                format!("invalid non-printable character U+{cp:04X}")
            };
            return Some(at_cur(src, start + off + ch.len_utf8(), msg));
        }
    }
    None
}

/// The tokenizer's error for a string literal (prefix at `start`, quote at `quote`) that does
/// not end.
fn unterminated_at(src: &SourceFile<'_>, start: usize, quote: usize) -> ScanErr {
    let b = src.text.as_bytes();
    let q = b[quote];
    let triple = b.get(quote + 1) == Some(&q) && b.get(quote + 2) == Some(&q);
    let end = if triple {
        src.text.len()
    } else {
        src.text[quote..]
            .find(['\n', '\r'])
            .map_or(src.text.len(), |n| quote + n)
    };
    let r = TextRange::new(TextSize::from(start as u32), TextSize::from(end as u32));
    Some((start, crate::errors::unterminated(src, r), true))
}

fn valid_prefix(p: &[u8]) -> bool {
    let (mut b, mut r, mut u, mut f) = (false, false, false, false);
    for &c in p {
        match c.to_ascii_lowercase() {
            b'b' if !(b || u || f) => b = true,
            b'u' if !(b || u || r || f) => u = true,
            b'r' if !(r || u) => r = true,
            b'f' if !(f || b || u) => f = true,
            _ => return false,
        }
    }
    true
}

/// End of the string literal whose opening quote is at `i`, by 3.11's rules (an f-string ends
/// at its matching quote whatever its braces hold). `None` if it is unterminated.
fn scan_string(b: &[u8], i: usize) -> Option<usize> {
    let q = b[i];
    let triple = b.get(i + 1) == Some(&q) && b.get(i + 2) == Some(&q);
    let mut j = i + if triple { 3 } else { 1 };
    loop {
        let c = *b.get(j)?;
        j += 1;
        if c == b'\\' {
            if j < b.len() {
                j += 1;
            }
            continue;
        }
        if !triple && (c == b'\n' || c == b'\r') {
            return None;
        }
        if c == q {
            if !triple {
                return Some(j);
            }
            if b.get(j) == Some(&q) && b.get(j + 1) == Some(&q) {
                return Some(j + 2);
            }
        }
    }
}

enum NumErr {
    /// Error at the cursor (a byte offset).
    Cur(usize, String),
    /// The "leading zeros" error: start of the literal to the end of its zeros.
    Zeros(usize),
}

impl NumErr {
    fn into_error(self, src: &SourceFile<'_>, start: usize) -> CompileError {
        match self {
            NumErr::Cur(cur, msg) => at_cur(src, cur, msg),
            NumErr::Zeros(zeros_end) => {
                let mut e = src.error_at(
                ErrorKind::SyntaxError,
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                TextRange::new(
                    TextSize::from(start as u32),
                    TextSize::from(zeros_end.saturating_sub(1).max(start) as u32),
                ),
            );
                tokenizer_text(src, &mut e);
                e
            }
        }
    }
}

/// CPython's tokenizer on a number literal starting at `start`: its end, or the error.
fn scan_number(b: &[u8], start: usize) -> Result<usize, NumErr> {
    struct Cursor<'b> {
        b: &'b [u8],
        j: usize,
    }
    impl Cursor<'_> {
        fn next(&mut self) -> u8 {
            let c = self.b.get(self.j).copied().unwrap_or(0);
            self.j += 1;
            c
        }
        fn backup(&mut self) {
            self.j -= 1;
        }
        fn peek_is(&self, s: &str) -> bool {
            self.b
                .get(self.j..)
                .is_some_and(|r| r.starts_with(s.as_bytes()))
        }
        fn err(&self, msg: impl Into<String>) -> NumErr {
            NumErr::Cur(self.j.min(self.b.len()), msg.into())
        }
        fn verify_end(&mut self, c: u8, kind: &str) -> Result<(), NumErr> {
            let r = match c {
                b'a' => self.peek_is("nd"),
                b'e' => self.peek_is("lse"),
                b'f' => self.peek_is("or"),
                b'i' => matches!(self.b.get(self.j), Some(b'f' | b'n' | b's')),
                b'o' => self.peek_is("r"),
                b'n' => self.peek_is("ot"),
                _ => false,
            };
            if !r && is_ident(c) {
                self.backup();
                return Err(self.err(format!("invalid {kind} literal")));
            }
            Ok(())
        }
        fn decimal_tail(&mut self) -> Result<u8, NumErr> {
            loop {
                let mut c = self.next();
                while c.is_ascii_digit() {
                    c = self.next();
                }
                if c != b'_' {
                    return Ok(c);
                }
                let d = self.next();
                if !d.is_ascii_digit() {
                    self.backup();
                    return Err(self.err("invalid decimal literal"));
                }
            }
        }
        /// Hex, octal or binary digits after the prefix.
        fn radix(
            &mut self,
            ok: fn(u8) -> bool,
            name: &str,
            digit_check: bool,
        ) -> Result<u8, NumErr> {
            let mut c = self.next();
            loop {
                if c == b'_' {
                    c = self.next();
                }
                if !ok(c) {
                    if digit_check && c.is_ascii_digit() {
                        return Err(
                            self.err(format!("invalid digit '{}' in {name} literal", c as char))
                        );
                    }
                    self.backup();
                    return Err(self.err(format!("invalid {name} literal")));
                }
                loop {
                    c = self.next();
                    if !ok(c) {
                        break;
                    }
                }
                if c != b'_' {
                    break;
                }
            }
            if digit_check && c.is_ascii_digit() {
                return Err(self.err(format!("invalid digit '{}' in {name} literal", c as char)));
            }
            self.verify_end(c, name)?;
            Ok(c)
        }
    }
    let mut t = Cursor { b, j: start };
    let first = t.next();
    // What follows the integer part: the char after '.', or 'e'/'j', or anything.
    let mut c;
    let mut in_fraction = false;
    if first == b'.' {
        c = t.next();
        in_fraction = true;
    } else if first == b'0' {
        c = t.next();
        match c {
            b'x' | b'X' => {
                t.radix(|c| c.is_ascii_hexdigit(), "hexadecimal", false)?;
                t.backup();
                return Ok(t.j);
            }
            b'o' | b'O' => {
                t.radix(|c| (b'0'..b'8').contains(&c), "octal", true)?;
                t.backup();
                return Ok(t.j);
            }
            b'b' | b'B' => {
                t.radix(|c| c == b'0' || c == b'1', "binary", true)?;
                t.backup();
                return Ok(t.j);
            }
            _ => {}
        }
        let mut nonzero = false;
        loop {
            if c == b'_' {
                c = t.next();
                if !c.is_ascii_digit() {
                    t.backup();
                    return Err(t.err("invalid decimal literal"));
                }
            }
            if c != b'0' {
                break;
            }
            c = t.next();
        }
        let zeros_end = t.j;
        if c.is_ascii_digit() {
            nonzero = true;
            c = t.decimal_tail()?;
        }
        if c == b'.' {
            c = t.next();
            in_fraction = true;
        } else if !matches!(c, b'e' | b'E' | b'j' | b'J') {
            if nonzero {
                return Err(NumErr::Zeros(zeros_end));
            }
            t.verify_end(c, "decimal")?;
            t.backup();
            return Ok(t.j);
        }
    } else {
        c = t.decimal_tail()?;
        if c == b'.' {
            c = t.next();
            in_fraction = true;
        }
    }
    if in_fraction && c.is_ascii_digit() {
        c = t.decimal_tail()?;
    }
    if matches!(c, b'e' | b'E') {
        let e = c;
        c = t.next();
        if c == b'+' || c == b'-' {
            c = t.next();
            if !c.is_ascii_digit() {
                t.backup();
                return Err(t.err("invalid decimal literal"));
            }
        } else if !c.is_ascii_digit() {
            t.backup();
            t.verify_end(e, "decimal")?;
            t.backup();
            return Ok(t.j);
        }
        c = t.decimal_tail()?;
    }
    if matches!(c, b'j' | b'J') {
        c = t.next();
        t.verify_end(c, "imaginary")?;
    } else {
        t.verify_end(c, "decimal")?;
    }
    t.backup();
    Ok(t.j)
}

/// The error position CPython gives literal errors: the token after the string group.
fn after_group(src: &SourceFile<'_>, next: Tok, msg: impl Into<String>) -> CompileError {
    let end = if next.kind == Kind::Newline {
        next.start
    } else {
        next.end
    };
    src.error_at(
        ErrorKind::SyntaxError,
        msg,
        TextRange::new(
            TextSize::from(next.start as u32),
            TextSize::from(end as u32),
        ),
    )
}

fn check_group(src: &SourceFile<'_>, group: &[Tok], next: Tok) -> Option<CompileError> {
    let mut bytes_mode = false;
    for (idx, t) in group.iter().enumerate() {
        let text = src.text.get(t.start..t.end)?;
        let plen = text.find(['\'', '"'])?;
        let prefix = text[..plen].to_ascii_lowercase();
        let (is_b, is_r, is_f) = (
            prefix.contains('b'),
            prefix.contains('r'),
            prefix.contains('f'),
        );
        let rest = &text[plen..];
        let q = if rest.len() >= 6 && (rest.starts_with("'''") || rest.starts_with("\"\"\"")) {
            3
        } else {
            1
        };
        let body = rest.get(q..rest.len().checked_sub(q)?)?;
        if !is_f {
            let raw = is_r || !body.contains('\\');
            if is_b {
                if !text.is_ascii() {
                    return Some(src.error_at(
                        ErrorKind::SyntaxError,
                        "bytes can only contain ASCII literal characters",
                        TextRange::new(
                            TextSize::from(t.start as u32),
                            TextSize::from(t.end as u32),
                        ),
                    ));
                }
                if !raw && let Some(pos) = bad_bytes_escape(body.as_bytes()) {
                    return Some(after_group(
                        src,
                        next,
                        format!("(value error) invalid \\x escape at position {pos}"),
                    ));
                }
            } else if !raw && let Some(m) = unicode_escape_error(body) {
                return Some(after_group(src, next, m));
            }
        }
        if idx > 0 && bytes_mode != is_b {
            return Some(after_group(
                src,
                next,
                "cannot mix bytes and nonbytes literals",
            ));
        }
        bytes_mode = is_b;
        if is_f {
            let mut pos = 0;
            if let Err(m) = fstring_parse(body.as_bytes(), &mut pos, is_r, 0) {
                return Some(after_group(src, next, m));
            }
        }
    }
    None
}

fn bad_bytes_escape(s: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < s.len() {
        if s[i] != b'\\' {
            i += 1;
            continue;
        }
        let at = i;
        i += 1;
        let c = s.get(i).copied();
        i += 1;
        if c == Some(b'x') {
            match (s.get(i), s.get(i + 1)) {
                (Some(a), Some(b)) if a.is_ascii_hexdigit() && b.is_ascii_hexdigit() => i += 2,
                _ => return Some(at),
            }
        }
    }
    None
}

/// 3.11's `decode_unicode_with_escapes`: non-ASCII characters become `\UXXXXXXXX` first, so
/// the positions in the message count in that text.
fn unicode_escape_error(body: &str) -> Option<String> {
    let mut buf = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            buf.push('\\');
            match chars.peek() {
                None => {
                    buf.push_str("u005c");
                    break;
                }
                Some(n) if !n.is_ascii() => buf.push_str("u005c"),
                Some(_) => {
                    if let Some(n) = chars.next() {
                        buf.push(n);
                    }
                    continue;
                }
            }
            continue;
        }
        if c.is_ascii() {
            buf.push(c);
        } else {
            buf.push_str(&format!("\\U{:08x}", u32::from(c)));
        }
    }
    let s = buf.as_bytes();
    let n = s.len();
    let mut i = 0;
    let fail = |start: usize, end: usize, msg: &str| {
        let span = if end.saturating_sub(start) == 1 {
            format!("byte 0x{:02x} in position {start}", s[start])
        } else {
            format!("bytes in position {start}-{}", end.saturating_sub(1))
        };
        Some(format!(
            "(unicode error) 'unicodeescape' codec can't decode {span}: {msg}"
        ))
    };
    while i < n {
        if s[i] != b'\\' {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if i >= n {
            return fail(start, n, "\\ at end of string");
        }
        let c = s[i];
        i += 1;
        let (count, msg) = match c {
            b'x' => (2, "truncated \\xXX escape"),
            b'u' => (4, "truncated \\uXXXX escape"),
            b'U' => (8, "truncated \\UXXXXXXXX escape"),
            b'N' => {
                let msg = "malformed \\N character escape";
                if i >= n {
                    return fail(start, i, msg);
                }
                let mut msg = msg;
                if s[i] == b'{' {
                    i += 1;
                    let ns = i;
                    while i < n && s[i] != b'}' {
                        i += 1;
                    }
                    if i >= n {
                        return fail(start, i, msg);
                    }
                    let name = std::str::from_utf8(&s[ns..i]).unwrap_or("");
                    if !name.is_empty() {
                        i += 1;
                        if lookup_name(name) {
                            continue;
                        }
                        msg = "unknown Unicode character name";
                    }
                }
                return fail(start, i, msg);
            }
            _ => continue,
        };
        let mut ch: u32 = 0;
        for _ in 0..count {
            match s.get(i).and_then(|d| (*d as char).to_digit(16)) {
                Some(d) => ch = ch * 16 + d,
                None => return fail(start, i, msg),
            }
            i += 1;
        }
        if ch > 0x10FFFF {
            return fail(start, i, "illegal Unicode character");
        }
    }
    None
}

fn lookup_name(name: &str) -> bool {
    unicode_names2::character(&name.to_ascii_uppercase()).is_some()
}

/// 3.11's f-string parser (`fstring_find_literal` / `fstring_find_expr`) over the body of one
/// f-string literal; the error message if it rejects it.
fn fstring_parse(s: &[u8], i: &mut usize, raw: bool, lvl: u32) -> Result<(), String> {
    let end = s.len();
    loop {
        // The literal part.
        let lit_start = *i;
        let mut lit_end = None;
        let mut again = false;
        while *i < end {
            let mut ch = s[*i];
            *i += 1;
            if !raw && ch == b'\\' && *i < end {
                ch = s[*i];
                *i += 1;
                if ch == b'N' {
                    if *i < end && {
                        let c = s[*i];
                        *i += 1;
                        c == b'{'
                    } {
                        while *i < end {
                            let c = s[*i];
                            *i += 1;
                            if c == b'}' {
                                break;
                            }
                        }
                        continue;
                    }
                    break;
                }
            }
            if ch == b'{' || ch == b'}' {
                if lvl == 0 {
                    if *i < end && s[*i] == ch {
                        lit_end = Some(*i);
                        *i += 1;
                        again = true;
                        break;
                    }
                    if ch == b'}' {
                        return Err("f-string: single '}' is not allowed".into());
                    }
                }
                *i -= 1;
                break;
            }
        }
        let lit_end = lit_end.unwrap_or(*i);
        if !raw && lit_end > lit_start {
            let lit = std::str::from_utf8(&s[lit_start..lit_end]).unwrap_or("");
            if let Some(m) = unicode_escape_error(lit) {
                return Err(m);
            }
        }
        if again {
            continue;
        }
        if *i >= end || s[*i] == b'}' {
            break;
        }
        fstring_expr(s, i, raw, lvl)?;
    }
    if lvl != 0 && (*i >= end || s[*i] != b'}') {
        return Err("f-string: expecting '}'".into());
    }
    Ok(())
}

fn fstring_expr(s: &[u8], i: &mut usize, raw: bool, lvl: u32) -> Result<(), String> {
    let end = s.len();
    let expecting = || Err("f-string: expecting '}'".to_string());
    if lvl >= 2 {
        return Err("f-string: expressions nested too deeply".into());
    }
    *i += 1;
    let expr_start = *i;
    let mut quote = 0u8;
    let mut triple = false;
    let mut stack: Vec<u8> = Vec::new();
    while *i < end {
        let ch = s[*i];
        if ch == b'\\' {
            return Err("f-string expression part cannot include a backslash".into());
        }
        if quote != 0 {
            if ch == quote {
                if triple {
                    if *i + 2 < end && s[*i + 1] == ch && s[*i + 2] == ch {
                        *i += 2;
                        quote = 0;
                        triple = false;
                    }
                } else {
                    quote = 0;
                }
            }
        } else if ch == b'\'' || ch == b'"' {
            if *i + 2 < end && s[*i + 1] == ch && s[*i + 2] == ch {
                triple = true;
                *i += 2;
            } else {
                triple = false;
            }
            quote = ch;
        } else if matches!(ch, b'[' | b'{' | b'(') {
            if stack.len() >= 200 {
                return Err("f-string: too many nested parenthesis".into());
            }
            stack.push(ch);
        } else if ch == b'#' {
            return Err("f-string expression part cannot include '#'".into());
        } else if stack.is_empty() && matches!(ch, b'!' | b':' | b'}' | b'=' | b'>' | b'<') {
            if *i + 1 < end {
                let next = s[*i + 1];
                if next == b'=' && matches!(ch, b'!' | b'=' | b'<' | b'>') {
                    *i += 2;
                    continue;
                }
                if ch == b'>' || ch == b'<' {
                    *i += 1;
                    continue;
                }
            }
            break;
        } else if matches!(ch, b']' | b'}' | b')') {
            let Some(open) = stack.pop() else {
                return Err(format!("f-string: unmatched '{}'", ch as char));
            };
            let ok = matches!((open, ch), (b'(', b')') | (b'[', b']') | (b'{', b'}'));
            if !ok {
                return Err(format!(
                    "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                    ch as char, open as char
                ));
            }
        }
        *i += 1;
    }
    let expr_end = *i;
    if quote != 0 {
        return Err("f-string: unterminated string".into());
    }
    if let Some(&open) = stack.last() {
        return Err(format!("f-string: unmatched '{}'", open as char));
    }
    if *i >= end {
        return expecting();
    }
    let expr = &s[expr_start..expr_end];
    if expr
        .iter()
        .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\x0c'))
    {
        let c = s[expr_end];
        if matches!(c, b'!' | b':' | b'=') {
            return Err(format!(
                "f-string: expression required before '{}'",
                c as char
            ));
        }
        return Err("f-string: empty expression not allowed".into());
    }
    let text = format!("({})", String::from_utf8_lossy(expr));
    let sub = SourceFile::new(&text);
    if let Err(e) = crate::errors::parse(&sub, Mode::Eval) {
        return Err(format!("f-string: {}", e.msg));
    }
    if s[*i] == b'=' {
        *i += 1;
        while *i < end && matches!(s[*i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c') {
            *i += 1;
        }
    }
    if *i < end && s[*i] == b'!' {
        *i += 1;
        if *i >= end {
            return expecting();
        }
        let conv = s[*i];
        *i += 1;
        if !matches!(conv, b's' | b'r' | b'a') {
            return Err("f-string: invalid conversion character: expected 's', 'r', or 'a'".into());
        }
    }
    if *i >= end {
        return expecting();
    }
    if s[*i] == b':' {
        *i += 1;
        if *i >= end {
            return expecting();
        }
        fstring_parse(s, i, raw, lvl + 1)?;
    }
    if *i >= end || s[*i] != b'}' {
        return expecting();
    }
    *i += 1;
    Ok(())
}

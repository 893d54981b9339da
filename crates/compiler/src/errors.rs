//! Parsing, and turning Ruff's parse errors into the `SyntaxError`s CPython 3.11 raises for the
//! same input (message, class and location), plus the `__future__` checks.

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::visitor::source_order::{SourceOrderVisitor, walk_expr};
use ruff_python_ast::{Expr, Stmt};
use ruff_python_parser::{
    LexicalErrorType, Mode as PMode, ParseErrorType, ParseOptions, parse_unchecked,
};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::positions::SourceFile;
use crate::{CompileError, ErrorKind, Mode};

type Parsed = (Vec<Stmt>, Option<Expr>);

pub(crate) fn parse(src: &SourceFile<'_>, mode: Mode) -> Result<Parsed, CompileError> {
    parse_inner(src, mode).map_err(|mut e| {
        let text = src.text;
        if mode == Mode::Eval && !text.ends_with(['\n', '\r']) {
            // `eval()` source has no newline appended: the error line's text has none, and
            // an error at the very end of input has offset 0.
            let (last_line, _) = src.line_col(text.len() as u32);
            if e.line == last_line
                && let Some(t) = e.text.as_mut()
            {
                t.truncate(t.trim_end_matches(['\n', '\r']).len());
                if e.kind == ErrorKind::SyntaxError
                    && e.col as usize == t.chars().count() + 1
                    && e.end_col == e.col
                {
                    e.col = 0;
                    e.end_col = 0;
                }
            }
        }
        e
    })
}

/// Whether the source opens more brackets at once than CPython's tokenizer allows (the 3.11
/// tokenizer in `lex311` then reports where). Ruff has no such limit.
fn too_deep_brackets(parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>) -> bool {
    let mut depth = 0usize;
    for t in parsed.tokens().iter() {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                depth += 1;
                if depth > crate::lex311::MAX_LEVEL {
                    return true;
                }
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    false
}

fn parse_inner(src: &SourceFile<'_>, mode: Mode) -> Result<Parsed, CompileError> {
    let pmode = if mode == Mode::Eval {
        PMode::Expression
    } else {
        PMode::Module
    };
    let options =
        ParseOptions::from(pmode).with_target_version(ruff_python_ast::PythonVersion::PY311);
    let text = src.text;
    let offset = 0u32;
    let parsed = parse_unchecked(text, options);
    // 3.11's f-string rules are narrower than Ruff's (PEP 701), so f-strings are always
    // checked.
    let has_problems = !parsed.errors().is_empty()
        || !parsed.unsupported_syntax_errors().is_empty()
        || parsed
            .tokens()
            .iter()
            .any(|t| t.kind() == TokenKind::FStringStart)
        || too_deep_brackets(&parsed);
    if has_problems {
        let found = crate::lex311::check(src);
        // Where the parser failed (the first error Ruff found).
        let first = parsed
            .errors()
            .iter()
            .map(|e| e.location.start().to_usize())
            .chain(
                parsed
                    .unsupported_syntax_errors()
                    .iter()
                    .filter(|u| {
                        !matches!(
                            u.kind,
                            ruff_python_parser::UnsupportedSyntaxErrorKind::Pep701FString(_)
                        )
                    })
                    .map(|u| u.range.start().to_usize()),
            )
            .min()
            .unwrap_or(usize::MAX);
        // The parser reads one token past the one it fails on before giving up.
        let mut after = parsed.tokens().iter().filter(|t| {
            !t.range().is_empty()
                && !t.kind().is_trivia()
                && t.kind() != TokenKind::NonLogicalNewline
                && t.end().to_usize() > first
        });
        let _failed_on = after.next();
        let reach = first.max(after.next().map_or(usize::MAX, |t| t.start().to_usize()));
        // Indentation errors the tokenizer reports through `done` codes stop everything.
        let tab_at = tab_error(src, &parsed).map(|te| src.line_start(te.line) as usize);
        let indent_at = parsed
            .errors()
            .iter()
            .filter(|e| {
                matches!(
                    e.error,
                    ParseErrorType::Lexical(LexicalErrorType::IndentationError)
                        | ParseErrorType::UnexpectedIndentation
                )
            })
            .map(|e| e.location.start().to_usize())
            .chain(tab_at)
            .min()
            .unwrap_or(usize::MAX);
        // A tokenizer exception wins even over a parser error found before it: after a
        // parse failure CPython tokenizes the rest of the input and reports what that raises.
        if let Some((at, e, true)) = &found.tokenizer
            && *at < indent_at
        {
            return Err(e.clone());
        }
        // String-literal errors are raised when the parser reaches the strings.
        if let Some((at, e)) = found.literal
            && at <= reach
            && at < indent_at
        {
            return Err(e);
        }
        // Line-continuation problems only when the parser got that far.
        if let Some((at, e, false)) = found.tokenizer
            && at < indent_at
            && at <= reach
        {
            return Err(e);
        }
    }
    let lexer_error = lexer_level_error(src, &parsed, offset);
    if let Some(te) = tab_error(src, &parsed) {
        // The tokenizer's TabError comes first unless something failed on an earlier line.
        let line_start = src.line_start(te.line) as usize;
        let earlier = parsed.errors().iter().any(|e| {
            let u = e.location.start().to_usize();
            let u = match src.text.as_bytes().get(u) {
                Some(b'\n' | b'\r') => u + 1,
                _ => u,
            };
            u < line_start
        }) || lexer_error.as_ref().is_some_and(|le| le.line < te.line);
        if !earlier {
            return Err(te);
        }
    }
    if let Some(ie) = parsed.errors().iter().find(|e| {
        matches!(
            e.error,
            ParseErrorType::Lexical(LexicalErrorType::IndentationError)
        )
    }) {
        // The tokenizer checks a line's dedent before reading its tokens: that error wins
        // unless something failed on an earlier line.
        let ie_line = src.line_col(ie.location.start().to_u32()).0;
        let ie_line_start = src.line_start(ie_line) as usize;
        let effective = |p: TextSize| {
            let u = p.to_usize();
            match src.text.as_bytes().get(u) {
                Some(b'\n' | b'\r') => u + 1,
                _ => u,
            }
        };
        let parse_earlier = parsed.errors().iter().any(|e| {
            // Only a missing indented block makes the parser read the next line's indent.
            let block = matches!(
                &e.error,
                ParseErrorType::ExpectedToken {
                    expected: TokenKind::Indent,
                    ..
                }
            ) || matches!(&e.error, ParseErrorType::OtherError(m) if m.contains("indented block"));
            let at = if block {
                effective(e.location.start())
            } else {
                e.location.start().to_usize()
            };
            at < ie_line_start
        });
        let lex_earlier = lexer_error.as_ref().is_some_and(|le| le.line < ie_line);
        if !parse_earlier && !lex_earlier {
            return Err(map_parse_error(src, &parsed, &ie.error, ie.location));
        }
    }
    if let Some(e) = lexer_error {
        return Err(e);
    }
    if let Some(err) = parsed.errors().first() {
        // The tokenizer's TabError comes first unless the parser failed on an earlier line.
        if let Some(e) = tab_error(src, &parsed)
            && src.line_start(e.line) <= err.location.start().to_u32()
        {
            return Err(e);
        }
        return Err(map_parse_error(
            src,
            &parsed,
            &err.error,
            shift(err.location, offset),
        ));
    }
    if let Some(e) = tab_error(src, &parsed) {
        return Err(e);
    }
    if let Some(u) = parsed.unsupported_syntax_errors().first() {
        use ruff_python_parser::UnsupportedSyntaxErrorKind as K;
        let range = shift(u.range, offset);
        return Err(match u.kind {
            // `def f[T]()` is read by 3.11 as a def missing its parameter list.
            K::TypeParameterList
                if src.text[..range.start().to_usize()]
                    .trim_end()
                    .rsplit(|c: char| c.is_whitespace())
                    .nth(1)
                    == Some("def") =>
            {
                src.error_at(ErrorKind::SyntaxError, "expected '('", range)
            }
            K::UnpackingInComprehension(k) => {
                if format!("{k:?}").contains("Dict") {
                    let start = range.start();
                    src.error_at(
                        ErrorKind::SyntaxError,
                        "dict unpacking cannot be used in dict comprehension",
                        TextRange::new(start, start + TextSize::from(2)),
                    )
                } else {
                    src.error_at(
                        ErrorKind::SyntaxError,
                        "iterable unpacking cannot be used in comprehension",
                        range,
                    )
                }
            }
            K::UnparenthesizedExceptionTypes => multiple_exception_types(src, &parsed, range),
            K::TypeAliasStatement => {
                let after = range.end().to_usize();
                let skip = src.text[after..].len() - src.text[after..].trim_start().len();
                let at = TextSize::from((after + skip) as u32);
                src.error_at(
                    ErrorKind::SyntaxError,
                    "invalid syntax",
                    TextRange::empty(at),
                )
            }
            _ => src.error_at(ErrorKind::SyntaxError, "invalid syntax", range),
        });
    }
    match parsed.into_syntax() {
        ruff_python_ast::Mod::Module(m) => {
            // `single_input` is one compound statement or one line of simple statements.
            if mode == Mode::Single
                && let Some(second) = m.body.get(1)
            {
                let compound = is_compound(&m.body[0]);
                let one_line = m.body.windows(2).all(|w| {
                    let gap = src
                        .text
                        .get(w[0].end().to_usize()..w[1].start().to_usize())
                        .unwrap_or("\n");
                    gap.contains(';') && !gap.contains(['\n', '\r'])
                });
                if compound {
                    // The parser fails at the first token after the compound statement.
                    let start = second.start().to_usize();
                    let rest = src.text.get(start..).unwrap_or("");
                    let word = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len())
                        .max(rest.chars().next().map_or(0, char::len_utf8));
                    let mut e = src.error_at(
                        ErrorKind::SyntaxError,
                        "invalid syntax",
                        TextRange::at(second.start(), TextSize::from(word as u32)),
                    );
                    last_line_as_read(src, &mut e);
                    return Err(e);
                }
                if !one_line {
                    // `bad_single_statement`: reported at the NEWLINE token ending the first
                    // line (a trailing comment is part of it).
                    let first_end = m
                        .body
                        .windows(2)
                        .find(|w| {
                            src.text
                                .get(w[0].end().to_usize()..w[1].start().to_usize())
                                .is_none_or(|g| g.contains(['\n', '\r']))
                        })
                        .map_or(second.start(), |w| w[0].end())
                        .to_usize();
                    let after = src.text.get(first_end..).unwrap_or("");
                    let at = first_end + after.len()
                        - after.trim_start_matches([' ', '\t', '\x0c']).len();
                    let rest = src.text.get(at..).unwrap_or("");
                    let len = if rest.starts_with('#') {
                        rest.find(['\n', '\r']).unwrap_or(rest.len())
                    } else {
                        0
                    };
                    let range =
                        TextRange::at(TextSize::from(at as u32), TextSize::from(len as u32));
                    let mut e = src.error_at(
                        ErrorKind::SyntaxError,
                        "multiple statements found while compiling a single statement",
                        range,
                    );
                    if len == 0 {
                        e.end_col = e.col;
                    }
                    return Err(e);
                }
            }
            if mode == Mode::Single
                && let [only] = &m.body[..]
                && let Some(e) = single_unterminated_compound(src, only)
            {
                return Err(e);
            }
            Ok((m.body.into_iter().collect(), None))
        }
        ruff_python_ast::Mod::Expression(e) => {
            let mut expr = *e.body;
            if offset != 0 {
                // Eval input had leading spaces stripped; positions must still index the
                // original text, so re-parse without stripping when that matters.
                let _ = &mut expr;
            }
            Ok((Vec::new(), Some(expr)))
        }
    }
}

/// An error on the source's last line, which has no newline: the tokenizer's buffer, which
/// CPython shows, has none either.
fn last_line_as_read(src: &SourceFile<'_>, e: &mut CompileError) {
    let (last, _) = src.line_col(src.text.len() as u32);
    if e.line == last
        && !src.text.ends_with(['\n', '\r'])
        && let Some(t) = e.text.as_mut()
    {
        t.truncate(t.trim_end_matches(['\n', '\r']).len());
    }
}

/// Whether `stmt` is a compound statement (one with an indented body).
pub(crate) fn is_compound(stmt: &Stmt) -> bool {
    matches!(
        stmt,
        Stmt::FunctionDef(_)
            | Stmt::ClassDef(_)
            | Stmt::If(_)
            | Stmt::For(_)
            | Stmt::While(_)
            | Stmt::With(_)
            | Stmt::Try(_)
            | Stmt::Match(_)
    )
}

/// `single_input` is `compound_stmt NEWLINE`: a compound statement whose last clause has its
/// body on the header's line (`if x: pass`) needs a newline after it, which the source without
/// a final newline lacks; CPython reports `invalid syntax` at the start of that last line.
fn single_unterminated_compound(src: &SourceFile<'_>, stmt: &Stmt) -> Option<CompileError> {
    if !is_compound(stmt) || src.text.ends_with(['\n', '\r']) {
        return None;
    }
    let (line, _) = src.line_col(stmt.end().to_u32());
    let text = src.line_text(line)?;
    let (_, start_col) = src.line_col(stmt.start().to_u32());
    let indent = text.len() - text.trim_start_matches([' ', '\t', '\x0c']).len();
    if indent as u32 != start_col {
        return None;
    }
    Some(CompileError {
        kind: ErrorKind::SyntaxError,
        msg: String::from("invalid syntax"),
        line,
        col: 0,
        end_line: line,
        end_col: 0,
        text: Some(text.trim_end_matches(['\n', '\r']).to_string()),
    })
}

fn shift(r: TextRange, by: u32) -> TextRange {
    r + TextSize::from(by)
}

/// Errors CPython's tokenizer reports before the parser sees the tokens: unclosed brackets,
/// `1abc`-style literals, unterminated strings.
fn lexer_level_error(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    offset: u32,
) -> Option<CompileError> {
    let errors = parsed.errors();
    if errors.is_empty() {
        return None;
    }
    let tokens = parsed.tokens();
    let mut stack: Vec<(TokenKind, TextRange)> = Vec::new();
    let mut fstring_depth = 0usize;
    let unterminated_at = errors
        .iter()
        .filter(|e| match &e.error {
            ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => true,
            ParseErrorType::Lexical(LexicalErrorType::FStringError(_)) => {
                e.to_string().contains("nterminated")
            }
            _ => false,
        })
        .map(|e| e.location.start())
        .min();
    for t in tokens.iter() {
        let kind = t.kind();
        let range = shift(t.range(), offset);
        if unterminated_at.is_some_and(|u| range.start() >= u) {
            break;
        }
        match kind {
            TokenKind::FStringStart | TokenKind::TStringStart => fstring_depth += 1,
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                fstring_depth = fstring_depth.saturating_sub(1)
            }
            _ => {}
        }
        if fstring_depth > 0 {
            continue;
        }
        match kind {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => stack.push((kind, range)),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                let open = match kind {
                    TokenKind::Rpar => TokenKind::Lpar,
                    TokenKind::Rsqb => TokenKind::Lsqb,
                    _ => TokenKind::Lbrace,
                };
                // Mismatched and unmatched closers are the 3.11 scan's (`lex311`) to report.
                let _ = (open, stack.pop());
            }
            _ => {}
        }
    }
    // Unterminated strings come from the 3.11 scan (`lex311`), in source order; past one,
    // Ruff's tokens mean nothing.
    if unterminated_at.is_some() {
        return None;
    }
    if let Some((k, r)) = stack.last() {
        // CPython reports the innermost unclosed bracket when its parser ran into the end of
        // input, or when the furthest token it read is on a later line than the bracket.
        let significant = |t: &&ruff_python_ast::token::Token| {
            !t.range().is_empty()
                && !t.kind().is_trivia()
                && !matches!(
                    t.kind(),
                    TokenKind::NonLogicalNewline
                        | TokenKind::Newline
                        | TokenKind::Indent
                        | TokenKind::Dedent
                        | TokenKind::EndOfFile
                )
        };
        let err_at = errors[0].location.start();
        let mut after = tokens
            .iter()
            .filter(significant)
            .skip_while(|t| t.start() < err_at);
        let err_tok = after.next();
        let furthest = match (&errors[0].error, err_tok) {
            (
                ParseErrorType::ExpectedToken {
                    expected:
                        TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace,
                    found:
                        TokenKind::Name
                        | TokenKind::Int
                        | TokenKind::Float
                        | TokenKind::Complex
                        | TokenKind::String
                        | TokenKind::FStringStart
                        | TokenKind::Lpar
                        | TokenKind::Lsqb
                        | TokenKind::Lbrace
                        | TokenKind::True
                        | TokenKind::False
                        | TokenKind::None,
                },
                Some(t),
            ) => Some(after.next().unwrap_or(t)),
            (_, t) => t,
        };
        // The parser reads on through a bracket that opens where it failed (`if F{...`).
        let before: Vec<TokenKind> = tokens
            .iter()
            .filter(|t| t.end() <= err_at && !t.kind().is_trivia())
            .map(|t| t.kind())
            .collect();
        let after_expression = matches!(
            before.last(),
            Some(
                TokenKind::Name
                    | TokenKind::Int
                    | TokenKind::Float
                    | TokenKind::Complex
                    | TokenKind::String
                    | TokenKind::FStringEnd
                    | TokenKind::Rpar
                    | TokenKind::Rsqb
                    | TokenKind::Rbrace
            )
        ) && !matches!(
            before.len().checked_sub(2).and_then(|i| before.get(i)),
            Some(
                TokenKind::Def
                    | TokenKind::Class
                    | TokenKind::As
                    | TokenKind::Import
                    | TokenKind::From
                    | TokenKind::Global
                    | TokenKind::Nonlocal
            )
        );
        let in_pattern = logical_line_start(parsed, err_at)
            .and_then(|s| {
                tokens
                    .iter()
                    .find(|t| t.start() == s && !t.range().is_empty())
            })
            .is_some_and(|t| t.kind() == TokenKind::Case);
        let opens_here = after_expression
            && !in_pattern
            && err_tok.is_some_and(|t| {
                matches!(
                    t.kind(),
                    TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace
                ) && stack.iter().any(|(_, b)| b.start() >= t.start())
            });
        let report = opens_here
            || match furthest {
                None => true,
                Some(t) => src.line_col(t.start().to_u32()).0 > src.line_col(r.start().to_u32()).0,
            };
        if !report {
            return None;
        }
        let mut e = src.error_at(
            ErrorKind::SyntaxError,
            format!("'{}' was never closed", open_char(*k)),
            *r,
        );
        e.end_line = e.line;
        e.end_col = 0;
        return Some(e);
    }
    None
}

pub(crate) fn unterminated(src: &SourceFile<'_>, r: TextRange) -> CompileError {
    let text = src.text.get(r.start().to_usize()..).unwrap_or("");
    let body = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    let triple = body.starts_with("\"\"\"") || body.starts_with("'''");
    let mut end = r.end().to_u32().min(src.text.len() as u32);
    while end > r.start().to_u32()
        && matches!(
            src.text.as_bytes().get(end as usize - 1),
            Some(b'\n' | b'\r')
        )
    {
        end -= 1;
    }
    let (line, _) = src.line_col(end);
    let msg = if triple {
        format!("unterminated triple-quoted string literal (detected at line {line})")
    } else {
        format!("unterminated string literal (detected at line {line})")
    };
    src.error_at(ErrorKind::SyntaxError, msg, TextRange::empty(r.start()))
}

fn open_char(k: TokenKind) -> char {
    match k {
        TokenKind::Lpar => '(',
        TokenKind::Lsqb => '[',
        _ => '{',
    }
}

fn expected_block(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    range: TextRange,
) -> CompileError {
    // CPython names the block's header, "expected an indented block after 'if' statement on
    // line 3", and points at the token that should have been indented.
    let tokens = parsed.tokens();
    let mut header_start = None;
    let mut after_break = true;
    for t in tokens.iter() {
        if t.start() >= range.start() {
            break;
        }
        match t.kind() {
            TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent => after_break = true,
            k if k.is_trivia() || k == TokenKind::NonLogicalNewline => {}
            _ => {
                if after_break {
                    header_start = Some(t.start());
                }
                after_break = false;
            }
        }
    }
    let header = header_start.map_or(0, |h| src.line_col(h.to_u32()).0);
    let msg = match statement_word(src, header) {
        Some(w) => format!("expected an indented block after {w} on line {header}"),
        None => "expected an indented block".to_string(),
    };
    let next = tokens.iter().find(|t| {
        t.start() >= range.start()
            && !t.kind().is_trivia()
            && !matches!(
                t.kind(),
                TokenKind::NonLogicalNewline
                    | TokenKind::Newline
                    | TokenKind::Indent
                    | TokenKind::Dedent
                    | TokenKind::EndOfFile
            )
    });
    match next {
        Some(t) => src.error_at(ErrorKind::IndentationError, msg, t.range()),
        None => {
            // At the end of input CPython points just past the last line's text.
            let body = src.text.trim_end_matches(['\n', '\r']);
            let (line, _) = src.line_col(body.len() as u32);
            let mut e = src.error_at(
                ErrorKind::IndentationError,
                msg,
                TextRange::empty(TextSize::from(body.len() as u32)),
            );
            e.line = line;
            e.end_line = line;
            e.end_col = e.col;
            e
        }
    }
}

fn statement_word(src: &SourceFile<'_>, line: u32) -> Option<&'static str> {
    let text = src.line_text(line)?;
    let t = text.trim_start();
    let t = t.strip_prefix("async ").map_or(t, str::trim_start);
    let word: String = t
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    Some(match word.as_str() {
        "if" => "'if' statement",
        "elif" => "'elif' statement",
        "else" => "'else' statement",
        "for" => "'for' statement",
        "while" => "'while' statement",
        "with" => "'with' statement",
        "try" => "'try' statement",
        "except" => "'except' statement",
        "finally" => "'finally' statement",
        "def" => "function definition",
        "class" => "class definition",
        "match" => "'match' statement",
        "case" => "'case' statement",
        _ => return None,
    })
}

fn map_parse_error(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    err: &ParseErrorType,
    range: TextRange,
) -> CompileError {
    // CPython's NEWLINE token has no width in error locations, or starts at a comment that
    // ends the line.
    let range = match src
        .text
        .get(range.start().to_usize()..range.end().to_usize())
    {
        Some("\n" | "\r\n" | "\r" | "") => parsed
            .tokens()
            .iter()
            .rfind(|t| t.end() <= range.start() && t.kind() != TokenKind::NonLogicalNewline)
            .filter(|t| {
                t.kind() == TokenKind::Comment
                    && src.text[t.end().to_usize()..range.start().to_usize()]
                        .trim()
                        .is_empty()
            })
            .map_or(TextRange::empty(range.start()), |t| t.range()),
        _ => range,
    };
    let syn = |msg: &str| src.error_at(ErrorKind::SyntaxError, msg, range);
    match err {
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            let (line, _) = src.line_col(range.start().to_u32());
            let text = src.line_text(line).unwrap_or_default();
            let mut e = src.error_at(
                ErrorKind::IndentationError,
                "unindent does not match any outer indentation level",
                range,
            );
            e.line = line;
            e.col = text.trim_end_matches(['\n', '\r']).chars().count() as u32 + 1;
            e.end_col = crate::NO_END_COL;
            e
        }
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => unterminated(src, range),
        ParseErrorType::Lexical(LexicalErrorType::Eof) => syn("unexpected EOF while parsing"),
        ParseErrorType::Lexical(LexicalErrorType::OtherError(m))
            if m.contains("decimal integer literal") =>
        {
            let text = src
                .text
                .get(range.start().to_usize()..range.end().to_usize())
                .unwrap_or("");
            if text.starts_with('0') && text.chars().all(|c| c.is_ascii_digit() || c == '_') {
                syn(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                )
            } else {
                syn("invalid decimal literal")
            }
        }
        ParseErrorType::UnexpectedIndentation => {
            // CPython points at the last character of the indentation.
            let (line, _) = src.line_col(range.start().to_u32());
            let text = src.line_text(line).unwrap_or_default();
            let indent = text.len() - text.trim_start().len();
            let mut e = src.error_at(ErrorKind::IndentationError, "unexpected indent", range);
            e.line = line;
            e.col = indent.max(1) as u32;
            e.end_col = crate::NO_END_COL;
            e
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Rpar,
            found: TokenKind::Lpar,
        } if logical_line_start(parsed, range.start())
            .and_then(|s| {
                parsed
                    .tokens()
                    .iter()
                    .find(|t| t.start() == s && !t.range().is_empty())
            })
            .is_some_and(|t| matches!(t.kind(), TokenKind::Def | TokenKind::Async))
            && parsed
                .tokens()
                .iter()
                .rfind(|t| t.end() <= range.start() && !t.kind().is_trivia())
                .is_some_and(|t| matches!(t.kind(), TokenKind::Lpar | TokenKind::Comma)) =>
        {
            // `def f((a)):`, up to the group's closing bracket.
            let mut depth = 0i32;
            let close = parsed.tokens().iter().find(|t| {
                if t.start() < range.start() {
                    return false;
                }
                match t.kind() {
                    TokenKind::Lpar => depth += 1,
                    TokenKind::Rpar => depth -= 1,
                    _ => {}
                }
                depth == 0
            });
            match close {
                Some(c) => src.error_at(
                    ErrorKind::SyntaxError,
                    "Function parameters cannot be parenthesized",
                    TextRange::new(range.start(), c.end()),
                ),
                None => syn("invalid syntax"),
            }
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Comma,
            found,
        } if found.as_augmented_assign_operator().is_some() => {
            // `a, b += 1`: the target is an unparenthesized tuple.
            let start = logical_line_start(parsed, range.start()).unwrap_or(range.start());
            let depth: i32 = parsed
                .tokens()
                .iter()
                .filter(|t| t.start() >= start && t.end() <= range.start())
                .map(|t| match t.kind() {
                    TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => 1,
                    TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => -1,
                    _ => 0,
                })
                .sum();
            if depth > 0 {
                return syn("invalid syntax");
            }
            let end = parsed
                .tokens()
                .iter()
                .rfind(|t| t.end() <= range.start() && !t.kind().is_trivia())
                .map_or(range.start(), |t| t.end());
            src.error_at(
                ErrorKind::SyntaxError,
                "'tuple' is an illegal expression for augmented assignment",
                TextRange::new(start, end.max(start)),
            )
        }
        ParseErrorType::ExpectedImaginaryNumber => {
            let operand = src
                .text
                .get(range.start().to_usize()..)
                .unwrap_or("")
                .trim_start();
            if operand.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
                syn("imaginary number required in complex literal")
            } else {
                syn("invalid syntax")
            }
        }
        ParseErrorType::InvalidMatchPatternTarget => {
            // Only `pattern as _` has its own message; `{**_}` is plain invalid syntax.
            let after_as = parsed
                .tokens()
                .iter()
                .rfind(|t| t.end() <= range.start() && !t.kind().is_trivia())
                .is_some_and(|t| t.kind() == TokenKind::As);
            syn(if after_as {
                "cannot use '_' as a target"
            } else {
                "invalid syntax"
            })
        }
        ParseErrorType::OtherError(m)
            if m == "Expected an identifier"
                && parsed
                    .tokens()
                    .iter()
                    .rfind(|t| t.end() <= range.start() && !t.kind().is_trivia())
                    .is_some_and(|t| t.kind() == TokenKind::As)
                && logical_line_start(parsed, range.start()).is_some_and(|s| {
                    parsed
                        .tokens()
                        .iter()
                        .find(|t| t.start() == s && !t.range().is_empty())
                        .is_some_and(|t| t.kind() == TokenKind::Case)
                }) =>
        {
            syn("invalid pattern target")
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Comma | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace,
            ..
        } => forgot_comma(src, parsed, range).unwrap_or_else(|| syn("invalid syntax")),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            found,
        } => colon_error(src, parsed, *found, range).unwrap_or_else(|| {
            // Only `def`, `try`, `finally` and `else` force the ':' (`&&':'`); the other
            // compound statements say "expected ':'" only when the header line just ends.
            let forced = logical_line_start(parsed, range.start())
                .and_then(|s| {
                    parsed
                        .tokens()
                        .iter()
                        .find(|t| t.start() == s && !t.range().is_empty())
                })
                .is_some_and(|t| {
                    matches!(
                        t.kind(),
                        TokenKind::Def | TokenKind::Try | TokenKind::Finally | TokenKind::Else
                    ) || (t.kind() == TokenKind::Async
                        && parsed
                            .tokens()
                            .iter()
                            .find(|n| n.start() >= t.end() && !n.kind().is_trivia())
                            .is_some_and(|n| n.kind() == TokenKind::Def))
                });
            if forced || *found == TokenKind::Newline {
                syn("expected ':'")
            } else {
                syn("invalid syntax")
            }
        }),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Lpar,
            ..
        } if parsed
            .tokens()
            .iter()
            .filter(|t| t.end() <= range.start() && !t.kind().is_trivia())
            .map(|t| t.kind())
            .collect::<Vec<_>>()
            .ends_with(&[TokenKind::Def, TokenKind::Name]) =>
        {
            syn("expected '('")
        }
        ParseErrorType::OtherError(m)
            if m.starts_with("Multiple exception types must be parenthesized") =>
        {
            multiple_exception_types(src, parsed, range)
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Indent,
            ..
        } => expected_block(src, parsed, range),
        ParseErrorType::OtherError(m) if m.contains("indented block") => {
            expected_block(src, parsed, range)
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget
            if parsed
                .tokens()
                .iter()
                .find(|t| t.start() >= range.end() && !t.kind().is_trivia())
                .is_some_and(|colon| {
                    colon.kind() == TokenKind::Colon
                        && parsed
                            .tokens()
                            .iter()
                            .find(|t| t.start() >= colon.end() && !t.kind().is_trivia())
                            .is_none_or(|t| t.kind() == TokenKind::Newline)
                }) =>
        {
            // `f(): ` with nothing after the ':' is not an annotation: plain invalid syntax at
            // the ':'.
            let colon = parsed
                .tokens()
                .iter()
                .find(|t| t.start() >= range.end() && t.kind() == TokenKind::Colon)
                .map_or(range, |t| t.range());
            src.error_at(ErrorKind::SyntaxError, "invalid syntax", colon)
        }
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidNamedAssignmentTarget
        | ParseErrorType::InvalidAnnotatedAssignmentTarget
        | ParseErrorType::InvalidAugmentedAssignmentTarget
        | ParseErrorType::InvalidDeleteTarget => syn(&target_message(src, parsed, err, range)),
        ParseErrorType::PositionalAfterKeywordArgument => {
            // Raised once the whole argument list is read: at the call's closing bracket.
            let mut depth = 0i32;
            let close = parsed.tokens().iter().find(|t| {
                if t.start() < range.end() {
                    return false;
                }
                match t.kind() {
                    TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
                    TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
                    _ => {}
                }
                depth < 0
            });
            src.error_at(
                ErrorKind::SyntaxError,
                "positional argument follows keyword argument",
                close.map_or(range, |t| t.range()),
            )
        }
        ParseErrorType::PositionalAfterKeywordUnpacking => {
            syn("positional argument follows keyword argument unpacking")
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            // CPython marks the `*`.
            let star = parsed
                .tokens()
                .iter()
                .find(|t| t.start() >= range.start() && t.kind() == TokenKind::Star)
                .map_or(range, |t| t.range());
            src.error_at(
                ErrorKind::SyntaxError,
                "iterable argument unpacking follows keyword argument unpacking",
                star,
            )
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            syn("non-default argument follows default argument")
        }
        ParseErrorType::ParamAfterVarKeywordParam => {
            syn("arguments cannot follow var-keyword argument")
        }
        ParseErrorType::ExpectedKeywordParam => {
            // CPython points at the bare `*`.
            let star = parsed
                .tokens()
                .iter()
                .rfind(|t| t.kind() == TokenKind::Star && t.end() <= range.start())
                .map_or(range, |t| t.range());
            src.error_at(
                ErrorKind::SyntaxError,
                "named arguments must follow bare *",
                star,
            )
        }
        ParseErrorType::VarParameterWithDefault => {
            syn("var-positional argument cannot have default value")
        }
        ParseErrorType::IterableUnpackingInComprehension => {
            syn("iterable unpacking cannot be used in comprehension")
        }
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            // A lone generator as a class's bases is not a call: 3.11 has no special message.
            let toks: Vec<_> = parsed
                .tokens()
                .iter()
                .filter(|t| t.end() <= range.start() && !t.kind().is_trivia())
                .map(|t| t.kind())
                .collect();
            let n = toks.len();
            let class_bases = n >= 3
                && toks[n - 1] == TokenKind::Lpar
                && toks[n - 3] == TokenKind::Class
                && src.text[range.end().to_usize()..]
                    .trim_start()
                    .starts_with(')');
            if class_bases {
                let at = parsed
                    .tokens()
                    .iter()
                    .find(|t| {
                        t.start() >= range.start()
                            && matches!(t.kind(), TokenKind::For | TokenKind::Async)
                    })
                    .map_or(range, |t| t.range());
                src.error_at(ErrorKind::SyntaxError, "invalid syntax", at)
            } else {
                syn("Generator expression must be parenthesized")
            }
        }
        ParseErrorType::OtherError(m) if m == "Expected a parameter name" => {
            // `f(1 = 2)`: CPython's `invalid_kwarg`.
            let after_start = range.end().to_usize();
            let rest = &src.text[after_start..];
            let trimmed = rest.trim_start();
            if trimmed.starts_with('=') && !trimmed.starts_with("==") {
                let eq_end = after_start + (rest.len() - trimmed.len()) + 1;
                src.error_at(
                    ErrorKind::SyntaxError,
                    "expression cannot contain assignment, perhaps you meant \"==\"?",
                    TextRange::new(range.start(), TextSize::from(eq_end as u32)),
                )
            } else {
                syn("invalid syntax")
            }
        }
        ParseErrorType::OtherError(m) if m == "Trailing comma not allowed" => {
            let next = parsed
                .tokens()
                .iter()
                .find(|t| t.start() >= range.end() && !t.kind().is_trivia())
                .map_or(range, |t| t.range());
            src.error_at(ErrorKind::SyntaxError, "invalid syntax", next)
        }
        ParseErrorType::OtherError(m) if m == "Pattern cannot follow a double star pattern" => {
            let first = parsed
                .tokens()
                .iter()
                .find(|t| t.start() >= range.start())
                .map_or(range, |t| t.range());
            src.error_at(ErrorKind::SyntaxError, "invalid syntax", first)
        }
        ParseErrorType::EmptySlice | ParseErrorType::EmptyDeleteTargets => syn("invalid syntax"),
        ParseErrorType::FStringError(e)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(e)) => {
            use ruff_python_parser::InterpolatedStringErrorType as F;
            syn(match e {
                F::UnclosedLbrace => "f-string: expecting '}'",
                F::InvalidConversionFlag => {
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'"
                }
                F::SingleRbrace => "f-string: single '}' is not allowed",
                F::UnterminatedString => "f-string: unterminated string",
                F::UnterminatedTripleQuotedString => "f-string: unterminated triple-quoted string",
                F::LambdaWithoutParentheses => {
                    "f-string: lambda expressions are not allowed without parentheses"
                }
                F::NewlineInFormatSpec => "f-string: newlines are not allowed in format specifiers",
                _ => "f-string: invalid syntax",
            })
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Else,
            ..
        } => {
            // CPython marks the whole `body if test`.
            let mut all = AllExprs(Vec::new());
            all.visit_mod(parsed.syntax());
            let whole = all
                .0
                .iter()
                .filter(|e| matches!(e, Expr::If(_)) && e.range().end() <= range.start())
                .map(|e| e.range())
                .filter(|r| {
                    src.text[r.end().to_usize()..range.start().to_usize()]
                        .trim()
                        .is_empty()
                })
                .min_by_key(|r| r.start())
                .or_else(|| {
                    // Ruff folded what follows into the expression: rebuild `body if test`
                    // from the tokens.
                    let toks: Vec<_> = parsed
                        .tokens()
                        .iter()
                        .filter(|t| t.end() <= range.start() && !t.kind().is_trivia())
                        .collect();
                    let end = toks.last()?.end();
                    let mut depth = 0i32;
                    let if_tok = toks.iter().rev().find(|t| {
                        match t.kind() {
                            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth -= 1,
                            _ => {}
                        }
                        depth == 0 && t.kind() == TokenKind::If
                    })?;
                    let body_end = toks.iter().rfind(|t| t.end() <= if_tok.start())?.end();
                    let body = all
                        .0
                        .iter()
                        .filter(|e| e.range().end() == body_end)
                        .map(|e| e.range())
                        .min_by_key(|r| r.start())?;
                    Some(TextRange::new(body.start(), end))
                });
            match whole {
                Some(r) => src.error_at(
                    ErrorKind::SyntaxError,
                    "expected 'else' after 'if' expression",
                    r,
                ),
                None => syn("expected 'else' after 'if' expression"),
            }
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected `except` or `finally`") => {
            // CPython points at the token after the try body, or just past the body at the
            // end of input.
            let before = src.text[..range.start().to_usize().min(src.text.len())].trim_end();
            let next = parsed.tokens().iter().find(|t| {
                t.start().to_usize() >= before.len()
                    && !t.range().is_empty()
                    && !t.kind().is_trivia()
                    && !matches!(
                        t.kind(),
                        TokenKind::NonLogicalNewline
                            | TokenKind::Newline
                            | TokenKind::Indent
                            | TokenKind::Dedent
                            | TokenKind::EndOfFile
                    )
            });
            match next {
                Some(t) => src.error_at(
                    ErrorKind::SyntaxError,
                    "expected 'except' or 'finally' block",
                    t.range(),
                ),
                None => src.error_at(
                    ErrorKind::SyntaxError,
                    "expected 'except' or 'finally' block",
                    TextRange::empty(TextSize::from(before.len() as u32)),
                ),
            }
        }
        ParseErrorType::OtherError(m)
            if m.starts_with("Cannot have both 'except' and 'except*'") =>
        {
            syn("cannot have both 'except' and 'except*' on the same 'try'")
        }
        ParseErrorType::SimpleStatementsOnSameLine => {
            let (line, _) = src.line_col(range.start().to_u32());
            let text = src.line_text(line).unwrap_or_default();
            let t = text.trim_start();
            let indent = text.len() - t.len();
            let word: String = t
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let rest = t[word.len()..].trim_start();
            if (word == "print" || word == "exec")
                && !rest.starts_with('(')
                && !rest.starts_with('=')
            {
                let start = src.line_start(line) as usize + indent;
                src.error_at(
                    ErrorKind::SyntaxError,
                    format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?"),
                    TextRange::empty(TextSize::from(start as u32)),
                )
            } else {
                syn("invalid syntax")
            }
        }
        ParseErrorType::OtherError(m) if m.starts_with("Only single target (not ") => {
            // CPython points at the first element of an unparenthesized tuple target.
            let mut r = range;
            if m.contains("tuple") && !src.text[range.start().to_usize()..].starts_with('(') {
                let mut all = AllExprs(Vec::new());
                all.visit_mod(parsed.syntax());
                if let Some(first) = all
                    .0
                    .iter()
                    .map(|e| e.range())
                    .filter(|x| x.start() == range.start() && x.end() < range.end())
                    .max_by_key(|x| x.end())
                {
                    r = first;
                }
            }
            let mut msg = m.clone();
            msg.replace_range(..1, "o");
            src.error_at(ErrorKind::SyntaxError, msg, r)
        }
        ParseErrorType::OtherError(m) if m == "Expected one or more exception types" => {
            syn("expected one or more exception types")
        }
        _ => syn("invalid syntax"),
    }
}

/// Every expression's range, and whether CPython's `disjunction` could be that expression.
struct ExprRanges(Vec<(TextRange, bool)>);

impl<'a> SourceOrderVisitor<'a> for ExprRanges {
    fn visit_expr(&mut self, expr: &'a Expr) {
        let disjunction = match expr {
            Expr::If(_)
            | Expr::Lambda(_)
            | Expr::Named(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::Starred(_) => false,
            Expr::Tuple(t) => t.parenthesized,
            Expr::Generator(g) => g.parenthesized,
            _ => true,
        };
        self.0.push((expr.range(), disjunction));
        walk_expr(self, expr);
    }
}

fn expr_ranges(parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>) -> ExprRanges {
    let mut v = ExprRanges(Vec::new());
    v.visit_mod(parsed.syntax());
    v
}

/// `expected ':'` where CPython has a better message: `if x = 1:` (`invalid_named_expression`)
/// and `{1: 2, 3}` (`invalid_kvpair`).
fn colon_error(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    found: TokenKind,
    range: TextRange,
) -> Option<CompileError> {
    let tokens = parsed.tokens();
    let before: Vec<_> = tokens
        .iter()
        .filter(|t| t.end() <= range.start() && !t.kind().is_trivia())
        .collect();
    let mut all = AllExprs(Vec::new());
    all.visit_mod(parsed.syntax());
    if found == TokenKind::Equal {
        let prev = before.last()?;
        let after = tokens
            .iter()
            .find(|t| t.start() >= range.end() && !t.kind().is_trivia())?;
        let value = all
            .0
            .iter()
            .filter(|e| e.range().start() == after.start())
            .map(|e| e.range())
            .max_by_key(|r| r.end())
            .unwrap_or(after.range());
        if src.text[value.end().to_usize()..]
            .trim_start()
            .starts_with('=')
        {
            return None;
        }
        if prev.kind() == TokenKind::Name
            && before
                .len()
                .checked_sub(2)
                .and_then(|i| before.get(i))
                .is_some_and(|t| {
                    matches!(t.kind(), TokenKind::If | TokenKind::Elif | TokenKind::While)
                })
        {
            return Some(src.error_at(
                ErrorKind::SyntaxError,
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                TextRange::new(prev.start(), value.end()),
            ));
        }
        let target = all
            .0
            .iter()
            .filter(|e| e.range().end() == prev.end())
            .min_by_key(|e| e.range().start())?;
        if !is_plain_bitwise_or(target, &all.0) {
            return None;
        }
        return Some(src.error_at(
            ErrorKind::SyntaxError,
            format!(
                "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                expr_name(target)
            ),
            target.range(),
        ));
    }
    if matches!(found, TokenKind::Rbrace | TokenKind::Comma) {
        // Inside a dict display (a `:` at this bracket level already)?
        let mut depth = 0i32;
        let mut saw_colon = false;
        for t in before.iter().rev() {
            match t.kind() {
                TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
                TokenKind::Lpar | TokenKind::Lsqb => {
                    if depth == 0 {
                        return None;
                    }
                    depth -= 1;
                }
                TokenKind::Lbrace => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                TokenKind::Colon if depth == 0 => saw_colon = true,
                TokenKind::Lambda if depth == 0 => return None,
                _ => {}
            }
        }
        if !saw_colon {
            return None;
        }
        let prev = before.last()?;
        let key = all
            .0
            .iter()
            .filter(|e| e.range().end() == prev.end())
            .map(|e| e.range())
            .min_by_key(|r| r.start())?;
        let last_char = src.text[..key.end().to_usize()]
            .chars()
            .last()
            .map_or(1, char::len_utf8);
        let mut e = src.error_at(
            ErrorKind::SyntaxError,
            "':' expected after dictionary key",
            TextRange::empty(key.end() - TextSize::from(last_char as u32)),
        );
        e.end_line = src.line_col(key.end().to_u32()).0;
        e.end_col = 0;
        return Some(e);
    }
    None
}

/// CPython's `invalid_expression`: two expressions side by side inside brackets read as a
/// missing comma, "invalid syntax. Perhaps you forgot a comma?" over both.
fn forgot_comma(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    range: TextRange,
) -> Option<CompileError> {
    let at = range.start();
    let tokens = parsed.tokens();
    let mut opens: Vec<TextSize> = Vec::new();
    let mut prev_end = None;
    for t in tokens.iter() {
        if t.start() >= at {
            break;
        }
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => opens.push(t.end()),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                opens.pop();
            }
            _ => {}
        }
        if !t.kind().is_trivia() && t.kind() != TokenKind::NonLogicalNewline {
            prev_end = Some(t.end());
        }
    }
    let inner = *opens.last()?;
    let prev_end = prev_end?;
    let ranges = expr_ranges(parsed);
    let b = ranges
        .0
        .iter()
        .filter(|(r, _)| r.start() == at)
        .map(|(r, _)| *r)
        .max_by_key(|r| r.end())
        .or_else(|| {
            let t = tokens.iter().find(|t| t.start() == at)?;
            matches!(
                t.kind(),
                TokenKind::Name
                    | TokenKind::Int
                    | TokenKind::Float
                    | TokenKind::Complex
                    | TokenKind::String
            )
            .then(|| t.range())
        })?;
    let a = ranges
        .0
        .iter()
        .filter(|(r, d)| *d && r.end() == prev_end && r.start() >= inner)
        .map(|(r, _)| *r)
        .min_by_key(|r| r.start())?;
    // Not for `NAME STRING` (`f"{x}y"`-like), soft keywords, or `print x`/`exec x`.
    let first = tokens.iter().find(|t| t.start() >= a.start())?;
    if first.kind().is_soft_keyword() {
        return None;
    }
    if first.kind() == TokenKind::Name {
        let second = tokens
            .iter()
            .find(|t| t.start() >= first.end() && !t.kind().is_trivia());
        if second.is_some_and(|t| matches!(t.kind(), TokenKind::String | TokenKind::FStringStart)) {
            return None;
        }
        let name = &src.text[first.range().start().to_usize()..first.range().end().to_usize()];
        if a == first.range() && (name == "print" || name == "exec") {
            return None;
        }
    }
    Some(src.error_at(
        ErrorKind::SyntaxError,
        "invalid syntax. Perhaps you forgot a comma?",
        TextRange::new(a.start(), b.end()),
    ))
}

/// `except A, B:`: from the first type to the ':'.
fn multiple_exception_types(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    range: TextRange,
) -> CompileError {
    let tokens = parsed.tokens();
    let except = tokens
        .iter()
        .rfind(|t| t.start() <= range.start() && t.kind() == TokenKind::Except);
    let first = except.and_then(|e| {
        tokens
            .iter()
            .find(|t| t.start() >= e.end() && !t.kind().is_trivia() && t.kind() != TokenKind::Star)
    });
    let colon = tokens
        .iter()
        .find(|t| t.start() >= range.start() && t.kind() == TokenKind::Colon);
    let r = match (first, colon) {
        (Some(f), Some(c)) => TextRange::new(f.start(), c.start()),
        _ => range,
    };
    src.error_at(
        ErrorKind::SyntaxError,
        "multiple exception types must be parenthesized",
        r,
    )
}

/// Where the logical line holding `at` starts (its first token).
fn logical_line_start(
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    at: TextSize,
) -> Option<TextSize> {
    let mut start = None;
    let mut after_break = true;
    for t in parsed.tokens().iter() {
        if t.start() >= at {
            break;
        }
        match t.kind() {
            TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent => after_break = true,
            k if k.is_trivia() || k == TokenKind::NonLogicalNewline => {}
            _ => {
                if after_break {
                    start = Some(t.start());
                }
                after_break = false;
            }
        }
    }
    start
}

/// CPython's tokenizer check: indentation must compare the same whether a tab counts as
/// up to 8 columns or as 1.
fn tab_error(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
) -> Option<CompileError> {
    if !src.text.contains('\t') {
        return None;
    }
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    let mut at_line_start = true;
    for t in parsed.tokens().iter() {
        let kind = t.kind();
        if matches!(kind, TokenKind::Newline) {
            at_line_start = true;
            continue;
        }
        if matches!(
            kind,
            TokenKind::NonLogicalNewline
                | TokenKind::Comment
                | TokenKind::Indent
                | TokenKind::Dedent
        ) {
            continue;
        }
        if !at_line_start {
            continue;
        }
        at_line_start = false;
        let (line, _) = src.line_col(t.start().to_u32());
        let text = src.line_text(line).unwrap_or_default();
        let (mut col, mut alt) = (0usize, 0usize);
        for c in text.chars() {
            match c {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                '\x0c' => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
        }
        let (top_col, top_alt) = *stack.last().unwrap_or(&(0, 0));
        let bad = if col == top_col {
            alt != top_alt
        } else if col > top_col {
            if alt <= top_alt {
                true
            } else {
                stack.push((col, alt));
                false
            }
        } else {
            while stack.len() > 1 && col < stack.last().map_or(0, |s| s.0) {
                stack.pop();
            }
            col == stack.last().map_or(0, |s| s.0) && alt != stack.last().map_or(0, |s| s.1)
        };
        if bad {
            let mut e = src.error_at(
                ErrorKind::TabError,
                "inconsistent use of tabs and spaces in indentation",
                TextRange::empty(t.start()),
            );
            e.col = 1;
            e.end_line = e.line;
            e.end_col = 0;
            return Some(e);
        }
    }
    None
}

/// Every expression node, outermost first.
struct AllExprs<'a>(Vec<&'a Expr>);

impl<'a> SourceOrderVisitor<'a> for AllExprs<'a> {
    fn visit_expr(&mut self, expr: &'a Expr) {
        self.0.push(expr);
        walk_expr(self, expr);
    }
}

/// CPython's `_PyPegen_get_expr_name`.
fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::StringLiteral(_) | Expr::BytesLiteral(_) | Expr::NumberLiteral(_) => "literal",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "expression",
    }
}

/// Whether CPython's `bitwise_or` rule could have produced `e` (what its
/// "Maybe you meant '=='" alternative needs), and `e` does not start with a display it skips.
fn is_plain_bitwise_or(e: &Expr, all: &[&Expr]) -> bool {
    let simple = !matches!(
        e,
        Expr::BoolOp(_)
            | Expr::Compare(_)
            | Expr::If(_)
            | Expr::Lambda(_)
            | Expr::Named(_)
            | Expr::Starred(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::UnaryOp(ruff_python_ast::ExprUnaryOp {
                op: ruff_python_ast::UnaryOp::Not,
                ..
            })
    );
    simple
        && !all.iter().any(|x| {
            x.range().start() == e.range().start()
                && matches!(
                    x,
                    Expr::List(_)
                        | Expr::Tuple(_)
                        | Expr::Generator(_)
                        | Expr::BooleanLiteral(_)
                        | Expr::NoneLiteral(_)
                )
        })
}

fn target_message(
    src: &SourceFile<'_>,
    parsed: &ruff_python_parser::Parsed<ruff_python_ast::Mod>,
    err: &ParseErrorType,
    range: TextRange,
) -> String {
    let text = src
        .text
        .get(range.start().to_usize()..range.end().to_usize())
        .unwrap_or("")
        .trim();
    let mut all = AllExprs(Vec::new());
    all.visit_mod(parsed.syntax());
    let node = all.0.iter().find(|e| e.range() == range).copied();
    let what = node.map_or_else(|| describe_source_expr(text), expr_name);
    match err {
        ParseErrorType::InvalidDeleteTarget => format!("cannot delete {what}"),
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            format!("'{what}' is an illegal expression for augmented assignment")
        }
        ParseErrorType::InvalidNamedAssignmentTarget => {
            format!("cannot use assignment expressions with {what}")
        }
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            "illegal target for annotation".to_string()
        }
        _ => {
            // "here. Maybe you meant '=='" comes from `invalid_named_expression`: a first
            // target (or tuple element) followed by `= value` with no further `=`.
            let line_start = src.text[..range.start().to_usize()]
                .rfind('\n')
                .map_or(0, |i| i + 1);
            // The target may sit in its own parentheses, `(f()) = 1`, but not in a tuple's.
            let mut before = src.text[line_start..range.start().to_usize()].trim_end();
            let mut after = src.text[range.end().to_usize()..].trim_start();
            let mut wrapped = false;
            while let (Some(b), Some(a)) = (before.strip_suffix('('), after.strip_prefix(')')) {
                before = b.trim_end();
                after = a.trim_start();
                wrapped = true;
            }
            let before = before.trim();
            let line_end = after.find('\n').unwrap_or(after.len());
            let value = after.get(1..line_end).unwrap_or("");
            let more_eq = value.char_indices().any(|(i, c)| {
                c == '='
                    && !value[..i].ends_with(['=', '<', '>', '!'])
                    && !value[i + 1..].starts_with('=')
            });
            let whole = (before.is_empty() || before.ends_with(','))
                && after.starts_with('=')
                && !after.starts_with("==")
                && !more_eq;
            let plain = wrapped
                || node.map_or(!matches!(what, "None" | "True" | "False"), |n| {
                    is_plain_bitwise_or(n, &all.0)
                });
            if whole && plain && what != "__debug__" {
                format!("cannot assign to {what} here. Maybe you meant '==' instead of '='?")
            } else {
                format!("cannot assign to {what}")
            }
        }
    }
}

/// A rough classification of an expression's source text in CPython's words.
fn describe_source_expr(text: &str) -> &'static str {
    let t = text.trim();
    match t {
        "None" => return "None",
        "True" => return "True",
        "False" => return "False",
        "..." => return "ellipsis",
        "__debug__" => return "__debug__",
        _ => {}
    }
    let inner = t.trim_start_matches('(').trim_start();
    let first = t.chars().next().unwrap_or(' ');
    if inner.starts_with("yield") {
        return "yield expression";
    }
    if inner.starts_with("await ") {
        return "await expression";
    }
    if t.starts_with('*') {
        return "starred";
    }
    if t.starts_with("f\"") || t.starts_with("f'") || t.starts_with("F\"") || t.starts_with("F'") {
        return "f-string expression";
    }
    if first.is_ascii_digit()
        || first == '"'
        || first == '\''
        || t.starts_with("b'")
        || t.starts_with("b\"")
    {
        return "literal";
    }
    if t.starts_with("lambda") {
        return "lambda";
    }
    if t.starts_with('{') {
        return if t.contains(':') {
            "dict literal"
        } else {
            "set display"
        };
    }
    if t.ends_with(')') && !t.starts_with('(') {
        return "function call";
    }
    if [" if ", " and ", " or "].iter().any(|k| t.contains(k)) {
        return if t.contains(" if ") && t.contains(" else ") {
            "conditional expression"
        } else {
            "expression"
        };
    }
    if ["==", "!=", "<", ">", " in ", " is "]
        .iter()
        .any(|k| t.contains(k))
    {
        return "comparison";
    }
    "expression"
}

/// Validate `from __future__` imports; returns whether `annotations` is enabled.
pub(crate) fn check_future(src: &SourceFile<'_>, body: &[Stmt]) -> Result<bool, CompileError> {
    let mut annotations = false;
    let mut allowed = true;
    for (i, s) in body.iter().enumerate() {
        match s {
            Stmt::Expr(e) if i == 0 && matches!(&*e.value, Expr::StringLiteral(_)) => continue,
            Stmt::ImportFrom(f)
                if f.module
                    .as_ref()
                    .is_some_and(|m| m.as_str() == "__future__")
                    && f.level == 0 =>
            {
                if !allowed {
                    return Err(src.error_at(
                        ErrorKind::SyntaxError,
                        "from __future__ imports must occur at the beginning of the file",
                        f.range,
                    ));
                }
                for a in &f.names {
                    match a.name.as_str() {
                        "annotations" => annotations = true,
                        "nested_scopes" | "generators" | "division" | "absolute_import"
                        | "with_statement" | "print_function" | "unicode_literals"
                        | "generator_stop" => {}
                        "braces" => {
                            return Err(src.error_at(
                                ErrorKind::SyntaxError,
                                "not a chance",
                                TextRange::empty(f.range.start()),
                            ));
                        }
                        other => {
                            return Err(src.error_at(
                                ErrorKind::SyntaxError,
                                format!("future feature {other} is not defined"),
                                f.range,
                            ));
                        }
                    }
                }
            }
            _ => allowed = false,
        }
    }
    // Late `from __future__` imports nested elsewhere are rare; top-level ones are checked above.
    Ok(annotations)
}

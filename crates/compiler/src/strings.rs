//! String literal values as code points. Ruff decodes `"\ud800"` to U+FFFD, so a literal whose
//! decoded text holds U+FFFD is decoded again from its source text, keeping lone surrogates.

use ruff_python_ast::{self as ast, AnyStringFlags, StringFlags};
use ruff_text_size::Ranged;

use crate::positions::SourceFile;

/// The value of a (possibly implicitly concatenated) string literal.
pub(crate) fn string_value(src: &SourceFile<'_>, v: &ast::StringLiteralValue) -> Vec<u32> {
    let mut out = Vec::new();
    for part in v.iter() {
        out.extend(literal_part(
            src,
            &part.value,
            part.range(),
            AnyStringFlags::from(part.flags),
        ));
    }
    out
}

/// One literal piece: decoded by ruff unless that lost a surrogate.
pub(crate) fn literal_part(
    src: &SourceFile<'_>,
    value: &str,
    range: ruff_text_size::TextRange,
    flags: AnyStringFlags,
) -> Vec<u32> {
    if !value.contains('\u{FFFD}') || flags.is_raw_string() {
        return value.chars().map(u32::from).collect();
    }
    let text = src
        .text
        .get(range.start().to_usize()..range.end().to_usize())
        .unwrap_or("");
    let prefix_len = flags.prefix().as_str().len();
    let quote_len = if flags.is_triple_quoted() { 3 } else { 1 };
    let body = text.get(prefix_len + quote_len..text.len().saturating_sub(quote_len));
    match body {
        Some(b) if !b.contains("\\N{") => decode_escapes(b),
        _ => value.chars().map(u32::from).collect(),
    }
}

/// Decode Python escape sequences in a non-raw string body (source text between the quotes).
fn decode_escapes(body: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut it = body.chars().peekable();
    let hex = |it: &mut std::iter::Peekable<std::str::Chars<'_>>, n: usize| -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            let d = it.next()?.to_digit(16)?;
            v = v.checked_mul(16)?.checked_add(d)?;
        }
        Some(v)
    };
    while let Some(c) = it.next() {
        if c == '\r' {
            if it.peek() == Some(&'\n') {
                it.next();
            }
            out.push(u32::from('\n'));
            continue;
        }
        if c != '\\' {
            out.push(u32::from(c));
            continue;
        }
        let Some(e) = it.next() else {
            out.push(u32::from('\\'));
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if it.peek() == Some(&'\n') {
                    it.next();
                }
            }
            '\\' | '\'' | '"' => out.push(u32::from(e)),
            'a' => out.push(7),
            'b' => out.push(8),
            'f' => out.push(12),
            'n' => out.push(10),
            'r' => out.push(13),
            't' => out.push(9),
            'v' => out.push(11),
            'x' => out.push(hex(&mut it, 2).unwrap_or(0xFFFD)),
            'u' => out.push(hex(&mut it, 4).unwrap_or(0xFFFD)),
            'U' => out.push(hex(&mut it, 8).filter(|&v| v <= 0x10FFFF).unwrap_or(0xFFFD)),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match it.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            it.next();
                        }
                        None => break,
                    }
                }
                out.push(v);
            }
            other => {
                out.push(u32::from('\\'));
                out.push(u32::from(other));
            }
        }
    }
    out
}

//! Formatting one traceback entry's source line with 3.11's position markers
//! (CPython: `Python/traceback.c: tb_displayline`, `extract_anchors_from_line`,
//! `print_error_location_carets`).
//!
//! The marker line spans the failing instruction's columns. When the span is one line and
//! its text parses as a lone binary operation or subscript, the operator (or the `[...]`)
//! gets `^` and the rest `~`. Markers are left out when plain `^` would cover the whole
//! stripped line.

mod printer;
mod suggestions;

pub use printer::format_exception;

use krait_bytecode::Position;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\x0c'
}

/// Append the source line of a traceback entry (indented by 4 after `margin`) and, when it
/// says more than the line itself, the marker line.
pub fn push_source_line(out: &mut String, margin: &str, line: &str, pos: Position) {
    let chars: Vec<char> = line.chars().collect();
    let lead = chars
        .iter()
        .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
        .count();
    out.push_str(margin);
    out.push_str("    ");
    out.extend(&chars[lead..]);
    out.push('\n');
    // No columns (CPython's -1), or an instruction that never ran (a generator thrown into
    // before it started: `tb_lasti` -1).
    if pos.line == 0 || (pos.line == pos.end_line && pos.end_col <= pos.col) {
        return;
    }
    let start = byte_to_char(line, pos.col as usize);
    let mut end = byte_to_char(line, pos.end_col as usize);
    let mut anchors = None;
    if pos.line == pos.end_line {
        if start <= end && end <= chars.len() {
            let segment: String = chars[start..end].iter().collect();
            anchors = extract_anchors(&segment).map(|(l, r)| {
                (
                    byte_to_char(&segment, l) + start,
                    byte_to_char(&segment, r) + start,
                )
            });
        }
    } else {
        // A multi-line span: mark up to the last non-blank byte (CPython counts bytes here).
        let bytes = line.as_bytes();
        let mut i = bytes.len();
        while i > 0 && is_ws(bytes[i - 1]) {
            i -= 1;
        }
        end = i;
    }
    let stripped_len = chars.len() - lead;
    if end.wrapping_sub(start) == stripped_len && anchors.is_none() {
        return;
    }
    let (primary, secondary) = if anchors.is_some() {
        ('~', '^')
    } else {
        ('^', '^')
    };
    out.push_str(margin);
    let mut p = lead as i64 - 4;
    while {
        p += 1;
        p <= end as i64
    } {
        let c = if p <= start as i64 {
            ' '
        } else if let Some((l, r)) = anchors
            && (l as i64) < p
            && p <= r as i64
        {
            secondary
        } else {
            primary
        };
        out.push(c);
    }
    out.push('\n');
}

/// The byte range of the operator (binary operation) or the brackets (subscript) in a
/// segment that parses as one expression statement.
fn extract_anchors(segment: &str) -> Option<(usize, usize)> {
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let body = &parsed.syntax().body;
    let [Stmt::Expr(stmt)] = body.as_slice() else {
        return None;
    };
    let seg = segment.as_bytes();
    match &*stmt.value {
        Expr::BinOp(b) => {
            let lend = b.left.range().end().to_usize();
            let rstart = b.right.range().start().to_usize();
            let mut anchors = None;
            let mut i = lend;
            while i < rstart {
                let c = *seg.get(i)?;
                if is_ws(c) {
                    i += 1;
                    continue;
                }
                let mut right = i + 1;
                if i + 1 < rstart && !is_ws(*seg.get(i + 1)?) {
                    right += 1;
                }
                anchors = Some((i, right));
                if i + 1 < rstart && c == b')' {
                    i += 1;
                    continue;
                }
                break;
            }
            anchors
        }
        Expr::Subscript(s) => {
            let mut left = s.value.range().end().to_usize();
            let mut right = s.slice.range().end().to_usize() + 1;
            let len = seg.len();
            while left < len && seg[left] != b'[' {
                left += 1;
            }
            while right < len && seg[right] != b']' {
                right += 1;
            }
            if right < len {
                right += 1;
            }
            Some((left, right))
        }
        _ => None,
    }
}

/// `_PyPegen_byte_offset_to_character_offset`
fn byte_to_char(line: &str, byte: usize) -> usize {
    let bytes = line.as_bytes();
    if byte > bytes.len() {
        return line.chars().count() + 1;
    }
    String::from_utf8_lossy(&bytes[..byte]).chars().count()
}

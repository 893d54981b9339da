//! Formatting one traceback entry's source line with 3.11's position markers
//! (CPython: `Python/traceback.c: tb_displayline`, `Lib/traceback.py: format_frame_summary`).

use krait_bytecode::Position;

/// Append the stripped source line of a traceback entry, and the `^^^^` line under the
/// instruction's span when it does not cover the whole line.
pub fn push_source_line(out: &mut String, line: &str, pos: Position, lineno: u32) {
    let stripped = line.trim_start_matches([' ', '\t', '\x0c']);
    let indent = line.len() - stripped.len();
    let stripped = stripped.trim_end();
    if stripped.is_empty() {
        return;
    }
    out.push_str("    ");
    out.push_str(stripped);
    out.push('\n');
    if pos.line != lineno || pos.line == 0 {
        return;
    }
    let start = byte_to_char(line, pos.col as usize);
    let end = if pos.end_line == pos.line {
        byte_to_char(line, pos.end_col as usize)
    } else {
        indent_chars(line, indent) + stripped.chars().count()
    };
    let lead = byte_to_char(line, indent);
    let width = stripped.chars().count();
    if end <= start || start < lead {
        return;
    }
    if end - start >= width {
        return;
    }
    out.push_str("    ");
    out.push_str(&" ".repeat(start - lead));
    out.push_str(&"^".repeat(end - start));
    out.push('\n');
}

fn indent_chars(line: &str, indent: usize) -> usize {
    byte_to_char(line, indent)
}

fn byte_to_char(line: &str, byte: usize) -> usize {
    let b = byte.min(line.len());
    String::from_utf8_lossy(&line.as_bytes()[..b])
        .chars()
        .count()
}

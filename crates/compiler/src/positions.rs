//! Byte offsets to CPython positions: 1-based lines, 0-based UTF-8 byte columns (what 3.11's
//! `co_positions()` reports), plus the helpers that turn a source range into a `CompileError`.

use krait_bytecode::Position;
use ruff_text_size::TextRange;

use crate::{CompileError, ErrorKind};

/// The source text with its line starts, shared by the symbol table and the code generator.
pub(crate) struct SourceFile<'a> {
    pub(crate) text: &'a str,
    line_starts: Vec<u32>,
}

impl<'a> SourceFile<'a> {
    pub(crate) fn new(text: &'a str) -> SourceFile<'a> {
        let mut line_starts = vec![0u32];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        SourceFile { text, line_starts }
    }

    /// A source with no text, only line starts: for compiling a tree made in Python, whose
    /// positions were mapped to offsets with these lines (`pyast::from_py`).
    pub(crate) fn synthetic(line_starts: Vec<u32>) -> SourceFile<'static> {
        let line_starts = if line_starts.is_empty() {
            vec![0]
        } else {
            line_starts
        };
        SourceFile {
            text: "",
            line_starts,
        }
    }

    /// 1-based line and 0-based byte column of a byte offset.
    pub(crate) fn line_col(&self, offset: u32) -> (u32, u32) {
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        (line as u32 + 1, offset - self.line_starts[line])
    }

    pub(crate) fn position(&self, range: TextRange) -> Position {
        let (line, col) = self.line_col(range.start().to_u32());
        let (end_line, end_col) = self.line_col(range.end().to_u32());
        Position {
            line,
            end_line,
            col,
            end_col,
        }
    }

    /// Byte offset where 1-based `line` starts.
    pub(crate) fn line_start(&self, line: u32) -> u32 {
        let idx = (line.max(1) - 1) as usize;
        self.line_starts
            .get(idx)
            .copied()
            .unwrap_or(self.text.len() as u32)
    }

    pub(crate) fn line_text(&self, line: u32) -> Option<String> {
        let idx = line.checked_sub(1)? as usize;
        let start = *self.line_starts.get(idx)? as usize;
        let end = self
            .line_starts
            .get(idx + 1)
            .map_or(self.text.len(), |&e| e as usize);
        let mut s = self.text.get(start..end)?.to_string();
        if !s.ends_with('\n') {
            s.push('\n');
        }
        Some(s)
    }

    /// Characters (not bytes) between the line start and `offset`, as SyntaxError.offset counts.
    fn char_col(&self, offset: u32) -> u32 {
        let (line, _) = self.line_col(offset);
        let start = self.line_starts[line as usize - 1] as usize;
        let end = (offset as usize).min(self.text.len());
        self.text
            .get(start..end)
            .map_or(end.saturating_sub(start), |s| s.chars().count()) as u32
    }

    pub(crate) fn error_at(
        &self,
        kind: ErrorKind,
        msg: impl Into<String>,
        range: TextRange,
    ) -> CompileError {
        let start = range.start().to_u32().min(self.text.len() as u32);
        let end = range.end().to_u32().min(self.text.len() as u32).max(start);
        let (line, _) = self.line_col(start);
        let (end_line, _) = self.line_col(end);
        CompileError {
            kind,
            msg: msg.into(),
            line,
            col: self.char_col(start) + 1,
            end_line,
            end_col: self.char_col(end) + 1,
            text: self.line_text(line),
        }
    }
}

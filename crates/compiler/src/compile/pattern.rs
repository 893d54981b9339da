//! `match` statements (CPython 3.11 `compiler_match` and the `compiler_pattern_*` family).

use ruff_python_ast as ast;

use super::{CResult, Compiler};

impl<'a> Compiler<'a> {
    pub(crate) fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> CResult {
        Err(self.error("match statements are not supported yet", m))
    }
}

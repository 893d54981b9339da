//! Krait's compiler: from `ruff_python_parser`'s AST to [`krait_bytecode::CodeObject`]s.

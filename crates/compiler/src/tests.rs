//! Unit tests: symbol table and error messages.

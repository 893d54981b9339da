//! Krait: a Python 3 interpreter. This crate is the embedding API.

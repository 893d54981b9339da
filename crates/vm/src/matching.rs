//! `match` statement support (CPython: `Python/ceval.c: match_keys, match_class`).

use crate::value::Value;
use crate::{PyResult, Vm};

impl Vm {
    /// `MATCH_MAPPING`: whether the subject is a mapping for pattern matching.
    pub fn is_mapping_for_match(&mut self, _v: &Value) -> bool {
        false
    }

    /// `MATCH_SEQUENCE`: whether the subject is a sequence for pattern matching.
    pub fn is_sequence_for_match(&mut self, _v: &Value) -> bool {
        false
    }

    /// `MATCH_KEYS`: a tuple of the values for `keys`, or `None`.
    pub fn match_keys(&mut self, _subject: &Value, _keys: &Value) -> PyResult<Value> {
        Err(self.not_implemented_error("mapping patterns are not supported yet"))
    }

    /// `MATCH_CLASS`: a tuple of the extracted attributes, or `None`.
    pub fn match_class(
        &mut self,
        _subject: &Value,
        _cls: &Value,
        _nargs: usize,
        _names: &Value,
    ) -> PyResult<Value> {
        Err(self.not_implemented_error("class patterns are not supported yet"))
    }

    /// `CHECK_EG_MATCH`: split an exception group; `(rest, matched)`.
    pub fn exception_group_match(&mut self, _eg: &Value, _ty: &Value) -> PyResult<(Value, Value)> {
        Err(self.not_implemented_error("except* is not supported yet"))
    }

    /// `PREP_RERAISE_STAR`
    pub fn prep_reraise_star(&mut self, _orig: &Value, _list: &Value) -> PyResult<Value> {
        Err(self.not_implemented_error("except* is not supported yet"))
    }
}

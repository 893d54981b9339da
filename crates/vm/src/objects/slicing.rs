//! Slice index arithmetic shared by every sequence type (CPython: `Objects/sliceobject.c`:
//! `PySlice_Unpack` and `PySlice_AdjustIndices`, `Python/ceval.c`: `_PyEval_SliceIndex`).

use num_traits::Signed;

use crate::object::Payload;
use crate::value::Value;
use crate::{PyResult, Vm};

/// One slice bound as CPython's `_PyEval_SliceIndex` reads it: `None` stays `None`, anything
/// with `__index__` becomes an integer clamped to the `Py_ssize_t` range.
pub fn slice_bound(vm: &mut Vm, v: &Value) -> PyResult<Option<isize>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i as isize)),
        Value::Bool(b) => Ok(Some(isize::from(b.get()))),
        _ => {
            let has_index = matches!(v.payload(), Some(Payload::Int(_)))
                || vm.lookup_special_str(v, "__index__").is_some();
            if !has_index {
                return Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            let i = vm.index_value(v)?;
            Ok(Some(clamp_index(&i)))
        }
    }
}

/// An int value clamped to the `isize` range (`PyNumber_AsSsize_t(v, NULL)`).
fn clamp_index(v: &Value) -> isize {
    match v {
        Value::Int(i) => *i as isize,
        Value::Bool(b) => isize::from(b.get()),
        _ => match v.payload() {
            Some(Payload::Int(b)) => {
                if b.is_negative() {
                    isize::MIN
                } else {
                    isize::MAX
                }
            }
            _ => 0,
        },
    }
}

/// `slice.indices(len)` for a `Payload::Slice` value: `(start, stop, step, slicelength)`
/// exactly as `PySlice_Unpack` + `PySlice_AdjustIndices` compute them.
pub fn slice_indices(
    vm: &mut Vm,
    slice: &Value,
    len: usize,
) -> PyResult<(isize, isize, isize, usize)> {
    let Some(Payload::Slice(parts)) = slice.payload() else {
        return Err(vm.type_error("expected a slice"));
    };
    let [start, stop, step] = &**parts;
    let (start, stop, step) = (start.clone(), stop.clone(), step.clone());
    let step = match slice_bound(vm, &step)? {
        None => 1,
        Some(0) => return Err(vm.value_error("slice step cannot be zero")),
        // Keep -step representable, as CPython does.
        Some(s) => s.max(-isize::MAX),
    };
    let start = slice_bound(vm, &start)?;
    let stop = slice_bound(vm, &stop)?;
    Ok(adjust_indices(len, start, stop, step))
}

/// `PySlice_AdjustIndices` with `None` bounds replaced by their step-dependent defaults.
pub fn adjust_indices(
    len: usize,
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
) -> (isize, isize, isize, usize) {
    let len = len.min(isize::MAX as usize) as isize;
    let (lo_default, hi_default) = if step < 0 {
        (isize::MAX, isize::MIN)
    } else {
        (0, isize::MAX)
    };
    let clamp = |v: isize| -> isize {
        if v < 0 {
            let v = v.saturating_add(len);
            if v < 0 {
                if step < 0 { -1 } else { 0 }
            } else {
                v
            }
        } else if v >= len {
            if step < 0 { len - 1 } else { len }
        } else {
            v
        }
    };
    let start = clamp(start.unwrap_or(lo_default));
    let stop = clamp(stop.unwrap_or(hi_default));
    let slicelength = if step < 0 {
        if stop < start {
            ((start - stop - 1) / (-step) + 1) as usize
        } else {
            0
        }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    (start, stop, step, slicelength)
}

#[cfg(test)]
mod tests {
    use super::adjust_indices;

    #[test]
    fn matches_cpython_indices() {
        // slice(None, None, -1).indices(5) == (4, -1, -1)
        assert_eq!(adjust_indices(5, None, None, -1), (4, -1, -1, 5));
        assert_eq!(adjust_indices(5, Some(-100), Some(100), 2), (0, 5, 2, 3));
        assert_eq!(adjust_indices(5, Some(10), Some(-10), -3), (4, -1, -3, 2));
        assert_eq!(adjust_indices(0, None, None, -1), (-1, -1, -1, 0));
        assert_eq!(adjust_indices(5, Some(3), Some(1), 1), (3, 1, 1, 0));
    }
}

//! The methods `bytes` and `bytearray` share (CPython: `Objects/bytes_methods.c`,
//! `Objects/stringlib/{fastsearch,split,transmogrify,find}.h`). Called on a `bytearray` they
//! return `bytearray`s. Character classes are ASCII-only, as in CPython (`Py_ISSPACE`, ...).

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::value::Value;
use crate::{PyResult, Vm};

use super::{buffer_arg, bytes_of, is_index, new_like, parse_args, str_arg, this_bytes};

/// `Py_ISSPACE` for bytes.
pub fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// First index of `sub` in `hay[start..end]`.
pub fn find_sub(hay: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    let h = &hay[start..end];
    if sub.is_empty() {
        return Some(start);
    }
    if sub.len() > h.len() {
        return None;
    }
    if sub.len() == 1 {
        return h.iter().position(|c| *c == sub[0]).map(|p| p + start);
    }
    h.windows(sub.len())
        .position(|w| w == sub)
        .map(|p| p + start)
}

/// Last index of `sub` in `hay[start..end]`.
pub fn rfind_sub(hay: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    let h = &hay[start..end];
    if sub.is_empty() {
        return Some(end);
    }
    if sub.len() > h.len() {
        return None;
    }
    h.windows(sub.len())
        .rposition(|w| w == sub)
        .map(|p| p + start)
}

fn count_sub(hay: &[u8], sub: &[u8], start: usize, end: usize, max: usize) -> usize {
    if start > end || end > hay.len() {
        return 0;
    }
    if sub.is_empty() {
        return (end - start + 1).min(max);
    }
    let mut n = 0;
    let mut i = start;
    while n < max {
        match find_sub(hay, sub, i, end) {
            Some(p) => {
                n += 1;
                i = p + sub.len();
            }
            None => break,
        }
    }
    n
}

/// CPython's `ADJUST_INDICES` for optional start/end arguments.
fn adjust(
    vm: &mut Vm,
    start: Option<&Value>,
    end: Option<&Value>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let len_i = len as isize;
    let s = match start {
        Some(v) => crate::objects::slicing::slice_bound(vm, v)?.unwrap_or(0),
        None => 0,
    };
    let e = match end {
        Some(v) => crate::objects::slicing::slice_bound(vm, v)?.unwrap_or(len_i),
        None => len_i,
    };
    let e = if e > len_i {
        len_i
    } else if e < 0 {
        (e + len_i).max(0)
    } else {
        e
    };
    let s = if s < 0 { (s + len_i).max(0) } else { s };
    Ok((s as usize, e as usize))
}

/// The `sub` argument of find/count/index: bytes-like or an int in range(256).
fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if is_index(vm, v) {
        return Ok(vec![super::byte_value(vm, v)?]);
    }
    if let Some(Payload::MemoryView(m)) = v.payload() {
        super::memoryview::check_released(vm, m)?;
    }
    match bytes_of(v) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(v)
        ))),
    }
}

#[derive(Copy, Clone, PartialEq)]
enum Search {
    Find,
    RFind,
    Index,
    RIndex,
    Count,
}

fn search(vm: &mut Vm, args: &Args<'_>, name: &str, kind: Search) -> PyResult<Value> {
    let (this, rest) = super::finds_args(vm, args, name)?;
    let b = this_bytes(vm, this, name)?;
    let sub = sub_arg(vm, &rest[0])?;
    let (s, e) = adjust(vm, rest.get(1), rest.get(2), b.len())?;
    let r = match kind {
        Search::Count => return Ok(Value::Int(count_sub(&b, &sub, s, e, usize::MAX) as i64)),
        Search::Find | Search::Index => find_sub(&b, &sub, s, e),
        Search::RFind | Search::RIndex => rfind_sub(&b, &sub, s, e),
    };
    match r {
        Some(i) => Ok(Value::Int(i as i64)),
        None if matches!(kind, Search::Index | Search::RIndex) => {
            Err(vm.value_error("subsection not found"))
        }
        None => Ok(Value::Int(-1)),
    }
}

fn b_find(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    search(vm, &args, "find", Search::Find)
}
fn b_rfind(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    search(vm, &args, "rfind", Search::RFind)
}
fn b_index(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    search(vm, &args, "index", Search::Index)
}
fn b_rindex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    search(vm, &args, "rindex", Search::RIndex)
}
fn b_count(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    search(vm, &args, "count", Search::Count)
}

fn starts_ends(vm: &mut Vm, args: &Args<'_>, name: &str, ends: bool) -> PyResult<Value> {
    let (this, rest) = super::finds_args(vm, args, name)?;
    let b = this_bytes(vm, this, name)?;
    let (s, e) = adjust(vm, rest.get(1), rest.get(2), b.len())?;
    let cands: Vec<Value> = match rest[0].payload() {
        Some(Payload::Tuple(t)) => t.to_vec(),
        _ => vec![rest[0].clone()],
    };
    let is_tuple = matches!(rest[0].payload(), Some(Payload::Tuple(_)));
    for c in &cands {
        let Some(p) = bytes_of(c) else {
            let msg = if is_tuple {
                format!("a bytes-like object is required, not '{}'", vm.type_name(c))
            } else {
                format!(
                    "{name} first arg must be bytes or a tuple of bytes, not {}",
                    vm.type_name(c)
                )
            };
            return Err(vm.type_error(msg));
        };
        if s > b.len() || s > e {
            continue;
        }
        let region = &b[s..e];
        let hit = if ends {
            region.ends_with(&p)
        } else {
            region.starts_with(&p)
        };
        if hit {
            return Ok(Value::bool(true));
        }
    }
    Ok(Value::bool(false))
}

fn b_startswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    starts_ends(vm, &args, "startswith", false)
}
fn b_endswith(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    starts_ends(vm, &args, "endswith", true)
}

fn list_of(vm: &mut Vm, this: &Value, parts: Vec<Vec<u8>>) -> PyResult<Value> {
    // Each piece becomes an object: ask for them first (ten million one-byte pieces are a
    // gigabyte).
    vm.check_alloc(parts.len().saturating_mul(PIECE_BYTES))?;
    let items = parts
        .into_iter()
        .map(|p| new_like(vm, this, p))
        .collect::<Vec<_>>();
    Ok(vm.new_list(items))
}

/// Heap bytes of a one-piece `bytes` object and its list slot, at least.
const PIECE_BYTES: usize = 80;

/// A split made another piece: every 1024 pieces count as work, and the run stops there if
/// the pieces took the heap past its cap.
#[inline]
fn piece_made(vm: &mut Vm, pieces: usize) -> PyResult<()> {
    if pieces.is_multiple_of(1024) {
        vm.tick(1024)?;
    }
    Ok(())
}

fn sep_maxsplit(
    vm: &mut Vm,
    args: &Args<'_>,
    name: &str,
) -> PyResult<(Value, Option<Vec<u8>>, i64)> {
    let this = args
        .values
        .first()
        .cloned()
        .ok_or_else(|| vm.type_error(format!("descriptor '{name}' needs an argument")))?;
    let a = parse_args(vm, args, name, &["sep", "maxsplit"], 0, true)?;
    let sep = match &a[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = buffer_arg(vm, v)?;
            if s.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            Some(s)
        }
    };
    let max = match &a[1] {
        None => -1,
        Some(v) => vm.index_to_i64(v)?,
    };
    Ok((this, sep, max))
}

fn b_split(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, sep, max) = sep_maxsplit(vm, &args, "split")?;
    let b = this_bytes(vm, &this, "split")?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts = Vec::new();
    match sep {
        Some(sep) => {
            let mut i = 0;
            while parts.len() < max {
                match find_sub(&b, &sep, i, b.len()) {
                    Some(p) => {
                        parts.push(b[i..p].to_vec());
                        piece_made(vm, parts.len())?;
                        i = p + sep.len();
                    }
                    None => break,
                }
            }
            parts.push(b[i..].to_vec());
            piece_made(vm, parts.len())?;
        }
        None => {
            let n = b.len();
            let mut i = 0;
            loop {
                while i < n && is_space(b[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                if parts.len() >= max {
                    parts.push(b[i..].to_vec());
                    break;
                }
                let st = i;
                while i < n && !is_space(b[i]) {
                    i += 1;
                }
                parts.push(b[st..i].to_vec());
                piece_made(vm, parts.len())?;
            }
        }
    }
    list_of(vm, &this, parts)
}

fn b_rsplit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, sep, max) = sep_maxsplit(vm, &args, "rsplit")?;
    let b = this_bytes(vm, &this, "rsplit")?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts = Vec::new();
    match sep {
        Some(sep) => {
            let mut end = b.len();
            while parts.len() < max {
                match rfind_sub(&b, &sep, 0, end) {
                    Some(p) => {
                        parts.push(b[p + sep.len()..end].to_vec());
                        piece_made(vm, parts.len())?;
                        end = p;
                    }
                    None => break,
                }
            }
            parts.push(b[..end].to_vec());
            piece_made(vm, parts.len())?;
        }
        None => {
            let mut i = b.len();
            loop {
                while i > 0 && is_space(b[i - 1]) {
                    i -= 1;
                }
                if i == 0 {
                    break;
                }
                if parts.len() >= max {
                    parts.push(b[..i].to_vec());
                    break;
                }
                let end = i;
                while i > 0 && !is_space(b[i - 1]) {
                    i -= 1;
                }
                parts.push(b[i..end].to_vec());
                piece_made(vm, parts.len())?;
            }
        }
    }
    parts.reverse();
    list_of(vm, &this, parts)
}

fn b_splitlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = parse_args(vm, &args, "splitlines", &["keepends"], 0, true)?;
    let keep = match &a[0] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    let b = this_bytes(vm, &this, "splitlines")?;
    let mut parts = Vec::new();
    let n = b.len();
    let mut i = 0;
    while i < n {
        let st = i;
        while i < n && b[i] != b'\n' && b[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if b[i] == b'\r' && i + 1 < n && b[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keep {
                eol = i;
            }
        }
        parts.push(b[st..eol].to_vec());
        piece_made(vm, parts.len())?;
    }
    list_of(vm, &this, parts)
}

fn partition(vm: &mut Vm, args: &Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let (this, rest) = super::meth_o(vm, args, name).map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let b = this_bytes(vm, this, name)?;
    let sep = buffer_arg(vm, &rest[0])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right {
        rfind_sub(&b, &sep, 0, b.len())
    } else {
        find_sub(&b, &sep, 0, b.len())
    };
    let parts: [Vec<u8>; 3] = match found {
        Some(p) => [b[..p].to_vec(), sep.clone(), b[p + sep.len()..].to_vec()],
        None if right => [Vec::new(), Vec::new(), b.to_vec()],
        None => [b.to_vec(), Vec::new(), Vec::new()],
    };
    let exact_bytes = ObjRef::ptr_eq(&vm.type_of(this), &vm.types.bytes);
    let mut items = Vec::with_capacity(3);
    for (k, p) in parts.into_iter().enumerate() {
        let whole = found.is_none() && ((right && k == 2) || (!right && k == 0));
        if whole && exact_bytes {
            items.push(this.clone());
        } else {
            items.push(new_like(vm, this, p));
        }
    }
    Ok(vm.new_tuple(items))
}

fn b_partition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition(vm, &args, "partition", false)
}
fn b_rpartition(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    partition(vm, &args, "rpartition", true)
}

fn strip(vm: &mut Vm, args: &Args<'_>, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let (this, rest) = method_args(vm, args, name, 0, 1)?;
    let b = this_bytes(vm, this, name)?;
    let chars = match rest.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(buffer_arg(vm, v)?),
    };
    let strip_it = |c: u8| match &chars {
        Some(cs) => cs.contains(&c),
        None => is_space(c),
    };
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && strip_it(b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip_it(b[e - 1]) {
            e -= 1;
        }
    }
    if s == 0 && e == b.len() && ObjRef::ptr_eq(&vm.type_of(this), &vm.types.bytes) {
        return Ok(this.clone());
    }
    Ok(new_like(vm, this, b[s..e].to_vec()))
}

fn b_strip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip(vm, &args, "strip", true, true)
}
fn b_lstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip(vm, &args, "lstrip", true, false)
}
fn b_rstrip(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    strip(vm, &args, "rstrip", false, true)
}

fn map_bytes(vm: &mut Vm, args: &Args<'_>, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<Value> {
    let (this, _) = method_args(vm, args, name, 0, 0)?;
    let b = this_bytes(vm, this, name)?;
    let out = f(&b);
    Ok(new_like(vm, this, out))
}

fn upper(b: &[u8]) -> Vec<u8> {
    b.to_ascii_uppercase()
}
fn lower(b: &[u8]) -> Vec<u8> {
    b.to_ascii_lowercase()
}
fn swapcase(b: &[u8]) -> Vec<u8> {
    b.iter()
        .map(|c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}
fn title(b: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    b.iter()
        .map(|&c| {
            let r = if c.is_ascii_alphabetic() {
                if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                }
            } else {
                c
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
}
fn capitalize(b: &[u8]) -> Vec<u8> {
    b.iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn b_upper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, &args, "upper", upper)
}
fn b_lower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, &args, "lower", lower)
}
fn b_swapcase(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, &args, "swapcase", swapcase)
}
fn b_title(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, &args, "title", title)
}
fn b_capitalize(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    map_bytes(vm, &args, "capitalize", capitalize)
}

fn predicate(vm: &mut Vm, args: &Args<'_>, name: &str, f: fn(&[u8]) -> bool) -> PyResult<Value> {
    let (this, _) = method_args(vm, args, name, 0, 0)?;
    let b = this_bytes(vm, this, name)?;
    Ok(Value::bool(f(&b)))
}

fn istitle(b: &[u8]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &c in b {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

fn b_isalnum(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "isalnum", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_alphanumeric)
    })
}
fn b_isalpha(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "isalpha", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_alphabetic)
    })
}
fn b_isascii(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "isascii", |b| b.is_ascii())
}
fn b_isdigit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "isdigit", |b| {
        !b.is_empty() && b.iter().all(u8::is_ascii_digit)
    })
}
fn b_isspace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "isspace", |b| {
        !b.is_empty() && b.iter().all(|c| is_space(*c))
    })
}
fn b_islower(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "islower", |b| {
        b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase)
    })
}
fn b_isupper(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "isupper", |b| {
        b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase)
    })
}
fn b_istitle(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    predicate(vm, &args, "istitle", istitle)
}

fn fill_arg(vm: &mut Vm, name: &str, v: Option<&Value>) -> PyResult<u8> {
    let Some(v) = v else { return Ok(b' ') };
    match v.payload() {
        Some(Payload::Bytes(b)) if b.len() == 1 => Ok(b[0]),
        Some(Payload::ByteArray(b)) if b.borrow().len() == 1 => Ok(b.borrow()[0]),
        _ => Err(vm.type_error(format!(
            "{name}() argument 2 must be a byte string of length 1, not {}",
            vm.type_name(v)
        ))),
    }
}

fn justify(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Value> {
    let (this, rest) = method_args(vm, args, name, 1, 2)?;
    let b = this_bytes(vm, this, name)?;
    let width = vm.index_to_i64(&rest[0])?;
    let fill = fill_arg(vm, name, rest.get(1))?;
    let len = b.len() as i64;
    if width <= len {
        if ObjRef::ptr_eq(&vm.type_of(this), &vm.types.bytes) {
            return Ok(this.clone());
        }
        return Ok(new_like(vm, this, b.into_owned()));
    }
    let marg = (width - len) as usize;
    let (left, right) = match name {
        "ljust" => (0, marg),
        "rjust" => (marg, 0),
        _ => {
            let left = marg / 2 + (marg & (width as usize) & 1);
            (left, marg - left)
        }
    };
    let mut out = super::zeroed(vm, width as usize)?;
    out.clear();
    out.extend(std::iter::repeat_n(fill, left));
    out.extend_from_slice(&b);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(new_like(vm, this, out))
}

fn b_center(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    justify(vm, &args, "center")
}
fn b_ljust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    justify(vm, &args, "ljust")
}
fn b_rjust(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    justify(vm, &args, "rjust")
}

fn b_zfill(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) =
        super::meth_o(vm, &args, "zfill").map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let b = this_bytes(vm, this, "zfill")?;
    let width = vm.index_to_i64(&rest[0])?;
    if width <= b.len() as i64 {
        return Ok(new_like(vm, this, b.into_owned()));
    }
    let fill = width as usize - b.len();
    let mut out = super::zeroed(vm, width as usize)?;
    out.clear();
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(&b);
    if let Some(&c) = b.first()
        && (c == b'+' || c == b'-')
    {
        out[0] = c;
        out[fill] = b'0';
    }
    Ok(new_like(vm, this, out))
}

fn b_expandtabs(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = parse_args(vm, &args, "expandtabs", &["tabsize"], 0, true)?;
    let tab = match &a[0] {
        Some(v) => vm.index_to_i64(v)?,
        None => 8,
    };
    let b = this_bytes(vm, &this, "expandtabs")?;
    let mut out = Vec::with_capacity(b.len());
    let mut col: i64 = 0;
    for &c in b.iter() {
        match c {
            b'\t' => {
                if tab > 0 {
                    let n = tab - col % tab;
                    if out.len() as u64 + n as u64 > (isize::MAX as u64) {
                        return Err(vm.overflow_error("result too long"));
                    }
                    vm.check_alloc(n as usize)?;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(new_like(vm, &this, out))
}

fn b_replace(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "replace", 2, 3)?;
    let b = this_bytes(vm, this, "replace")?;
    let old = buffer_arg(vm, &rest[0])?;
    let new = buffer_arg(vm, &rest[1])?;
    let max = match rest.get(2) {
        Some(v) => vm.index_to_i64(v)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &c) in b.iter().enumerate() {
            if n < max {
                vm.check_alloc(new.len())?;
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(c);
            let _ = i;
        }
        if n < max {
            out.extend_from_slice(&new);
        }
    } else {
        let mut i = 0;
        let mut n = 0;
        while n < max {
            match find_sub(&b, &old, i, b.len()) {
                Some(p) => {
                    vm.check_alloc(new.len())?;
                    out.extend_from_slice(&b[i..p]);
                    out.extend_from_slice(&new);
                    i = p + old.len();
                    n += 1;
                }
                None => break,
            }
        }
        out.extend_from_slice(&b[i..]);
    }
    Ok(new_like(vm, this, out))
}

fn b_join(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) =
        super::meth_o(vm, &args, "join").map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let sep = this_bytes(vm, this, "join")?;
    let it = vm.iter(&rest[0])?;
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(item) = vm.next(&it)? {
        if let Some(Payload::MemoryView(m)) = item.payload() {
            super::memoryview::check_released(vm, m)?;
        }
        let Some(b) = bytes_of(&item) else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(&item)
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
        i += 1;
    }
    Ok(new_like(vm, this, out))
}

fn affix(vm: &mut Vm, args: &Args<'_>, name: &str, suffix: bool) -> PyResult<Value> {
    let (this, rest) = super::meth_o(vm, args, name).map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let b = this_bytes(vm, this, name)?;
    let p = buffer_arg(vm, &rest[0])?;
    let out = if suffix {
        match b.strip_suffix(p.as_slice()) {
            Some(r) if !p.is_empty() => r.to_vec(),
            _ => b.to_vec(),
        }
    } else {
        match b.strip_prefix(p.as_slice()) {
            Some(r) if !p.is_empty() => r.to_vec(),
            _ => b.to_vec(),
        }
    };
    if out.len() == b.len() && ObjRef::ptr_eq(&vm.type_of(this), &vm.types.bytes) {
        return Ok(this.clone());
    }
    Ok(new_like(vm, this, out))
}

fn b_removeprefix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    affix(vm, &args, "removeprefix", false)
}
fn b_removesuffix(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    affix(vm, &args, "removesuffix", true)
}

fn b_decode(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let a = parse_args(vm, &args, "decode", &["encoding", "errors"], 0, true)?;
    let enc = match &a[0] {
        Some(v) => str_arg(vm, v, "decode", "encoding")?,
        None => "utf-8".into(),
    };
    let errs = match &a[1] {
        Some(v) => str_arg(vm, v, "decode", "errors")?,
        None => "strict".into(),
    };
    let b = this_bytes(vm, &this, "decode")?;
    let s = crate::objects::codecs::decode(vm, &b, &enc, &errs)?;
    Ok(vm.new_pystr(s))
}

/// `bytes.hex(sep, bytes_per_sep)` on raw contents (shared with memoryview).
pub fn hex_impl(vm: &mut Vm, b: &[u8], args: &Args<'_>, skip_self: bool) -> PyResult<Value> {
    let a = parse_args(vm, args, "hex", &["sep", "bytes_per_sep"], 0, skip_self)?;
    let sep = match &a[0] {
        None => None,
        Some(v) => {
            let s: Vec<u32> = match v.payload() {
                Some(Payload::Str(s)) => s.code_points(),
                _ => match bytes_of(v) {
                    Some(b) => b.iter().map(|c| u32::from(*c)).collect(),
                    None => {
                        return Err(vm.type_error(format!(
                            "object of type '{}' has no len()",
                            vm.type_name(v)
                        )));
                    }
                },
            };
            if s.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if s[0] > 127 {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(s[0] as u8 as char)
        }
    };
    let per = match &a[1] {
        Some(v) => vm.index_to_i64(v)?,
        None => 1,
    };
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(b.len() * 3);
    let group = per.unsigned_abs() as usize;
    match sep {
        Some(sep) if group > 0 && !b.is_empty() => {
            let n = b.len();
            for (i, &c) in b.iter().enumerate() {
                if i > 0 {
                    let boundary = if per > 0 {
                        (n - i).is_multiple_of(group)
                    } else {
                        i.is_multiple_of(group)
                    };
                    if boundary {
                        out.push(sep);
                    }
                }
                out.push(HEX[usize::from(c >> 4)] as char);
                out.push(HEX[usize::from(c & 15)] as char);
            }
        }
        _ => {
            for &c in b {
                out.push(HEX[usize::from(c >> 4)] as char);
                out.push(HEX[usize::from(c & 15)] as char);
            }
        }
    }
    Ok(vm.new_string(out))
}

fn b_hex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    let b = this_bytes(vm, &this, "hex")?;
    hex_impl(vm, &b, &args, true)
}

fn b_fromhex(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (cls, rest) =
        super::meth_o(vm, &args, "fromhex").map(|(t, a)| (t, std::slice::from_ref(a)))?;
    let Some(Payload::Str(s)) = rest[0].payload() else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(&rest[0])
        )));
    };
    let cps = s.code_points();
    let mut out = Vec::with_capacity(cps.len() / 2);
    let mut i = 0;
    let digit = |c: u32| char::from_u32(c).and_then(|c| c.to_digit(16));
    while i < cps.len() {
        if cps[i] < 128 && is_space(cps[i] as u8) {
            i += 1;
            continue;
        }
        let Some(hi) = digit(cps[i]) else {
            return Err(vm.value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {i}"
            )));
        };
        let Some(lo) = cps.get(i + 1).and_then(|c| digit(*c)) else {
            return Err(vm.value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {}",
                i + 1
            )));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let Value::Obj(cls) = cls else {
        return Err(vm.type_error("fromhex() needs a type"));
    };
    if ObjRef::ptr_eq(cls, &vm.types.bytes) {
        return Ok(vm.new_bytes(out));
    }
    if ObjRef::ptr_eq(cls, &vm.types.bytearray) {
        return Ok(vm.new_bytearray(out));
    }
    let base = if crate::objects::typeobj::is_subtype(cls, &vm.types.bytearray) {
        vm.new_bytearray(out)
    } else {
        vm.new_bytes(out)
    };
    vm.call_pos(&Value::Obj(cls.clone()), &[base])
}

fn b_maketrans(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let a = crate::native::pos_args(vm, &args, "maketrans", 2, 2)?;
    let frm = buffer_arg(vm, &a[0])?;
    let to = buffer_arg(vm, &a[1])?;
    if frm.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (f, t2) in frm.iter().zip(&to) {
        t[usize::from(*f)] = *t2;
    }
    Ok(vm.new_bytes(t))
}

fn b_translate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let this = args.values.first().cloned().unwrap_or(Value::None);
    if args.pos().len() < 2 {
        return Err(vm.type_error("translate() takes at least 1 positional argument (0 given)"));
    }
    let a = parse_args(vm, &args, "translate", &["table", "delete"], 1, true)?;
    let table = match &a[0] {
        Some(Value::None) | None => None,
        Some(v) => {
            let t = buffer_arg(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match &a[1] {
        Some(v) => buffer_arg(vm, v)?,
        None => Vec::new(),
    };
    let b = this_bytes(vm, &this, "translate")?;
    let out: Vec<u8> = b
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| match &table {
            Some(t) => t[usize::from(c)],
            None => c,
        })
        .collect();
    Ok(new_like(vm, &this, out))
}

/// Register the shared methods on `bytes` or `bytearray`.
pub fn init(vm: &mut Vm, ty: &ObjRef) {
    vm.add_methods(
        ty,
        crate::methods![
            method "find" => b_find, "";
            method "rfind" => b_rfind, "";
            method "index" => b_index, "";
            method "rindex" => b_rindex, "";
            method "count" => b_count, "";
            method "startswith" => b_startswith, "";
            method "endswith" => b_endswith, "";
            method "split" => b_split, "";
            method "rsplit" => b_rsplit, "";
            method "splitlines" => b_splitlines, "";
            method "partition" => b_partition, "";
            method "rpartition" => b_rpartition, "";
            method "strip" => b_strip, "";
            method "lstrip" => b_lstrip, "";
            method "rstrip" => b_rstrip, "";
            method "upper" => b_upper, "";
            method "lower" => b_lower, "";
            method "swapcase" => b_swapcase, "";
            method "title" => b_title, "";
            method "capitalize" => b_capitalize, "";
            method "isalnum" => b_isalnum, "";
            method "isalpha" => b_isalpha, "";
            method "isascii" => b_isascii, "";
            method "isdigit" => b_isdigit, "";
            method "isspace" => b_isspace, "";
            method "islower" => b_islower, "";
            method "isupper" => b_isupper, "";
            method "istitle" => b_istitle, "";
            method "center" => b_center, "";
            method "ljust" => b_ljust, "";
            method "rjust" => b_rjust, "";
            method "zfill" => b_zfill, "";
            method "expandtabs" => b_expandtabs, "";
            method "replace" => b_replace, "";
            method "join" => b_join, "";
            method "removeprefix" => b_removeprefix, "";
            method "removesuffix" => b_removesuffix, "";
            method "decode" => b_decode, "";
            method "hex" => b_hex, "";
            classmethod "fromhex" => b_fromhex, "";
            staticmethod "maketrans" => b_maketrans, "";
            method "translate" => b_translate, "";
        ],
    );
}

//! `open()` for reading (CPython: `Modules/_io`): the whole file is read through the host at
//! open time, decoded as UTF-8 with universal newlines for text mode, and served from memory.
//! Writing needs a host seam that does not exist yet and raises `NotImplementedError`.

use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::typeobj::{BuiltinKind, Layout};
use crate::value::Value;
use crate::{PyResult, Vm};

/// The state an open file keeps in its cell: `(data, pos, closed, name, mode)`, where `data`
/// is a str (text mode) or bytes (binary mode) and `pos` a byte offset into it.
const DATA: usize = 0;
const POS: usize = 1;
const CLOSED: usize = 2;
const NAME: usize = 3;
const MODE: usize = 4;

/// Make the file types (`_io.TextIOWrapper` and `_io.BufferedReader`).
fn init(vm: &mut Vm) -> (ObjRef, ObjRef) {
    let mut out = Vec::new();
    for name in ["TextIOWrapper", "BufferedReader"] {
        let object = vm.types.object.clone();
        let t = vm.make_type(name, Some(&object), Layout::Builtin(BuiltinKind::Other));
        let m = vm.new_str("_io");
        vm.set_type_attr(&t, "__module__", m);
        vm.add_methods(
            &t,
            crate::methods![
                method "read" => file_read, "Read at most size characters from stream.";
                method "readline" => file_readline, "Read until newline or EOF.";
                method "readlines" => file_readlines, "Return a list of lines from the stream.";
                method "write" => file_write, "Write string to stream.";
                method "close" => file_close, "Flush and close the IO object.";
                method "readable" => file_readable, "Return whether object was opened for reading.";
                method "writable" => file_writable, "Return whether object was opened for writing.";
                method "__iter__" => file_iter, "Implement iter(self).";
                method "__next__" => file_next, "Implement next(self).";
                method "__enter__" => file_iter, "";
                method "__exit__" => file_exit, "";
                method "__repr__" => file_repr, "Return repr(self).";
            ],
        );
        vm.add_getset(&t, "closed", file_closed, None);
        vm.add_getset(&t, "name", file_name, None);
        vm.add_getset(&t, "mode", file_mode, None);
        out.push(t);
    }
    let b = out.pop().unwrap_or_else(|| vm.types.object.clone());
    let t = out.pop().unwrap_or_else(|| vm.types.object.clone());
    (t, b)
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, ...)`.
pub(super) fn builtin_open(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let names = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let mut vals: Vec<Option<Value>> = vec![None; names.len()];
    let pos = args.pos();
    if pos.len() > names.len() {
        return Err(vm.type_error(format!(
            "open() takes at most 8 arguments ({} given)",
            pos.len()
        )));
    }
    for (i, v) in pos.iter().enumerate() {
        vals[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) if vals[i].is_none() => vals[i] = Some(v.clone()),
            Some(i) => {
                return Err(vm.type_error(format!(
                    "argument for open() given by name ('{kn}') and position ({})",
                    i + 1
                )));
            }
            None => {
                return Err(
                    vm.type_error(format!("'{kn}' is an invalid keyword argument for open()"))
                );
            }
        }
    }
    let Some(file) = vals[0].clone() else {
        return Err(vm.type_error("open() missing required argument 'file' (pos 1)"));
    };
    let mode = match &vals[1] {
        None => String::from("r"),
        Some(v) => match v.payload() {
            Some(Payload::Str(_)) => vm.str_text(v),
            _ => {
                return Err(vm.type_error(format!(
                    "open() argument 'mode' must be str, not {}",
                    vm.type_name(v)
                )));
            }
        },
    };
    let (binary, writing) = parse_mode(vm, &mode)?;
    if binary && vals[3].as_ref().is_some_and(|v| !v.is_none()) {
        return Err(vm.value_error("binary mode doesn't take an encoding argument"));
    }
    let path = match file.payload() {
        Some(Payload::Str(_)) => vm.str_text(&file),
        Some(Payload::Bytes(b)) => String::from_utf8_lossy(b).into_owned(),
        _ if matches!(file, Value::Int(_)) => {
            return Err(
                vm.not_implemented_error("open() of a file descriptor is not supported yet")
            );
        }
        _ => {
            return Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {}",
                vm.type_name(&file)
            )));
        }
    };
    if writing {
        return Err(vm.not_implemented_error("open() for writing is not supported yet"));
    }
    let raw = match vm.host.read_file(&path) {
        Ok(raw) => raw,
        Err(e) => return Err(vm.os_error_from(e, &path)),
    };
    let data = if binary {
        vm.new_bytes(raw)
    } else {
        match String::from_utf8(raw) {
            Ok(s) => vm.new_string(s.replace("\r\n", "\n").replace('\r', "\n")),
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let byte = e.as_bytes().get(at).copied().unwrap_or(0);
                let t = vm.types.unicode_decode_error.clone();
                return Err(vm.new_exception_msg(
                    &t,
                    format!(
                        "'utf-8' codec can't decode byte 0x{byte:02x} in position {at}: invalid start byte"
                    ),
                ));
            }
        }
    };
    let name = file.clone();
    let mode_v = vm.new_string(mode);
    let state = vm.new_tuple(vec![data, Value::Int(0), Value::Bool(false), name, mode_v]);
    let types = match vm.file_types.clone() {
        Some(t) => t,
        None => {
            let t = init(vm);
            vm.file_types = Some(t.clone());
            t
        }
    };
    let cls = if binary { types.1 } else { types.0 };
    Ok(Value::Obj(ObjRef::new(
        cls,
        Payload::Cell(std::cell::RefCell::new(state)),
    )))
}

/// Check a mode string as `_io.open` does; returns (binary, writing).
fn parse_mode(vm: &mut Vm, mode: &str) -> PyResult<(bool, bool)> {
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxabt+".contains(c) || seen.contains(c) {
            return Err(vm.value_error(format!("invalid mode: '{mode}'")));
        }
        seen.push(c);
    }
    let creating = seen.contains('x');
    let reading = seen.contains('r');
    let writing = seen.contains('w');
    let appending = seen.contains('a');
    let updating = seen.contains('+');
    let text = seen.contains('t');
    let binary = seen.contains('b');
    if text && binary {
        return Err(vm.value_error("can't have text and binary mode at once"));
    }
    let kinds = [creating, reading, writing, appending]
        .iter()
        .filter(|b| **b)
        .count();
    if kinds > 1 {
        return Err(vm.value_error("must have exactly one of create/read/write/append mode"));
    }
    if kinds == 0 {
        return Err(vm.value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    }
    Ok((binary, creating || writing || appending || updating))
}

fn state(vm: &mut Vm, this: &Value) -> PyResult<Vec<Value>> {
    match this.payload() {
        Some(Payload::Cell(c)) => match c.borrow().payload() {
            Some(Payload::Tuple(t)) if t.len() == 5 => Ok(t.to_vec()),
            _ => Err(vm.type_error("not an open file")),
        },
        _ => Err(vm.type_error("not an open file")),
    }
}

fn set_state(vm: &mut Vm, this: &Value, st: Vec<Value>) {
    let t = vm.new_tuple(st);
    if let Some(Payload::Cell(c)) = this.payload() {
        *c.borrow_mut() = t;
    }
}

/// The state of a file that must be open (`ValueError: I/O operation on closed file.`).
fn open_state(vm: &mut Vm, this: &Value) -> PyResult<Vec<Value>> {
    let st = state(vm, this)?;
    if matches!(st[CLOSED], Value::Bool(true)) {
        return Err(vm.value_error("I/O operation on closed file."));
    }
    Ok(st)
}

fn data_bytes(st: &[Value]) -> &[u8] {
    match st[DATA].payload() {
        Some(Payload::Bytes(b)) => b,
        Some(Payload::Str(s)) => s.wtf8(),
        _ => &[],
    }
}

fn pos_of(st: &[Value]) -> usize {
    match st[POS] {
        Value::Int(i) => usize::try_from(i).unwrap_or(0),
        _ => 0,
    }
}

/// Make the result value of a slice of the data (str in text mode, bytes in binary mode).
fn piece(vm: &mut Vm, st: &[Value], bytes: &[u8]) -> Value {
    match st[DATA].payload() {
        Some(Payload::Bytes(_)) => vm.new_bytes(bytes.to_vec()),
        _ => vm.new_string(String::from_utf8_lossy(bytes).into_owned()),
    }
}

fn size_arg(vm: &mut Vm, rest: &[Value]) -> PyResult<Option<usize>> {
    match rest.first() {
        None | Some(Value::None) => Ok(None),
        Some(v) => {
            let n = vm.index_to_i64(v)?;
            Ok(usize::try_from(n).ok())
        }
    }
}

/// The end of `n` units (chars in text mode, bytes in binary mode) from `start`.
fn advance(data: &[u8], start: usize, n: usize, text: bool) -> usize {
    if !text {
        return start.saturating_add(n).min(data.len());
    }
    let mut end = start;
    let mut left = n;
    while end < data.len() && left > 0 {
        end += 1;
        while end < data.len() && data[end] & 0xC0 == 0x80 {
            end += 1;
        }
        left -= 1;
    }
    end
}

fn file_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "read", 0, 1)?;
    let mut st = open_state(vm, this)?;
    let n = size_arg(vm, rest)?;
    let text = matches!(st[DATA].payload(), Some(Payload::Str(_)));
    let data = data_bytes(&st).to_vec();
    let start = pos_of(&st).min(data.len());
    let end = match n {
        None => data.len(),
        Some(n) => advance(&data, start, n, text),
    };
    let r = piece(vm, &st, &data[start..end]);
    st[POS] = Value::Int(end as i64);
    set_state(vm, this, st);
    Ok(r)
}

fn read_line(vm: &mut Vm, this: &Value, limit: Option<usize>) -> PyResult<Value> {
    let mut st = open_state(vm, this)?;
    let text = matches!(st[DATA].payload(), Some(Payload::Str(_)));
    let data = data_bytes(&st).to_vec();
    let start = pos_of(&st).min(data.len());
    let mut end = match data[start..].iter().position(|&b| b == b'\n') {
        Some(i) => start + i + 1,
        None => data.len(),
    };
    if let Some(n) = limit {
        end = end.min(advance(&data, start, n, text));
    }
    let r = piece(vm, &st, &data[start..end]);
    st[POS] = Value::Int(end as i64);
    set_state(vm, this, st);
    Ok(r)
}

fn file_readline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "readline", 0, 1)?;
    let n = size_arg(vm, rest)?;
    read_line(vm, this, n)
}

fn file_readlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "readlines", 0, 1)?;
    let mut lines = Vec::new();
    loop {
        let line = read_line(vm, this, None)?;
        if vm.len(&line)? == 0 {
            break;
        }
        lines.push(line);
    }
    Ok(vm.new_list(lines))
}

fn file_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "write", 1, 1)?;
    open_state(vm, this)?;
    Err(vm.new_exception_msg(&vm.types.os_error.clone(), "not writable"))
}

fn file_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "close", 0, 0)?;
    let mut st = state(vm, this)?;
    st[CLOSED] = Value::Bool(true);
    set_state(vm, this, st);
    Ok(Value::None)
}

fn file_readable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "readable", 0, 0)?;
    open_state(vm, this)?;
    Ok(Value::Bool(true))
}

fn file_writable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "writable", 0, 0)?;
    open_state(vm, this)?;
    Ok(Value::Bool(false))
}

fn file_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    open_state(vm, this)?;
    Ok(this.clone())
}

fn file_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    let line = read_line(vm, this, None)?;
    if vm.len(&line)? == 0 {
        let t = vm.types.stop_iteration.clone();
        return Err(vm.new_exception(&t, vec![]));
    }
    Ok(line)
}

fn file_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__exit__", 0, 3)?;
    let mut st = state(vm, this)?;
    st[CLOSED] = Value::Bool(true);
    set_state(vm, this, st);
    Ok(Value::None)
}

fn file_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let st = state(vm, this)?;
    let tn = vm.type_name(this);
    let name = vm.repr_string(&st[NAME])?;
    if matches!(st[CLOSED], Value::Bool(true)) {
        return Ok(vm.new_string(format!("<_io.{tn} name={name}>")));
    }
    if matches!(st[DATA].payload(), Some(Payload::Bytes(_))) {
        return Ok(vm.new_string(format!("<_io.{tn} name={name}>")));
    }
    let mode = vm.repr_string(&st[MODE])?;
    Ok(vm.new_string(format!(
        "<_io.{tn} name={name} mode={mode} encoding='UTF-8'>"
    )))
}

fn file_closed(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(state(vm, this)?[CLOSED].clone())
}

fn file_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    Ok(state(vm, this)?[NAME].clone())
}

fn file_mode(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let st = state(vm, this)?;
    if matches!(st[DATA].payload(), Some(Payload::Bytes(_))) {
        return Ok(vm.new_str("rb"));
    }
    Ok(st[MODE].clone())
}

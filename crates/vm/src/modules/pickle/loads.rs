//! `_pickle.loads` over in-memory data (CPython: `Modules/_pickle.c`, `load` and the
//! `load_*` functions of the default `Unpickler`), with C's error messages.
//!
//! The opcode loop, the stack with its marks, the memo and the scalar and container opcodes
//! are native. What needs Python semantics at length is delegated to helpers the module's
//! prelude puts in the scratch namespace (`_krait_find_class`, `_krait_build`,
//! `_krait_instantiate`, `_krait_ext`, `_krait_string`, `_krait_newobj_ex`); out-of-band
//! `buffers` go to the pure implementation whole.

use std::collections::HashMap;

use num_bigint::BigInt;

use crate::object::Payload;
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

const HIGHEST_PROTOCOL: u8 = 5;

/// The decoding options of `loads` for protocol 0-2 str data and class names.
pub(super) struct Options {
    pub(super) fix_imports: Value,
    pub(super) encoding: Value,
    pub(super) errors: Value,
}

struct Loader<'a> {
    data: &'a [u8],
    pos: usize,
    stack: Vec<Value>,
    marks: Vec<usize>,
    memo: HashMap<u64, Value>,
    proto: u8,
    opts: &'a Options,
}

fn unpickling_error(vm: &mut Vm, msg: impl Into<String>) -> PyErr {
    let cls = vm
        .mods
        .pickle_impl
        .clone()
        .and_then(|ns| {
            let k = vm.intern("UnpicklingError");
            vm.dict_get_str_obj(&ns, &k)
        })
        .and_then(|v| match v {
            Value::Obj(o) if matches!(o.payload, Payload::Type(_)) => Some(o),
            _ => None,
        });
    match cls {
        Some(c) => vm.new_exception_msg(&c, msg),
        None => vm.value_error(msg),
    }
}

/// A helper of the prelude, called with `args`.
fn helper(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let ns = vm.mods.pickle_impl.clone();
    let k = vm.intern(name);
    let f = ns.and_then(|ns| vm.dict_get_str_obj(&ns, &k));
    match f {
        Some(f) => vm.call_pos(&f, args),
        None => Err(vm.runtime_error(format!("_pickle helper {name} is missing"))),
    }
}

/// `loads(data)`: the object the pickle in `data` stands for.
pub(super) fn loads(vm: &mut Vm, data: &[u8], opts: &Options) -> PyResult<Value> {
    let mut l = Loader {
        data,
        pos: 0,
        stack: Vec::new(),
        marks: Vec::new(),
        memo: HashMap::new(),
        proto: 0,
        opts,
    };
    l.run(vm)
}

impl Loader<'_> {
    fn truncated(vm: &mut Vm) -> PyErr {
        unpickling_error(vm, "pickle data was truncated")
    }

    fn read(&mut self, vm: &mut Vm, n: usize) -> PyResult<&[u8]> {
        match self.pos.checked_add(n).filter(|&e| e <= self.data.len()) {
            Some(end) => {
                let s = &self.data[self.pos..end];
                self.pos = end;
                Ok(s)
            }
            None => Err(Self::truncated(vm)),
        }
    }

    fn byte(&mut self, vm: &mut Vm) -> PyResult<u8> {
        Ok(self.read(vm, 1)?[0])
    }

    fn uint(&mut self, vm: &mut Vm, n: usize) -> PyResult<u64> {
        let b = self.read(vm, n)?;
        Ok(b.iter()
            .rev()
            .fold(0u64, |acc, &x| (acc << 8) | u64::from(x)))
    }

    fn size(&mut self, vm: &mut Vm, n: usize) -> PyResult<usize> {
        let v = self.uint(vm, n)?;
        usize::try_from(v).map_err(|_| Self::truncated(vm))
    }

    /// A line, newline included (`_Unpickler_Readline`).
    fn line(&mut self, vm: &mut Vm) -> PyResult<&[u8]> {
        let rest = &self.data[self.pos..];
        match rest.iter().position(|&c| c == b'\n') {
            Some(i) => {
                self.pos += i + 1;
                Ok(&rest[..=i])
            }
            None => Err(Self::truncated(vm)),
        }
    }

    /// A line without its newline, as text (ASCII/Latin-1 bytes as code points).
    fn text_line(&mut self, vm: &mut Vm) -> PyResult<String> {
        let l = self.line(vm)?;
        Ok(l[..l.len() - 1].iter().map(|&c| char::from(c)).collect())
    }

    fn fence(&self) -> usize {
        self.marks.last().copied().unwrap_or(0)
    }

    fn underflow(&self, vm: &mut Vm) -> PyErr {
        if self.marks.is_empty() {
            unpickling_error(vm, "unpickling stack underflow")
        } else {
            unpickling_error(vm, "unexpected MARK found")
        }
    }

    fn pop(&mut self, vm: &mut Vm) -> PyResult<Value> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow(vm));
        }
        Ok(self.stack.pop().unwrap_or(Value::None))
    }

    fn top(&self, vm: &mut Vm) -> PyResult<Value> {
        if self.stack.len() <= self.fence() {
            return Err(self.underflow(vm));
        }
        Ok(self.stack.last().cloned().unwrap_or(Value::None))
    }

    /// The items above the last mark, which is removed (`marker` + `Pdata_poplist`).
    fn pop_mark(&mut self, vm: &mut Vm) -> PyResult<Vec<Value>> {
        let Some(m) = self.marks.pop() else {
            return Err(unpickling_error(vm, "could not find MARK"));
        };
        Ok(self.stack.split_off(m.min(self.stack.len())))
    }

    /// The index of the last mark, which is removed, for opcodes that work in place.
    fn mark_index(&mut self, vm: &mut Vm) -> PyResult<usize> {
        match self.marks.pop() {
            Some(m) => Ok(m),
            None => Err(unpickling_error(vm, "could not find MARK")),
        }
    }

    fn memo_get(&mut self, vm: &mut Vm, idx: u64) -> PyResult<()> {
        match self.memo.get(&idx) {
            Some(v) => {
                let v = v.clone();
                self.stack.push(v);
                Ok(())
            }
            None => Err(unpickling_error(
                vm,
                format!("Memo value not found at index {idx}"),
            )),
        }
    }

    fn memo_put(&mut self, vm: &mut Vm, idx: u64) -> PyResult<()> {
        let v = self.top(vm)?;
        self.memo.insert(idx, v);
        Ok(())
    }

    /// The decimal argument of `PUT` and `GET` (`PyLong_FromString(s, NULL, 10)`).
    fn text_index(&mut self, vm: &mut Vm) -> PyResult<i64> {
        let s = self.text_line(vm)?;
        if s.is_empty() {
            return Err(Self::truncated(vm));
        }
        match s.parse::<i64>() {
            Ok(i) if !s.starts_with('+') => Ok(i),
            _ => {
                let v = int_from_text(vm, &s, 10)?;
                vm.index_to_i64(&v)
            }
        }
    }

    fn push_str(&mut self, vm: &mut Vm, n: usize) -> PyResult<()> {
        let b = self.read(vm, n)?;
        let v = match std::str::from_utf8(b) {
            Ok(s) => vm.new_str(s),
            Err(_) => {
                let b = b.to_vec();
                let s = crate::objects::codecs::decode(vm, &b, "utf-8", "surrogatepass")?;
                vm.new_pystr(s)
            }
        };
        self.stack.push(v);
        Ok(())
    }

    fn push_bytes(&mut self, vm: &mut Vm, n: usize) -> PyResult<()> {
        let b = self.read(vm, n)?.to_vec();
        let v = vm.new_bytes(b);
        self.stack.push(v);
        Ok(())
    }

    fn push_binstring(&mut self, vm: &mut Vm, n: usize) -> PyResult<()> {
        let b = self.read(vm, n)?.to_vec();
        let raw = vm.new_bytes(b);
        let v = helper(
            vm,
            "_krait_string",
            &[
                raw,
                self.opts.encoding.clone(),
                self.opts.errors.clone(),
                Value::bool(false),
            ],
        )?;
        self.stack.push(v);
        Ok(())
    }

    fn find_class(&mut self, vm: &mut Vm, module: Value, name: Value) -> PyResult<Value> {
        let proto = Value::Int(i64::from(self.proto));
        helper(
            vm,
            "_krait_find_class",
            &[module, name, proto, self.opts.fix_imports.clone()],
        )
    }

    fn utf8_line(&mut self, vm: &mut Vm) -> PyResult<Value> {
        let l = self.line(vm)?;
        let b = l[..l.len() - 1].to_vec();
        let s = crate::objects::codecs::decode(vm, &b, "utf-8", "strict")?;
        Ok(vm.new_pystr(s))
    }

    fn run(&mut self, vm: &mut Vm) -> PyResult<Value> {
        loop {
            let Some(&op) = self.data.get(self.pos) else {
                let t = vm.types.eof_error.clone();
                return Err(vm.new_exception_msg(&t, "Ran out of input"));
            };
            self.pos += 1;
            match op {
                b'.' => return self.pop(vm),
                0x80 => {
                    let p = self.byte(vm)?;
                    if p > HIGHEST_PROTOCOL {
                        return Err(vm.value_error(format!("unsupported pickle protocol: {p}")));
                    }
                    self.proto = p;
                }
                0x95 => {
                    let n = self.size(vm, 8)?;
                    if self.pos.checked_add(n).is_none_or(|e| e > self.data.len()) {
                        return Err(Self::truncated(vm));
                    }
                }
                b'(' => self.marks.push(self.stack.len()),
                b'0' => {
                    if self.stack.len() > self.fence() {
                        self.stack.pop();
                    } else if self.marks.pop().is_none() {
                        return Err(self.underflow(vm));
                    }
                }
                b'1' => {
                    self.pop_mark(vm)?;
                }
                b'2' => {
                    let v = self.top(vm)?;
                    self.stack.push(v);
                }
                b'N' => self.stack.push(Value::None),
                0x88 => self.stack.push(Value::bool(true)),
                0x89 => self.stack.push(Value::bool(false)),
                b'I' => {
                    let s = self.text_line(vm)?;
                    let v = match s.as_str() {
                        "00" => Value::bool(false),
                        "01" => Value::bool(true),
                        _ => match s.parse::<i64>() {
                            Ok(i) if !s.starts_with('+') => Value::Int(i),
                            _ => match int_from_text(vm, &s, 0) {
                                Ok(v) => v,
                                Err(e) if vm.err_matches(&e, &vm.types.value_error.clone()) => {
                                    return Err(vm.value_error("could not convert string to int"));
                                }
                                Err(e) => return Err(e),
                            },
                        },
                    };
                    self.stack.push(v);
                }
                b'L' => {
                    let mut s = self.text_line(vm)?;
                    if s.ends_with('L') {
                        s.pop();
                    }
                    let v = int_from_text(vm, &s, 0)?;
                    self.stack.push(v);
                }
                b'J' => {
                    let b = self.read(vm, 4)?;
                    let i = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    self.stack.push(Value::Int(i64::from(i)));
                }
                b'K' => {
                    let b = self.byte(vm)?;
                    self.stack.push(Value::Int(i64::from(b)));
                }
                b'M' => {
                    let i = self.uint(vm, 2)?;
                    self.stack.push(Value::Int(i as i64));
                }
                0x8a | 0x8b => {
                    let n = if op == 0x8a {
                        usize::from(self.byte(vm)?)
                    } else {
                        let b = self.read(vm, 4)?;
                        let n = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                        if n < 0 {
                            return Err(unpickling_error(
                                vm,
                                "LONG pickle has negative byte count",
                            ));
                        }
                        n as usize
                    };
                    let b = self.read(vm, n)?;
                    let v = if n == 0 {
                        Value::Int(0)
                    } else {
                        Value::from_bigint(BigInt::from_signed_bytes_le(b), vm)
                    };
                    self.stack.push(v);
                }
                b'F' => {
                    let s = self.text_line(vm)?;
                    let v = match s.trim_start().parse::<f64>() {
                        Ok(f) if !s.contains(['_', 'i', 'n', 'I', 'N']) => Value::float(f),
                        _ => {
                            let fl = Value::Obj(vm.types.float.clone());
                            let arg = vm.new_str(&s);
                            match vm.call_pos(&fl, &[arg]) {
                                Ok(v) => v,
                                Err(e) if vm.err_matches(&e, &vm.types.value_error.clone()) => {
                                    return Err(vm.value_error("could not convert string to float"));
                                }
                                Err(e) => return Err(e),
                            }
                        }
                    };
                    self.stack.push(v);
                }
                b'G' => {
                    let b = self.read(vm, 8)?;
                    let mut w = [0u8; 8];
                    w.copy_from_slice(b);
                    self.stack.push(Value::float(f64::from_be_bytes(w)));
                }
                b'X' => {
                    let n = self.size(vm, 4)?;
                    self.push_str(vm, n)?;
                }
                0x8c => {
                    let n = usize::from(self.byte(vm)?);
                    self.push_str(vm, n)?;
                }
                0x8d => {
                    let n = self.size(vm, 8)?;
                    self.push_str(vm, n)?;
                }
                b'V' => {
                    let l = self.line(vm)?;
                    let b = l[..l.len() - 1].to_vec();
                    let s = crate::objects::codecs::decode(vm, &b, "raw-unicode-escape", "strict")?;
                    let v = vm.new_pystr(s);
                    self.stack.push(v);
                }
                b'B' => {
                    let n = self.size(vm, 4)?;
                    self.push_bytes(vm, n)?;
                }
                b'C' => {
                    let n = usize::from(self.byte(vm)?);
                    self.push_bytes(vm, n)?;
                }
                0x8e => {
                    let n = self.size(vm, 8)?;
                    self.push_bytes(vm, n)?;
                }
                0x96 => {
                    let n = self.size(vm, 8)?;
                    let b = self.read(vm, n)?.to_vec();
                    let v = vm.new_bytearray(b);
                    self.stack.push(v);
                }
                b'S' => {
                    let l = self.line(vm)?;
                    let raw = vm.new_bytes(l[..l.len() - 1].to_vec());
                    let v = helper(
                        vm,
                        "_krait_string",
                        &[
                            raw,
                            self.opts.encoding.clone(),
                            self.opts.errors.clone(),
                            Value::bool(true),
                        ],
                    )?;
                    self.stack.push(v);
                }
                b'T' => {
                    let b = self.read(vm, 4)?;
                    let n = i32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                    if n < 0 {
                        return Err(Self::truncated(vm));
                    }
                    self.push_binstring(vm, n as usize)?;
                }
                b'U' => {
                    let n = usize::from(self.byte(vm)?);
                    self.push_binstring(vm, n)?;
                }
                b']' => {
                    let v = vm.new_list(Vec::new());
                    self.stack.push(v);
                }
                b')' => {
                    let v = vm.new_tuple(Vec::new());
                    self.stack.push(v);
                }
                b'}' => {
                    let v = Value::Obj(vm.new_dict());
                    self.stack.push(v);
                }
                0x8f => {
                    let v = vm.new_set_from(Vec::new())?;
                    self.stack.push(v);
                }
                b'l' => {
                    let items = self.pop_mark(vm)?;
                    let v = vm.new_list(items);
                    self.stack.push(v);
                }
                b't' => {
                    let items = self.pop_mark(vm)?;
                    let v = vm.new_tuple(items);
                    self.stack.push(v);
                }
                0x85..=0x87 => {
                    let n = usize::from(op - 0x84);
                    if self.stack.len() < self.fence() + n {
                        return Err(self.underflow(vm));
                    }
                    let items = self.stack.split_off(self.stack.len() - n);
                    let v = vm.new_tuple(items);
                    self.stack.push(v);
                }
                b'd' => {
                    let items = self.pop_mark(vm)?;
                    if !items.len().is_multiple_of(2) {
                        return Err(unpickling_error(vm, "odd number of items for DICT"));
                    }
                    let d = vm.new_dict();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        vm.dict_set(&d, k, v)?;
                    }
                    self.stack.push(Value::Obj(d));
                }
                0x91 => {
                    let items = self.pop_mark(vm)?;
                    let v = vm.new_frozenset_from(items)?;
                    self.stack.push(v);
                }
                b'a' => {
                    let item = self.pop(vm)?;
                    let list = self.top(vm)?;
                    self.append(vm, &list, vec![item])?;
                }
                b'e' => {
                    let m = self.mark_index(vm)?;
                    if m <= self.fence() || m > self.stack.len() {
                        return Err(self.underflow(vm));
                    }
                    if m == self.stack.len() {
                        continue;
                    }
                    let items = self.stack.split_off(m);
                    let list = self.stack[m - 1].clone();
                    self.append(vm, &list, items)?;
                }
                b's' => {
                    let v = self.pop(vm)?;
                    let k = self.pop(vm)?;
                    let d = self.top(vm)?;
                    set_item(vm, &d, k, v)?;
                }
                b'u' => {
                    let m = self.mark_index(vm)?;
                    if m <= self.fence() || m > self.stack.len() {
                        return Err(self.underflow(vm));
                    }
                    if m == self.stack.len() {
                        continue;
                    }
                    let items = self.stack.split_off(m);
                    if !items.len().is_multiple_of(2) {
                        return Err(unpickling_error(vm, "odd number of items for SETITEMS"));
                    }
                    let d = self.stack[m - 1].clone();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        set_item(vm, &d, k, v)?;
                    }
                }
                0x90 => {
                    let m = self.mark_index(vm)?;
                    if m <= self.fence() || m > self.stack.len() {
                        return Err(self.underflow(vm));
                    }
                    if m == self.stack.len() {
                        continue;
                    }
                    let items = self.stack.split_off(m);
                    let set = self.stack[m - 1].clone();
                    let add = vm.getattr_str(&set, "add")?;
                    for it in items {
                        vm.call_pos(&add, &[it])?;
                    }
                }
                b'g' => {
                    let i = self.text_index(vm)?;
                    self.memo_get(vm, i as u64)?;
                }
                b'h' => {
                    let i = u64::from(self.byte(vm)?);
                    self.memo_get(vm, i)?;
                }
                b'j' => {
                    let i = self.uint(vm, 4)?;
                    self.memo_get(vm, i)?;
                }
                b'p' => {
                    self.top(vm)?;
                    let i = self.text_index(vm)?;
                    if i < 0 {
                        return Err(vm.value_error("negative PUT argument"));
                    }
                    self.memo_put(vm, i as u64)?;
                }
                b'q' => {
                    let i = u64::from(self.byte(vm)?);
                    self.memo_put(vm, i)?;
                }
                b'r' => {
                    let i = self.uint(vm, 4)?;
                    self.memo_put(vm, i)?;
                }
                0x94 => {
                    let i = self.memo.len() as u64;
                    self.memo_put(vm, i)?;
                }
                b'c' => {
                    let module = self.utf8_line(vm)?;
                    let name = self.utf8_line(vm)?;
                    let v = self.find_class(vm, module, name)?;
                    self.stack.push(v);
                }
                0x93 => {
                    let name = self.pop(vm)?;
                    let module = self.pop(vm)?;
                    let is_str = |v: &Value, vm: &Vm| matches!(v, Value::Obj(o) if o.class_is(&vm.types.str));
                    if !is_str(&name, vm) || !is_str(&module, vm) {
                        return Err(unpickling_error(vm, "STACK_GLOBAL requires str"));
                    }
                    let v = self.find_class(vm, module, name)?;
                    self.stack.push(v);
                }
                b'R' => {
                    let args = self.pop(vm)?;
                    let callable = self.pop(vm)?;
                    let items = match args.payload() {
                        Some(Payload::Tuple(t)) => t.to_vec(),
                        _ => return Err(vm.type_error("argument list must be a tuple")),
                    };
                    let v = vm.call_pos(&callable, &items)?;
                    self.stack.push(v);
                }
                0x81 => {
                    let args = self.pop(vm)?;
                    let cls = self.pop(vm)?;
                    let v = helper(vm, "_krait_newobj", &[cls, args])?;
                    self.stack.push(v);
                }
                0x92 => {
                    let kwargs = self.pop(vm)?;
                    let args = self.pop(vm)?;
                    let cls = self.pop(vm)?;
                    let v = helper(vm, "_krait_newobj_ex", &[cls, args, kwargs])?;
                    self.stack.push(v);
                }
                b'b' => {
                    let state = self.pop(vm)?;
                    let inst = self.top(vm)?;
                    helper(vm, "_krait_build", &[inst, state])?;
                }
                b'i' => {
                    let module = self.utf8_line(vm)?;
                    let name = self.utf8_line(vm)?;
                    let items = self.pop_mark(vm)?;
                    let cls = self.find_class(vm, module, name)?;
                    let args = vm.new_tuple(items);
                    let v = helper(vm, "_krait_instantiate", &[cls, args])?;
                    self.stack.push(v);
                }
                b'o' => {
                    let mut items = self.pop_mark(vm)?;
                    if items.is_empty() {
                        return Err(self.underflow(vm));
                    }
                    let cls = items.remove(0);
                    let args = vm.new_tuple(items);
                    let v = helper(vm, "_krait_instantiate", &[cls, args])?;
                    self.stack.push(v);
                }
                0x82..=0x84 => {
                    let n = match op {
                        0x82 => 1,
                        0x83 => 2,
                        _ => 4,
                    };
                    let code = self.uint(vm, n)?;
                    let proto = Value::Int(i64::from(self.proto));
                    let fix = self.opts.fix_imports.clone();
                    let v = helper(vm, "_krait_ext", &[Value::Int(code as i64), proto, fix])?;
                    self.stack.push(v);
                }
                b'P' | b'Q' => {
                    if op == b'P' {
                        self.line(vm)?;
                    }
                    return Err(unpickling_error(
                        vm,
                        "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.",
                    ));
                }
                0x97 => {
                    return Err(unpickling_error(
                        vm,
                        "pickle stream refers to out-of-band data but no *buffers* argument was given",
                    ));
                }
                0x98 => {
                    let v = self.pop(vm)?;
                    let v = helper(vm, "_krait_readonly", &[v])?;
                    self.stack.push(v);
                }
                c => {
                    let msg = if (0x20..=0x7e).contains(&c) && c != b'\'' && c != b'\\' {
                        format!("invalid load key, '{}'.", char::from(c))
                    } else {
                        format!("invalid load key, '\\x{c:02x}'.")
                    };
                    return Err(unpickling_error(vm, msg));
                }
            }
        }
    }

    /// `APPEND`/`APPENDS` (`do_append`): a list grows in place; another object is given
    /// the items through its `extend`, or its `append` one by one.
    fn append(&mut self, vm: &mut Vm, list: &Value, items: Vec<Value>) -> PyResult<()> {
        if let Value::Obj(o) = list
            && o.class_is(&vm.types.list)
            && let Payload::List(l) = &o.payload
        {
            let mut l = l.borrow_mut();
            for it in items {
                l.push(it);
            }
            return Ok(());
        }
        let k = vm.intern("extend");
        if let Some(extend) = vm.getattr_opt(list, &k)? {
            let l = vm.new_list(items);
            vm.call_pos(&extend, &[l])?;
            return Ok(());
        }
        let append = vm.getattr_str(list, "append")?;
        for it in items {
            vm.call_pos(&append, &[it])?;
        }
        Ok(())
    }
}

fn set_item(vm: &mut Vm, d: &Value, k: Value, v: Value) -> PyResult<()> {
    if let Value::Obj(o) = d
        && o.class_is(&vm.types.dict)
    {
        return vm.dict_set(o, k, v);
    }
    vm.setitem(d, k, v)
}

/// `int(s, base)` with Python's messages.
fn int_from_text(vm: &mut Vm, s: &str, base: i64) -> PyResult<Value> {
    let int = Value::Obj(vm.types.int.clone());
    let arg = vm.new_str(s);
    vm.call_pos(&int, &[arg, Value::Int(base)])
}

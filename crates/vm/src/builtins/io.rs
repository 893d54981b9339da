//! `open()` and its file objects (CPython: `Modules/_io`): `FileIO` (raw, `buffering=0`),
//! `BufferedReader`/`BufferedWriter`/`BufferedRandom` and `TextIOWrapper`, over a descriptor
//! of the interpreter's `Host`. One state per open file is shared by its layers (`f.buffer`,
//! `f.raw`). Writes are buffered (8 KiB, as `io.DEFAULT_BUFFER_SIZE`) and flushed on
//! `flush`, `seek`, reads, `close`, when the object is freed (its `__del__`, queued as
//! CPython's finalizer) and at interpreter exit (`Vm::close_open_files`).
//!
//! Text mode supports universal newlines (`newline=None`), `''`, `'\n'`, `'\r'`, `'\r\n'`,
//! and the encodings of `codecs`. Reading in text mode loads the rest of the file at the
//! first read, so `tell()` is the byte offset (CPython's cookie for stateless decoders).

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use crate::host::oflags::*;
use crate::native::method_args;
use crate::object::{ObjRef, Payload};
use crate::objects::function::Args;
use crate::objects::str::PyStr;
use crate::objects::typeobj::{BuiltinKind, Layout, type_data};
use crate::value::Value;
use crate::{PyErr, PyResult, Vm};

const BUFFER_SIZE: usize = 8192;

/// The per-interpreter `_io` state: the file types, the open files (for exit) and the
/// standard streams' shared states (see `io_std.rs`).
#[derive(Default)]
pub struct IoState {
    types: Option<IoTypes>,
    text_type: Option<ObjRef>,
    open: Vec<Weak<RefCell<FileState>>>,
    pub(super) std: [Option<Rc<RefCell<FileState>>>; 3],
}

#[derive(Clone)]
struct IoTypes {
    file_io: ObjRef,
    reader: ObjRef,
    writer: ObjRef,
    random: ObjRef,
    text: ObjRef,
    unsupported: ObjRef,
}

/// Which layer of a file an object is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// `FileIO`
    Raw,
    /// `BufferedReader`/`BufferedWriter`/`BufferedRandom`
    Buffered,
    /// `TextIOWrapper`
    Text,
}

pub(super) struct TextCfg {
    pub(super) encoding: String,
    pub(super) errors: String,
    pub(super) newline: Option<String>,
    /// Flush the buffer when a write holds `\n` or `\r` (CPython's `line_buffering`).
    pub(super) line_buffering: bool,
    /// Hand every write to the buffer at once (`write_through`).
    pub(super) write_through: bool,
    /// `_CHUNK_SIZE` (kept for the program: reads here take the rest of the file at once).
    pub(super) chunk_size: i64,
    /// A write has gone out (for an encoding with a BOM on a stream with no position).
    pub(super) wrote: bool,
}

impl TextCfg {
    pub(super) fn new(
        encoding: Option<String>,
        errors: Option<String>,
        newline: Option<String>,
    ) -> TextCfg {
        TextCfg {
            encoding: encoding.unwrap_or_else(|| String::from("UTF-8")),
            errors: errors.unwrap_or_else(|| String::from("strict")),
            newline,
            line_buffering: false,
            write_through: false,
            chunk_size: 8192,
            wrote: false,
        }
    }
}

/// An open file shared by its layers.
pub struct FileState {
    pub(super) fd: i32,
    pub(super) closefd: bool,
    pub(super) closed: bool,
    pub(super) readable: bool,
    pub(super) writable: bool,
    pub(super) raw_mode: &'static str,
    pub(super) mode: String,
    pub(super) name: Value,
    /// The buffered layer's unwritten bytes.
    pub(super) wbuf: Vec<u8>,
    /// The read-ahead, `rbuf[rpos..]` unread. After a text-layer read it is the text
    /// layer's (`text_owns`), as CPython's TextIOWrapper owns the chunks it took from its
    /// buffer; the first binary-layer operation then moves it to `held`.
    pub(super) rbuf: Vec<u8>,
    pub(super) rpos: usize,
    /// The last read was the text layer's: the unread read-ahead is its.
    pub(super) text_owns: bool,
    /// The text layer's unread bytes set aside while a binary layer reads (CPython's
    /// decoded chars): the text layer's next operation reads them before the read-ahead.
    pub(super) held: Vec<u8>,
    /// The text layer's encoded bytes not yet handed to the buffered layer (CPython's
    /// `pending_bytes`): a binary write in between goes out first, as in CPython.
    pub(super) pending: Vec<u8>,
    pub(super) text: Option<TextCfg>,
    /// A standard stream: the raw layer reads and writes through the Host's standard-stream
    /// calls (which the sandbox and embedders capture), not through a descriptor.
    pub(super) std: bool,
    /// The buffered layer holds nothing back (`-u`: CPython's `sys.stdout.buffer` is then the
    /// `FileIO` itself).
    pub(super) unbuffered: bool,
}

impl FileState {
    /// Forget everything read ahead, the text layer's included.
    fn clear_readahead(&mut self) {
        self.rbuf.clear();
        self.rpos = 0;
        self.text_owns = false;
        self.held.clear();
    }

    /// Hand the read-ahead to the layer about to run (CPython's layers each keep their own
    /// buffer: a binary read after a text read starts after the chunks the text layer took).
    #[inline]
    fn switch_layer(&mut self, layer: Layer) {
        if layer == Layer::Text {
            if !self.held.is_empty() {
                // The text layer's bytes first, then what the binary layer left buffered
                // (CPython's next chunk, `read1`, returns that first).
                let mut held = std::mem::take(&mut self.held);
                held.extend_from_slice(&self.rbuf[self.rpos..]);
                self.rbuf = held;
                self.rpos = 0;
                self.text_owns = true;
            }
        } else if self.text_owns {
            self.text_owns = false;
            let p = self.rpos;
            self.held = self.rbuf.split_off(p);
            self.rbuf.clear();
            self.rpos = 0;
        }
    }

    pub(super) fn new(fd: i32, name: Value, readable: bool, writable: bool) -> FileState {
        FileState {
            fd,
            closefd: true,
            closed: false,
            readable,
            writable,
            raw_mode: if readable { "rb" } else { "wb" },
            mode: String::from(if readable { "r" } else { "w" }),
            name,
            wbuf: Vec::new(),
            rbuf: Vec::new(),
            rpos: 0,
            text_owns: false,
            held: Vec::new(),
            pending: Vec::new(),
            text: None,
            std: false,
            unbuffered: false,
        }
    }
}

/// The payload of a file object.
pub struct FileObj {
    /// Replaced by `__init__` (CPython's `_io` types take their arguments there, so a
    /// subclass may give `__init__` another signature).
    st: RefCell<Rc<RefCell<FileState>>>,
    layer: Layer,
    /// `__init__` has run (`__new__` alone makes an object every operation refuses, as
    /// CPython's "I/O operation on uninitialized object").
    ready: Cell<bool>,
    /// A buffered or text layer over something that is not a native file (a `BytesIO`, gzip's
    /// `_GzipReader`): `_pyio`'s class of the same name, whose methods and properties run on
    /// this object (its state in the instance `__dict__`), so that what a subclass or the
    /// instance overrides is seen by the rest as in CPython.
    delegate: RefCell<Option<Value>>,
    /// The layer below (`buffer`, `raw`) once asked for: the same object every time.
    below: RefCell<Option<Value>>,
    /// `detach()` was called: every operation now fails.
    detached: Cell<bool>,
    /// For a delegated file: the attributes `_pyio`'s code keeps on `self` (`_raw`,
    /// `_read_buf`, ...; [`PYIO_STATE`]), kept out of the instance `__dict__`, which CPython's
    /// C objects leave empty.
    pyio_state: RefCell<Option<ObjRef>>,
}

/// The attributes `_pyio`'s buffered and text classes set on `self`.
const PYIO_STATE: &[&str] = &[
    "_raw",
    "buffer_size",
    "_read_buf",
    "_read_pos",
    "_read_lock",
    "_write_buf",
    "_write_lock",
    "_buffer",
    "_encoding",
    "_errors",
    "_encoder",
    "_decoder",
    "_decoded_chars",
    "_decoded_chars_used",
    "_snapshot",
    "_seekable",
    "_telling",
    "_has_read1",
    "_b2cratio",
    "_readuniversal",
    "_readtranslate",
    "_readnl",
    "_writetranslate",
    "_writenl",
    "_line_buffering",
    "_write_through",
    "_CHUNK_SIZE",
    "_IOBase__closed",
];

impl FileObj {
    /// A text file of exactly `_io.TextIOWrapper` (whose `write` nothing overrides), usable.
    pub(super) fn is_plain_text(&self, vm: &mut Vm, obj: &Value) -> bool {
        self.layer == Layer::Text
            && !self.detached.get()
            && self.ready.get()
            && self.delegate.borrow().is_none()
            && vm
                .io
                .text_type
                .as_ref()
                .is_some_and(|t| matches!(obj, Value::Obj(o) if o.class_is(t)))
    }

    /// The values this object holds, for the cycle collector.
    pub fn referents(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(b) = self.below.try_borrow()
            && let Some(v) = &*b
        {
            visit(v);
        }
        if let Ok(d) = self.delegate.try_borrow()
            && let Some(v) = &*d
        {
            visit(v);
        }
        if let Ok(d) = self.pyio_state.try_borrow()
            && let Some(d) = &*d
        {
            visit(&Value::Obj(d.clone()));
        }
    }
}

/// Add instance methods to the file type `$ty` (a name known only at run time), each behind
/// [`check_receiver`]: one wrapper per type and method, as CPython's method descriptors each
/// know their type, so `io.FileIO.read(a_buffered_file)` is refused rather than run.
macro_rules! checked_methods {
    ($vm:expr, $t:expr, $ty:expr; $( $name:literal => $f:ident, $doc:literal; )*) => {
        match $ty {
            "FileIO" => checked_methods!(@for $vm, $t, "FileIO"; $( $name => $f, $doc; )*),
            "BufferedReader" => {
                checked_methods!(@for $vm, $t, "BufferedReader"; $( $name => $f, $doc; )*)
            }
            "BufferedWriter" => {
                checked_methods!(@for $vm, $t, "BufferedWriter"; $( $name => $f, $doc; )*)
            }
            "BufferedRandom" => {
                checked_methods!(@for $vm, $t, "BufferedRandom"; $( $name => $f, $doc; )*)
            }
            _ => checked_methods!(@for $vm, $t, "TextIOWrapper"; $( $name => $f, $doc; )*),
        }
    };
    (@for $vm:expr, $t:expr, $ty:literal; $( $name:literal => $f:ident, $doc:literal; )*) => {
        $vm.add_methods(
            $t,
            &[$(crate::objects::function::MethodDef {
                name: $name,
                func: {
                    fn checked(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
                        check_receiver(vm, &args, $ty, $name)?;
                        $f(vm, args)
                    }
                    checked
                },
                kind: crate::objects::function::MethodKind::Instance,
                doc: $doc,
            },)*],
        )
    };
}

/// `self` of a file method called through the class (`io.FileIO.read(x)`) must be an instance
/// of that class (CPython's `descr_check`); called through an instance it always is.
fn check_receiver(vm: &mut Vm, args: &Args<'_>, ty: &str, name: &str) -> PyResult<()> {
    let Some(Value::Obj(o)) = args.pos().first() else {
        return match args.pos().first() {
            None => Ok(()),
            Some(v) => Err(wrong_receiver(vm, v, ty, name)),
        };
    };
    let t = if ty == "TextIOWrapper" {
        vm.io.text_type.as_ref()
    } else {
        vm.io.types.as_ref().map(|t| match ty {
            "FileIO" => &t.file_io,
            "BufferedReader" => &t.reader,
            "BufferedWriter" => &t.writer,
            _ => &t.random,
        })
    };
    let ok = match t {
        Some(t) => o.class_is(t) || crate::objects::typeobj::is_subtype(&o.class(), t),
        None => true,
    };
    if ok {
        Ok(())
    } else {
        Err(wrong_receiver(vm, &args.pos()[0], ty, name))
    }
}

fn wrong_receiver(vm: &mut Vm, v: &Value, ty: &str, name: &str) -> PyErr {
    let got = io_tp_name(vm, v);
    // A slot's wrapper (`__repr__`, `__next__`) words it as `__init__`'s does.
    if name.starts_with("__") && !matches!(name, "__enter__" | "__exit__") {
        return vm.type_error(format!(
            "descriptor '{name}' requires a '_io.{ty}' object but received a '{got}'"
        ));
    }
    vm.type_error(format!(
        "descriptor '{name}' for '_io.{ty}' objects doesn't apply to a '{got}' object"
    ))
}

/// One of the native file types, with its methods.
fn make_file_type(vm: &mut Vm, name: &str) -> ObjRef {
    let object = vm.types.object.clone();
    let t = vm.make_type(name, Some(&object), Layout::Builtin(BuiltinKind::Other));

    let m = vm.new_str("_io");
    vm.set_type_attr(&t, "__module__", m);
    checked_methods!(vm, &t, name;
        "read" => file_read, "Read and return up to n bytes or characters.";
        "readline" => file_readline, "Read until newline or EOF.";
        "readlines" => file_readlines, "Return a list of lines from the stream.";
        "write" => file_write, "Write to the stream.";
        "writelines" => file_writelines, "Write a list of lines to stream.";
        "flush" => file_flush, "Flush write buffers.";
        "close" => file_close, "Flush and close the IO object.";
        "seek" => file_seek, "Change the stream position.";
        "tell" => file_tell, "Return current stream position.";
        "truncate" => file_truncate, "Truncate file to size bytes.";
        "fileno" => file_fileno, "Return the underlying file descriptor.";
        "isatty" => file_isatty, "Return whether this is an 'interactive' stream.";
        "readable" => file_readable, "Return whether object was opened for reading.";
        "writable" => file_writable, "Return whether object was opened for writing.";
        "seekable" => file_seekable, "Return whether object supports random access.";
        "__iter__" => file_iter, "Implement iter(self).";
        "__next__" => file_next, "Implement next(self).";
        "__enter__" => file_iter, "";
        "__exit__" => file_exit, "";
        "__del__" => file_del, "";
        "__repr__" => file_repr, "Return repr(self).";
    );
    vm.add_methods(
        &t,
        crate::methods![method "__getattr__" => file_getattr, "";],
    );
    if name != "TextIOWrapper" {
        checked_methods!(vm, &t, name;
            "readall" => file_readall, "Read until EOF.";
            "readinto" => file_readinto, "Read bytes into a writable buffer.";
        );
    }
    if name != "TextIOWrapper" && name != "FileIO" {
        checked_methods!(vm, &t, name;
            "read1" => file_read1, "Read and return up to n bytes, with at most one raw read.";
            "readinto1" => file_readinto1, "Read bytes into a writable buffer, with at most one raw read.";
            "peek" => file_peek, "Return buffered bytes without advancing the position.";
            "detach" => file_detach, "Disconnect this buffer from its underlying raw stream and return it.";
        );
    }
    let ctor: crate::objects::function::NativeFn = match name {
        "FileIO" => fileio_new,
        "TextIOWrapper" => textio_new,
        _ => buffered_new,
    };
    let init: crate::objects::function::NativeFn = match name {
        "FileIO" => fileio_init,
        "TextIOWrapper" => textio_init,
        "BufferedWriter" => writer_init,
        "BufferedRandom" => random_init,
        _ => reader_init,
    };
    vm.add_methods(
        &t,
        crate::methods![
            staticmethod "__new__" => ctor, "Create and return a new object.";
            method "__init__" => init, "Initialize self.  See help(type(self)) for accurate signature.";
        ],
    );
    vm.add_getset(
        &t,
        "__dict__",
        crate::objects::object::instance_dict_get,
        Some(crate::objects::object::instance_dict_set),
    );
    vm.add_getset(&t, "closed", file_closed, None);
    let set_name: Option<fn(&mut Vm, &Value, Option<Value>) -> PyResult<()>> = if name == "FileIO" {
        Some(file_set_name)
    } else {
        None
    };
    vm.add_getset(&t, "name", file_name, set_name);
    if name != "TextIOWrapper" {
        vm.add_getset(&t, "mode", file_mode, None);
    }
    match name {
        "TextIOWrapper" => {
            checked_methods!(vm, &t, name;
                "reconfigure" => file_reconfigure, "Reconfigure the text stream with new parameters.";
                "detach" => file_detach, "Separate the underlying buffer from the TextIOBase and return it.";
            );
            vm.add_getset(&t, "write_through", file_write_through, None);
            vm.add_getset(&t, "buffer", file_buffer, None);
            vm.add_getset(&t, "encoding", file_encoding, None);
            vm.add_getset(&t, "errors", file_errors, None);
            vm.add_getset(&t, "newlines", file_newlines, None);
            vm.add_getset(&t, "line_buffering", file_line_buffering, None);
            vm.add_getset(
                &t,
                "_CHUNK_SIZE",
                file_chunk_size,
                Some(file_set_chunk_size),
            );
        }
        "FileIO" => vm.add_getset(&t, "closefd", file_closefd, None),
        _ => vm.add_getset(&t, "raw", file_raw, None),
    }
    type_data(&t).has_del.set(true);
    t
}

/// `_io.TextIOWrapper` alone: made at start-up for the standard streams, the other file
/// types only when a program first needs one (`io_types`).
pub(super) fn text_type(vm: &mut Vm) -> ObjRef {
    if let Some(t) = &vm.io.text_type {
        return t.clone();
    }
    let t = make_file_type(vm, "TextIOWrapper");
    vm.io.text_type = Some(t.clone());
    t
}

fn io_types(vm: &mut Vm) -> IoTypes {
    if let Some(t) = &vm.io.types {
        return t.clone();
    }
    let mut made = Vec::new();
    for name in [
        "FileIO",
        "BufferedReader",
        "BufferedWriter",
        "BufferedRandom",
    ] {
        made.push(make_file_type(vm, name));
    }
    made.push(text_type(vm));
    let bases = vm.new_tuple(vec![
        Value::Obj(vm.types.os_error.clone()),
        Value::Obj(vm.types.value_error.clone()),
    ]);
    let ns = vm.new_dict();
    let modname = vm.new_str("io");
    vm.set_dict_str(&ns, "__module__", modname);
    let name = vm.new_str("UnsupportedOperation");
    let ty = Value::Obj(vm.types.type_.clone());
    let unsupported = match vm.call_pos(&ty, &[name, bases, Value::Obj(ns)]) {
        Ok(Value::Obj(o)) => o,
        _ => vm.types.os_error.clone(),
    };
    let t = IoTypes {
        file_io: made[0].clone(),
        reader: made[1].clone(),
        writer: made[2].clone(),
        random: made[3].clone(),
        text: made[4].clone(),
        unsupported,
    };
    vm.io.types = Some(t.clone());
    t
}

/// `io.UnsupportedOperation(msg)`.
fn unsupported(vm: &mut Vm, msg: &str) -> PyErr {
    let t = io_types(vm).unsupported;
    vm.new_exception_msg(&t, msg)
}

pub(super) fn new_file_object(vm: &mut Vm, st: &Rc<RefCell<FileState>>, layer: Layer) -> Value {
    let t = io_types(vm);
    let cls = {
        let s = st.borrow();
        match layer {
            Layer::Raw => t.file_io,
            Layer::Text => t.text,
            Layer::Buffered if s.readable && s.writable => t.random,
            Layer::Buffered if s.writable => t.writer,
            Layer::Buffered => t.reader,
        }
    };
    let obj = file_instance(vm, cls, st.clone(), layer);
    if layer == Layer::Text {
        // CPython's `open()` stores the mode in the text wrapper's `__dict__`.
        let mode = vm.new_str(&st.borrow().mode);
        if let Some(d) = &obj.materialized_dict() {
            vm.set_dict_str(d, "mode", mode);
        }
    }
    Value::Obj(obj)
}

/// A file object of class `cls` with an instance `__dict__`, as CPython's `_io` objects have
/// (`tokenize.open` sets `mode` on a `TextIOWrapper`).
pub(super) fn file_instance(
    vm: &mut Vm,
    cls: ObjRef,
    st: Rc<RefCell<FileState>>,
    layer: Layer,
) -> ObjRef {
    let dict = vm.new_dict();
    let f = FileObj {
        st: RefCell::new(st),
        layer,
        ready: Cell::new(true),
        delegate: RefCell::new(None),
        below: RefCell::new(None),
        detached: Cell::new(false),
        pyio_state: RefCell::new(None),
    };
    ObjRef::with_dict(cls, Payload::File(Box::new(f)), dict)
}

fn normalize_encoding(e: &str) -> String {
    e.to_ascii_lowercase().replace('_', "-")
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
/// closefd=True, opener=None)`.
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
    let buffering = match &vals[2] {
        None => -1,
        Some(v) => vm.index_to_i64(v)?,
    };
    let str_opt = |vm: &mut Vm, v: &Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(v) => match v.payload() {
                Some(Payload::Str(_)) => Ok(Some(vm.str_text(v))),
                _ => Err(vm.type_error(format!(
                    "open() argument '{what}' must be str or None, not {}",
                    vm.type_name(v)
                ))),
            },
        }
    };
    // "locale" (what io.text_encoding(None) returns) means the locale's encoding: UTF-8.
    let encoding = str_opt(vm, &vals[3], "encoding")?.filter(|e| e != "locale");
    let errors = str_opt(vm, &vals[4], "errors")?;
    let newline = str_opt(vm, &vals[5], "newline")?;
    let closefd = match &vals[6] {
        None => true,
        Some(v) => vm.is_true(v)?,
    };
    let m = parse_mode(vm, &mode)?;
    if m.binary {
        if encoding.is_some() {
            return Err(vm.value_error("binary mode doesn't take an encoding argument"));
        }
        if errors.is_some() {
            return Err(vm.value_error("binary mode doesn't take an errors argument"));
        }
        if newline.is_some() {
            return Err(vm.value_error("binary mode doesn't take a newline argument"));
        }
    }
    if let Some(nl) = &newline
        && !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n")
    {
        return Err(vm.value_error(format!("illegal newline value: {nl}")));
    }
    if buffering == 0 && !m.binary {
        return Err(vm.value_error("can't have unbuffered text I/O"));
    }
    if buffering == 1 && m.binary {
        let w = vm.types.runtime_warning.clone();
        vm.warn(
            &w,
            "line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used",
        )?;
    }
    if let Some(e) = &encoding {
        crate::objects::codecs::check_encoding(vm, e)?;
    }
    let opener = vals[7].clone().filter(|o| !o.is_none());
    let text = if m.binary {
        None
    } else {
        let mut t = TextCfg::new(encoding, errors, newline);
        t.line_buffering = buffering == 1;
        Some(t)
    };
    let st = open_state(vm, &file, &m, &mode, closefd, opener.as_ref(), "open")?;
    st.borrow_mut().text = text;
    // CPython: a text file on a terminal is line-buffered unless `buffering` says otherwise.
    if buffering < 0 && !m.binary {
        let fd = st.borrow().fd;
        if vm.host.isatty(fd)
            && let Some(t) = &mut st.borrow_mut().text
        {
            t.line_buffering = true;
        }
    }
    let layer = if !m.binary {
        Layer::Text
    } else if buffering == 0 {
        Layer::Raw
    } else {
        Layer::Buffered
    };
    Ok(new_file_object(vm, &st, layer))
}

/// Open `file` (a path or a descriptor) for `m` through the host (CPython's `FileIO`
/// constructor): the shared state, registered for closing at exit.
fn open_state(
    vm: &mut Vm,
    file: &Value,
    m: &Mode,
    mode: &str,
    closefd: bool,
    opener: Option<&Value>,
    func: &str,
) -> PyResult<Rc<RefCell<FileState>>> {
    vm.run_finalizers();
    let (fd, name) = match file {
        Value::Int(n) => {
            let fd =
                i32::try_from(*n).map_err(|_| vm.overflow_error("fd is greater than maximum"))?;
            if fd < 0 {
                return Err(vm.value_error("negative file descriptor"));
            }
            // CPython's FileIO checks the descriptor with fstat (the standard streams are
            // left to the startup code, which tolerates a closed one).
            if fd > 2
                && let Err(e) = vm.host.fstat(fd)
                && e.raw_os_error() == Some(9)
            {
                return Err(vm.os_error_io(&e, None));
            }
            (fd, file.clone())
        }
        _ => {
            let p = match file.payload() {
                Some(Payload::Str(_) | Payload::Bytes(_)) => vm.path_arg(file, func, "file")?,
                _ if vm.lookup_special_str(file, "__fspath__").is_some() => {
                    vm.path_arg(file, func, "file")?
                }
                _ => {
                    return Err(vm.type_error(format!(
                        "expected str, bytes or os.PathLike object, not {}",
                        vm.type_name(file)
                    )));
                }
            };
            if !closefd {
                return Err(vm.value_error("Cannot use closefd=False with file name"));
            }
            let fd = match opener {
                Some(opener) => {
                    let r =
                        vm.call_pos(opener, &[p.obj.clone(), Value::Int(i64::from(m.flags))])?;
                    let n = vm.index_to_i64(&r)?;
                    if n < 0 {
                        return Err(vm.value_error(format!("opener returned {n}")));
                    }
                    i32::try_from(n).map_err(|_| vm.overflow_error("fd is greater than maximum"))?
                }
                None => match vm.retry_eintr(|vm| vm.host.open(&p.path, m.flags, 0o666))? {
                    Ok(fd) => fd,
                    Err(e) => return Err(vm.os_error_io(&e, Some(file))),
                },
            };
            match vm.host.fstat(fd) {
                Ok(s) if s.is_dir => {
                    let _ = vm.host.close(fd);
                    return Err(vm.os_error_errno(crate::host::errno::EISDIR, Some(file), None));
                }
                _ => {}
            }
            (fd, p.obj)
        }
    };
    if m.append {
        let _ = vm.host.seek(fd, 0, 2);
    }
    let mut state = FileState::new(fd, name, m.readable, m.writable);
    state.closefd = closefd;
    state.raw_mode = m.raw_mode;
    state.mode = mode.to_string();
    let st = Rc::new(RefCell::new(state));
    vm.io.open.retain(|w| w.strong_count() > 0);
    vm.io.open.push(Rc::downgrade(&st));
    Ok(st)
}

/// Bind `args` (after `cls`) to `names`, CPython's style of messages for `func`.
fn bind_new(
    vm: &mut Vm,
    args: &Args<'_>,
    func: &str,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = &args.pos()[1.min(args.pos().len())..];
    if pos.len() > names.len() {
        return Err(vm.type_error(format!(
            "{func}() takes at most {} arguments ({} given)",
            names.len(),
            pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, v) in pos.iter().enumerate() {
        out[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) if out[i].is_none() => out[i] = Some(v.clone()),
            Some(i) => {
                return Err(vm.type_error(format!(
                    "argument for {func}() given by name ('{kn}') and position ({})",
                    i + 1
                )));
            }
            None => {
                return Err(vm.type_error(format!(
                    "'{kn}' is an invalid keyword argument for {func}()"
                )));
            }
        }
    }
    for (i, name) in names.iter().enumerate().take(required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!(
                "{func}() missing required argument '{name}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// A state no descriptor stands behind: what `__new__` gives an object until `__init__`
/// (a `FileIO` made so is a closed file, fd -1, as in CPython).
fn placeholder_state() -> Rc<RefCell<FileState>> {
    let mut s = FileState::new(-1, Value::None, false, false);
    s.closed = true;
    s.closefd = false;
    Rc::new(RefCell::new(s))
}

/// `__new__` of the file types: CPython's generic `tp_new`, which ignores its arguments
/// (they are `__init__`'s, so a subclass's `__init__` may take others).
fn new_unready(vm: &mut Vm, args: &Args<'_>, name: &str, layer: Layer) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, args, name)?;
    let obj = file_instance(vm, cls, placeholder_state(), layer);
    if let Payload::File(f) = &obj.payload {
        f.ready.set(layer == Layer::Raw);
    }
    Ok(Value::Obj(obj))
}

fn fileio_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_unready(vm, &args, "FileIO", Layer::Raw)
}

fn buffered_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_unready(vm, &args, "BufferedReader", Layer::Buffered)
}

fn textio_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    new_unready(vm, &args, "TextIOWrapper", Layer::Text)
}

/// The file object `__init__` is given as `self`: an instance of `name`'s type (CPython's
/// `descr_check` on the slot wrapper), so `FileIO.__init__(a_buffered_file)` cannot re-point
/// the state another layer shares.
fn init_self<'a>(vm: &mut Vm, args: &'a Args<'_>, name: &str) -> PyResult<&'a FileObj> {
    let Some(this) = args.pos().first() else {
        return Err(vm.type_error(format!(
            "descriptor '__init__' of '_io.{name}' object needs an argument"
        )));
    };
    let ty = type_named(vm, name);
    let cls = vm.type_of(this);
    match this.payload() {
        Some(Payload::File(f)) if crate::objects::typeobj::is_subtype(&cls, &ty) => Ok(f),
        _ => {
            let got = io_tp_name(vm, this);
            Err(vm.type_error(format!(
                "descriptor '__init__' requires a '_io.{name}' object but received a '{got}'"
            )))
        }
    }
}

/// CPython's `tp_name` of `v`'s type: `_io.BytesIO` for the `_io` types (the native ones and
/// the prelude's), the bare name for the others (`int`, a subclass).
pub(crate) fn io_tp_name(vm: &mut Vm, v: &Value) -> String {
    let t = vm.type_of(v);
    let name = vm.type_name_of(&t);
    let module = vm
        .type_lookup_str(&t, "__module__")
        .filter(|m| matches!(m.payload(), Some(Payload::Str(_))))
        .map(|m| vm.str_text(&m));
    if module.as_deref() == Some("_io") {
        format!("_io.{name}")
    } else {
        name
    }
}

/// The native file type called `name`.
fn type_named(vm: &mut Vm, name: &str) -> ObjRef {
    let t = io_types(vm);
    match name {
        "FileIO" => t.file_io,
        "BufferedWriter" => t.writer,
        "BufferedRandom" => t.random,
        "TextIOWrapper" => t.text,
        _ => t.reader,
    }
}

/// The shared state of `v` when it is a usable native file a layer can sit on directly
/// (not one handing its work to `_pyio`, not uninitialized).
fn native_state(v: &Value) -> Option<Rc<RefCell<FileState>>> {
    match v.payload() {
        Some(Payload::File(f))
            if f.ready.get() && !f.detached.get() && f.delegate.borrow().is_none() =>
        {
            Some(f.st.borrow().clone())
        }
        _ => None,
    }
}

/// Point `f` at `st` (a native layer) or at `delegate` (`_pyio`'s class doing the work).
fn set_ready(
    f: &FileObj,
    st: Rc<RefCell<FileState>>,
    below: Option<Value>,
    delegate: Option<Value>,
) {
    *f.st.borrow_mut() = st;
    *f.below.borrow_mut() = below;
    *f.delegate.borrow_mut() = delegate;
    f.detached.set(false);
    f.ready.set(true);
}

/// Set `self` up as `_pyio`'s class `name` over a layer that is not a native file: that
/// class's `__init__` run on `self` with the arguments given.
fn pyio_init(vm: &mut Vm, f: &FileObj, args: &Args<'_>, name: &str) -> PyResult<Value> {
    let pyio = vm.import_dotted("_pyio")?;
    let cls = vm.getattr_str(&pyio, name)?;
    set_ready(f, placeholder_state(), None, Some(cls.clone()));
    let init = vm.getattr_str(&cls, "__init__")?;
    vm.call(&init, *args)?;
    Ok(Value::None)
}

/// `FileIO.__init__(file, mode='r', closefd=True, opener=None)`.
fn fileio_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = init_self(vm, &args, "FileIO")?;
    let a = bind_new(
        vm,
        &args,
        "FileIO",
        &["file", "mode", "closefd", "opener"],
        1,
    )?;
    let file = a[0].clone().unwrap_or(Value::None);
    let mode = match &a[1] {
        None => String::from("r"),
        Some(v) => match v.payload() {
            Some(Payload::Str(_)) => vm.str_text(v),
            _ => {
                return Err(vm.type_error(format!(
                    "FileIO() argument 'mode' must be str, not {}",
                    vm.type_name(v)
                )));
            }
        },
    };
    if mode.contains('t') || mode.contains('U') {
        return Err(vm.value_error(format!("invalid mode: {mode}")));
    }
    let m = parse_mode(vm, &mode)?;
    let closefd = match &a[2] {
        Some(v) => vm.is_true(v)?,
        None => true,
    };
    let opener = a[3].clone().filter(|o| !o.is_none());
    // A second `__init__` first closes what the first opened (CPython's `fileio_init`).
    let old = f.st.borrow().clone();
    if old.borrow().closefd {
        close_state(vm, &old)?;
    }
    let st = open_state(vm, &file, &m, &mode, closefd, opener.as_ref(), "FileIO")?;
    set_ready(f, st, None, None);
    Ok(Value::None)
}

/// Which of the native file types `this` is (a subclass's instance: its native base).
fn native_type_name(vm: &mut Vm, this: &Value) -> &'static str {
    let t = io_types(vm);
    let Value::Obj(o) = this else {
        return "BufferedReader";
    };
    let cls = o.class();
    for (ty, name) in [
        (&t.random, "BufferedRandom"),
        (&t.writer, "BufferedWriter"),
        (&t.reader, "BufferedReader"),
        (&t.text, "TextIOWrapper"),
        (&t.file_io, "FileIO"),
    ] {
        if crate::objects::typeobj::is_subtype(&cls, ty) {
            return name;
        }
    }
    "BufferedReader"
}

/// CPython's `tp_name` of `this`'s type: `_io.BufferedReader` for the native types, a
/// subclass's bare name.
fn c_type_name(vm: &mut Vm, this: &Value) -> String {
    let tn = vm.type_name(this);
    if native_type_name(vm, this) == tn {
        format!("_io.{tn}")
    } else {
        tn
    }
}

/// `BufferedReader/BufferedWriter/BufferedRandom.__init__(raw, buffer_size=8192)`: over a
/// native `FileIO` the layers share one state; over anything else `_pyio` does the work.
fn buffered_init(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Value> {
    let f = init_self(vm, args, name)?;
    let a = bind_new(vm, args, name, &["raw", "buffer_size"], 1)?;
    let raw = a[0].clone().unwrap_or(Value::None);
    if let Some(b) = &a[1] {
        let n = vm.index_to_i64(b)?;
        if n <= 0 {
            return Err(vm.value_error("buffer size must be strictly positive"));
        }
        // CPython allocates the buffer here: a size no allocation can give is a MemoryError.
        if Vec::<u8>::new().try_reserve_exact(n as usize).is_err() {
            return Err(vm.memory_error());
        }
    }
    match native_state(&raw) {
        Some(st) => set_ready(f, st, Some(raw), None),
        None => {
            return pyio_init(vm, f, args, name);
        }
    }
    Ok(Value::None)
}

fn reader_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    buffered_init(vm, &args, "BufferedReader")
}

fn writer_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    buffered_init(vm, &args, "BufferedWriter")
}

fn random_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    buffered_init(vm, &args, "BufferedRandom")
}

/// `TextIOWrapper.__init__(buffer, encoding=None, errors=None, newline=None,
/// line_buffering=False, write_through=False)`: over a native buffered file the layers share
/// one state; over anything else (a `BytesIO`, a Python buffer) `_pyio` does the work.
fn textio_init(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let f = init_self(vm, &args, "TextIOWrapper")?;
    let a = bind_new(
        vm,
        &args,
        "TextIOWrapper",
        &[
            "buffer",
            "encoding",
            "errors",
            "newline",
            "line_buffering",
            "write_through",
        ],
        1,
    )?;
    let buffer = a[0].clone().unwrap_or(Value::None);
    let mut texts = Vec::new();
    for (i, what) in [(1, "encoding"), (2, "errors"), (3, "newline")] {
        texts.push(match &a[i] {
            None | Some(Value::None) => None,
            Some(v) => match v.payload() {
                Some(Payload::Str(_)) => Some(vm.str_text(v)),
                _ => {
                    return Err(vm.type_error(format!(
                        "TextIOWrapper() argument '{what}' must be str or None, not {}",
                        vm.type_name(v)
                    )));
                }
            },
        });
    }
    if let Some(nl) = &texts[2]
        && !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n")
    {
        return Err(vm.value_error(format!("illegal newline value: {nl}")));
    }
    if texts[0].as_deref() == Some("locale") {
        texts[0] = None;
    }
    if let Some(e) = &texts[0] {
        crate::objects::codecs::check_encoding(vm, e)?;
    }
    let Some(st) = native_state(&buffer) else {
        return pyio_init(vm, f, &args, "TextIOWrapper");
    };
    let mut texts = texts.into_iter();
    let mut cfg = TextCfg::new(
        texts.next().flatten(),
        texts.next().flatten(),
        texts.next().flatten(),
    );
    cfg.line_buffering = match &a[4] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    cfg.write_through = match &a[5] {
        Some(v) => vm.is_true(v)?,
        None => false,
    };
    st.borrow_mut().text = Some(cfg);
    set_ready(f, st, Some(buffer), None);
    Ok(Value::None)
}

/// The `_pyio` class doing the work of `this`, if any.
fn delegate_of(this: &Value) -> Option<Value> {
    match this.payload() {
        // Detached, a delegated layer fails as a native one does ("raw stream has been
        // detached"), not as `_pyio` does (on its `None` raw).
        Some(Payload::File(f)) if !f.detached.get() => f.delegate.borrow().clone(),
        _ => None,
    }
}

/// The `_pyio` class of a delegated file, detached or not (for CPython's plain members).
fn member_delegate_of(this: &Value) -> Option<Value> {
    match this.payload() {
        Some(Payload::File(f)) => f.delegate.borrow().clone(),
        _ => None,
    }
}

/// `object.__setattr__` on a file: a name of `_pyio`'s state on a delegated file is stored in
/// its own dict (`None` back: done); anything else is handed back for the instance dict.
pub(crate) fn delegated_setattr(
    vm: &mut Vm,
    obj: &Value,
    name: &str,
    value: Option<Value>,
) -> PyResult<Option<Option<Value>>> {
    let Some(Payload::File(f)) = obj.payload() else {
        return Ok(Some(value));
    };
    if f.delegate.borrow().is_none() || !PYIO_STATE.contains(&name) {
        return Ok(Some(value));
    }
    let existing = f.pyio_state.borrow().clone();
    let d = match existing {
        Some(d) => d,
        None => {
            let d = vm.new_dict();
            *f.pyio_state.borrow_mut() = Some(d.clone());
            d
        }
    };
    let key = vm.new_str(name);
    match value {
        Some(v) => vm.dict_set(&d, key, v)?,
        None => {
            if vm.dict_del(&d, &key)?.is_none() {
                let tn = vm.type_name(obj);
                return Err(vm.attribute_error(format!("'{tn}' object has no attribute '{name}'")));
            }
        }
    }
    Ok(None)
}

/// A value of `_pyio`'s state kept apart for a delegated file (see [`delegated_setattr`]).
fn pyio_state_get(vm: &mut Vm, obj: &Value, name: &ObjRef) -> Option<Value> {
    let Some(Payload::File(f)) = obj.payload() else {
        return None;
    };
    let d = f.pyio_state.borrow().clone()?;
    vm.dict_get_str_obj(&d, name)
}

/// `cls.name` bound to `this` (`this` is no instance of `cls`: the descriptor protocol by
/// hand), `None` when `cls` has no such attribute.
fn pyio_attr(vm: &mut Vm, cls: &Value, this: &Value, name: &str) -> PyResult<Option<Value>> {
    let Value::Obj(c) = cls else {
        return Ok(None);
    };
    let key = vm.intern(name);
    let h = vm.hash_text(name);
    let Some(attr) = vm.type_lookup_obj(c, &key, h) else {
        return Ok(None);
    };
    let owner = Value::Obj(vm.type_of(this));
    let special = !matches!(attr.payload(), Some(Payload::Function(_)))
        && vm.lookup_special_str(&attr, "__get__").is_some();
    if special {
        let get = vm.getattr_str(&attr, "__get__")?;
        return vm.call_pos(&get, &[this.clone(), owner]).map(Some);
    }
    vm.descriptor_get(&attr, this, &owner).map(Some)
}

/// `self.name(*args)` by the `_pyio` class `cls`'s method, run on `self` (`args[0]`).
fn forward(vm: &mut Vm, cls: &Value, name: &str, args: &Args<'_>) -> PyResult<Value> {
    let m = vm.getattr_str(cls, name)?;
    vm.call(&m, *args)
}

/// `self.name(*args)` for a file whose work `_pyio` does, `None` for the others. A closed
/// file refuses the operations CPython's C layers check first, in their words (`_pyio` words
/// some differently); the others go to the layer below as in C.
fn delegate_call(vm: &mut Vm, args: &Args<'_>, name: &str) -> Option<PyResult<Value>> {
    let this = args.pos().first()?;
    let d = delegate_of(this)?;
    let Some(Payload::File(f)) = this.payload() else {
        return None;
    };
    let layer = f.layer;
    let checked = matches!(
        name,
        "read"
            | "read1"
            | "readall"
            | "peek"
            | "readline"
            | "readlines"
            | "readinto"
            | "readinto1"
            | "write"
            | "writelines"
            | "flush"
            | "seek"
            | "tell"
            | "truncate"
            | "__next__"
    );
    if checked {
        match vm.getattr_str(this, "closed").and_then(|c| vm.is_true(&c)) {
            Ok(true) => return Some(Err(vm.value_error(closed_message(layer, name)))),
            Ok(false) => {}
            Err(e) => return Some(Err(e)),
        }
    }
    Some(forward(vm, &d, name, args))
}

/// For a file whose work `_pyio` does, the attribute `name` of `_pyio`'s class (its helpers,
/// its class constants), which the generic lookup tries before any `__getattr__`: a subclass's
/// own `__getattr__` must not hide what `_pyio`'s methods call on `self` (in C they are not
/// attributes at all). `None` for other objects and other names.
pub(crate) fn delegated_attr(vm: &mut Vm, obj: &Value, name: &ObjRef) -> PyResult<Option<Value>> {
    let Some(Payload::File(f)) = obj.payload() else {
        return Ok(None);
    };
    if f.delegate.borrow().is_some()
        && let Some(v) = pyio_state_get(vm, obj, name)
    {
        return Ok(Some(v));
    }
    let Some(cls) = delegate_of(obj) else {
        return Ok(None);
    };
    let name = vm.str_text(&Value::Obj(name.clone()));
    pyio_attr(vm, &cls, obj, &name)
}

/// `__getattr__` of the file types: the attributes of `_pyio`'s class (its helpers, its
/// class constants) for a file whose work it does; a plain miss for the others.
fn file_getattr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, rest) = method_args(vm, &args, "__getattr__", 1, 1)?;
    let name = match rest[0].payload() {
        Some(Payload::Str(_)) => vm.str_text(&rest[0]),
        _ => return Err(vm.type_error("attribute name must be string")),
    };
    if let Some(cls) = delegate_of(this)
        && let Some(v) = pyio_attr(vm, &cls, this, &name)?
    {
        return Ok(v);
    }
    let tn = c_type_name(vm, this);
    Err(vm.attribute_error(format!("'{tn}' object has no attribute '{name}'")))
}

/// A method of a file whose work `_pyio` does: hand the call over.
macro_rules! delegated {
    ($vm:expr, $args:expr, $name:expr) => {
        if let Some(r) = delegate_call($vm, &$args, $name) {
            return r;
        }
    };
}

/// A getter of a file whose work `_pyio` does: read the delegate's attribute.
macro_rules! delegated_attr {
    // A plain member in CPython: still there after `detach()`.
    ($vm:expr, $this:expr, $name:expr, member) => {
        delegated_attr!(@get $vm, $this, $name, member_delegate_of($this))
    };
    ($vm:expr, $this:expr, $name:expr) => {
        delegated_attr!(@get $vm, $this, $name, delegate_of($this))
    };
    (@get $vm:expr, $this:expr, $name:expr, $delegate:expr) => {
        if let Some(d) = $delegate {
            return match pyio_attr($vm, &d, $this, $name)? {
                Some(v) => Ok(v),
                None => Err($vm.attribute_error(format!(
                    "'{}' object has no attribute '{}'",
                    $vm.type_name($this),
                    $name
                ))),
            };
        }
    };
}

struct Mode {
    binary: bool,
    readable: bool,
    writable: bool,
    append: bool,
    flags: i32,
    raw_mode: &'static str,
}

/// Check a mode string as `_io.open` does.
fn parse_mode(vm: &mut Vm, mode: &str) -> PyResult<Mode> {
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxabtU+".contains(c) || seen.contains(c) {
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
    if seen.contains('U') {
        return Err(vm.value_error(format!("invalid mode: '{mode}'")));
    }
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
    let mut flags = O_CLOEXEC
        | if updating {
            O_RDWR
        } else if reading {
            O_RDONLY
        } else {
            O_WRONLY
        };
    if creating {
        flags |= O_CREAT | O_EXCL;
    }
    if writing {
        flags |= O_CREAT | O_TRUNC;
    }
    if appending {
        flags |= O_CREAT | O_APPEND;
    }
    let raw_mode = match (creating, reading, writing, updating) {
        (true, _, _, false) => "xb",
        (true, _, _, true) => "xb+",
        (_, true, _, false) => "rb",
        (_, true, _, true) => "rb+",
        (_, _, true, false) => "wb",
        (_, _, true, true) => "wb+",
        (_, _, _, false) => "ab",
        (_, _, _, true) => "ab+",
    };
    Ok(Mode {
        binary,
        readable: reading || updating,
        writable: creating || writing || appending || updating,
        append: appending,
        flags,
        raw_mode,
    })
}

fn file_of(vm: &mut Vm, this: &Value) -> PyResult<(Rc<RefCell<FileState>>, Layer)> {
    match this.payload() {
        Some(Payload::File(f)) if f.detached.get() => Err(vm.value_error(match f.layer {
            Layer::Text => "underlying buffer has been detached",
            _ => "raw stream has been detached",
        })),
        Some(Payload::File(f)) if !f.ready.get() => {
            Err(vm.value_error("I/O operation on uninitialized object"))
        }
        Some(Payload::File(f)) => Ok((f.st.borrow().clone(), f.layer)),
        _ => Err(vm.type_error(format!(
            "descriptor requires an '_io' file object but received '{}'",
            vm.type_name(this)
        ))),
    }
}

/// CPython's message for `op` on a closed file: each layer words it its own way.
fn closed_message(layer: Layer, op: &str) -> &'static str {
    const PLAIN: &str = "I/O operation on closed file";
    match (layer, op) {
        (_, "writelines") => "I/O operation on closed file.",
        (Layer::Raw, _) => PLAIN,
        (_, "fileno" | "seekable" | "isatty" | "readable" | "writable") => PLAIN,
        (Layer::Text, _) => "I/O operation on closed file.",
        (Layer::Buffered, "write") => "write to closed file",
        (Layer::Buffered, "flush") => "flush of closed file",
        (Layer::Buffered, "readline" | "__next__") => "readline of closed file",
        (Layer::Buffered, "truncate") => "truncate of closed file",
        (Layer::Buffered, "read" | "read1" | "readall") => "read of closed file",
        (Layer::Buffered, "seek") => "seek of closed file",
        (Layer::Buffered, "tell") => PLAIN,
        (Layer::Buffered, _) => "I/O operation on closed file.",
    }
}

/// The state of a file that must be open for `op` (else CPython's `ValueError`).
fn open_file(vm: &mut Vm, this: &Value, op: &str) -> PyResult<(Rc<RefCell<FileState>>, Layer)> {
    let (st, layer) = file_of(vm, this)?;
    let closed = {
        let mut s = st.borrow_mut();
        if !s.closed {
            s.switch_layer(layer);
        }
        s.closed
    };
    if closed {
        return Err(vm.value_error(closed_message(layer, op)));
    }
    Ok((st, layer))
}

/// Hand the write buffer to the host.
pub(super) fn flush_writes(vm: &mut Vm, st: &Rc<RefCell<FileState>>) -> PyResult<()> {
    loop {
        // Taken out before the write: the host call may let other threads run, and what
        // they buffer meanwhile goes after these bytes.
        let (fd, pending) = {
            let mut s = st.borrow_mut();
            if s.wbuf.is_empty() {
                return Ok(());
            }
            (s.fd, std::mem::take(&mut s.wbuf))
        };
        let put_back = |st: &Rc<RefCell<FileState>>, rest: &[u8]| {
            let mut s = st.borrow_mut();
            let later = std::mem::take(&mut s.wbuf);
            s.wbuf = rest.to_vec();
            s.wbuf.extend_from_slice(&later);
        };
        match raw_write(vm, st, fd, &pending) {
            Ok(0) => {
                put_back(st, &pending);
                return Err(vm.os_error_errno(5, None, None));
            }
            Ok(n) if n < pending.len() => {
                put_back(st, &pending[n..]);
                // A signal can cut a write short (write(2)): its handlers run before the
                // next write blocks, perhaps for ever (CPython's `PyErr_CheckSignals` in
                // `_bufferedwriter_flush_unlocked`); their exception leaves the rest buffered.
                vm.check_now()?;
            }
            Ok(_) => {}
            Err(e) => {
                put_back(st, &pending);
                return Err(e);
            }
        }
    }
}

/// The raw layer's write: a descriptor's, or a standard stream's through the Host. A write
/// a signal interrupted runs the handlers and resumes (PEP 475, CPython's `_Py_write`).
fn raw_write(vm: &mut Vm, st: &Rc<RefCell<FileState>>, fd: i32, data: &[u8]) -> PyResult<usize> {
    let std = st.borrow().std;
    let r = vm.retry_eintr(|vm| {
        if !std {
            return vm.host_write(fd, data);
        }
        if fd == 2 {
            vm.host.write_stderr(data)?;
        } else {
            vm.host.write_stdout(data)?;
        }
        vm.host.flush()?;
        Ok(data.len())
    })?;
    r.map_err(|e| vm.os_error_io(&e, None))
}

/// The raw layer's read of at most `n` bytes (a standard stream's may give more: the rest
/// stays in the read-ahead). A read a signal interrupted runs the handlers and resumes
/// (PEP 475, CPython's `_Py_read`); the handlers' exception is the outer error, the host's
/// (`EAGAIN` included) the inner one.
fn raw_read(
    vm: &mut Vm,
    st: &Rc<RefCell<FileState>>,
    fd: i32,
    n: usize,
) -> PyResult<std::io::Result<Vec<u8>>> {
    let std = st.borrow().std;
    vm.retry_eintr(|vm| {
        if std {
            vm.host.read_stdin(n)
        } else {
            vm.host_read(fd, n)
        }
    })
}

/// What the text layer does first in most operations: hand its pending bytes down.
fn text_commit(vm: &mut Vm, st: &Rc<RefCell<FileState>>, layer: Layer) -> PyResult<()> {
    if layer == Layer::Text {
        commit_pending(vm, st)?;
    }
    Ok(())
}

/// Hand the text layer's pending bytes to the buffered layer.
pub(super) fn commit_pending(vm: &mut Vm, st: &Rc<RefCell<FileState>>) -> PyResult<()> {
    let pending = std::mem::take(&mut st.borrow_mut().pending);
    if pending.is_empty() {
        return Ok(());
    }
    buffered_write(vm, st, &pending)
}

/// The buffered layer's write: kept until the buffer fills (or straight out when unbuffered).
fn buffered_write(vm: &mut Vm, st: &Rc<RefCell<FileState>>, data: &[u8]) -> PyResult<()> {
    let out = {
        let mut s = st.borrow_mut();
        s.wbuf.extend_from_slice(data);
        s.unbuffered || s.wbuf.len() >= BUFFER_SIZE
    };
    if out {
        flush_writes(vm, st)?;
    }
    Ok(())
}

/// `TextIOWrapper.write` of already encoded bytes (CPython's `_io_TextIOWrapper_write_impl`):
/// they wait in `pending` until a chunk's worth, a line under `line_buffering`, or at once
/// under `write_through`; a line-buffered write also flushes the buffer.
pub(super) fn text_write_bytes(
    vm: &mut Vm,
    st: &Rc<RefCell<FileState>>,
    bytes: &[u8],
    haslf: bool,
) -> PyResult<()> {
    let (needflush, through) = {
        let s = st.borrow();
        let t = s.text.as_ref();
        (
            haslf && t.is_some_and(|t| t.line_buffering),
            t.is_some_and(|t| t.write_through),
        )
    };
    if st.borrow().pending.len() + bytes.len() > BUFFER_SIZE {
        commit_pending(vm, st)?;
    }
    let full = {
        let mut s = st.borrow_mut();
        s.pending.extend_from_slice(bytes);
        s.pending.len() >= BUFFER_SIZE
    };
    if full || needflush || through {
        commit_pending(vm, st)?;
    }
    if needflush {
        flush_writes(vm, st)?;
    }
    Ok(())
}

/// Give back read-ahead: move the host position to the logical one.
fn drop_readahead(vm: &mut Vm, st: &Rc<RefCell<FileState>>) -> PyResult<()> {
    let (fd, unread) = {
        let s = st.borrow();
        (s.fd, s.rbuf.len() - s.rpos)
    };
    if unread > 0 {
        vm.host
            .seek(fd, -(unread as i64), 1)
            .map_err(|e| vm.os_error_io(&e, None))?;
    }
    let mut s = st.borrow_mut();
    s.rbuf.clear();
    s.rpos = 0;
    Ok(())
}

/// What one read from the host brought.
#[derive(PartialEq, Eq)]
enum Filled {
    Data,
    Eof,
    /// A non-blocking descriptor had nothing (`EAGAIN`): CPython's raw read returns None.
    WouldBlock,
}

/// Read more from the host into the read-ahead; false at end of file, or when a
/// non-blocking descriptor has nothing now (CPython's `peek`/`read1`/`readline` then return
/// what they have).
fn fill(vm: &mut Vm, st: &Rc<RefCell<FileState>>, want: usize) -> PyResult<bool> {
    Ok(fill_once(vm, st, want)? == Filled::Data)
}

/// One read from the host into the read-ahead.
fn fill_once(vm: &mut Vm, st: &Rc<RefCell<FileState>>, want: usize) -> PyResult<Filled> {
    flush_writes(vm, st)?;
    let fd = st.borrow().fd;
    let got = match raw_read(vm, st, fd, want.max(BUFFER_SIZE))? {
        Ok(got) => got,
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => return Ok(Filled::WouldBlock),
        Err(e) => return Err(vm.os_error_io(&e, None)),
    };
    if got.is_empty() {
        return Ok(Filled::Eof);
    }
    let mut s = st.borrow_mut();
    if s.rpos > 0 {
        let p = s.rpos;
        s.rbuf.drain(..p);
        s.rpos = 0;
    }
    s.rbuf.extend_from_slice(&got);
    Ok(Filled::Data)
}

/// Read to the end of file; false when a non-blocking descriptor ran dry first.
fn fill_all(vm: &mut Vm, st: &Rc<RefCell<FileState>>) -> PyResult<bool> {
    loop {
        match fill_once(vm, st, 1 << 16)? {
            Filled::Data => {}
            Filled::Eof => return Ok(true),
            Filled::WouldBlock => return Ok(false),
        }
    }
}

fn take(st: &Rc<RefCell<FileState>>, n: usize) -> Vec<u8> {
    let mut s = st.borrow_mut();
    let start = s.rpos;
    let end = start.saturating_add(n).min(s.rbuf.len());
    s.rpos = end;
    s.rbuf[start..end].to_vec()
}

fn unread(st: &Rc<RefCell<FileState>>) -> usize {
    let s = st.borrow();
    s.rbuf.len() - s.rpos
}

fn check_readable(vm: &mut Vm, st: &Rc<RefCell<FileState>>, layer: Layer) -> PyResult<()> {
    if !st.borrow().readable {
        let msg = match layer {
            Layer::Text => "not readable",
            Layer::Buffered => "read",
            Layer::Raw => "File not open for reading",
        };
        return Err(unsupported(vm, msg));
    }
    Ok(())
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

/// Translate line endings read in text mode to `\n` (only universal newlines translate;
/// an explicit `newline` returns line endings untranslated).
fn translate_in(bytes: &[u8], newline: Option<&str>) -> Vec<u8> {
    match newline {
        None => {
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i] == b'\r' {
                    out.push(b'\n');
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                } else {
                    out.push(bytes[i]);
                }
                i += 1;
            }
            out
        }
        _ => bytes.to_vec(),
    }
}

fn decode(vm: &mut Vm, st: &Rc<RefCell<FileState>>, raw: &[u8]) -> PyResult<Value> {
    let (enc, errors, newline) = {
        let s = st.borrow();
        let t = s.text.as_ref();
        (
            t.map_or_else(|| String::from("utf-8"), |t| t.encoding.clone()),
            t.map_or_else(|| String::from("strict"), |t| t.errors.clone()),
            t.and_then(|t| t.newline.clone()),
        )
    };
    let bytes = translate_in(raw, newline.as_deref());
    let s = crate::objects::codecs::decode(vm, &bytes, &enc, &errors)?;
    Ok(vm.new_pystr(s))
}

/// The end (exclusive) of the line starting at `start` in `data`, by the file's newline rule.
fn line_end(data: &[u8], start: usize, text: Option<&TextCfg>) -> Option<usize> {
    let rest = &data[start..];
    match text.map(|t| t.newline.as_deref()) {
        None | Some(Some("\n")) => rest.iter().position(|&b| b == b'\n').map(|i| start + i + 1),
        Some(None) | Some(Some("")) => {
            let i = rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
            if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') {
                Some(start + i + 2)
            } else {
                Some(start + i + 1)
            }
        }
        Some(Some(nl)) => {
            let nl = nl.as_bytes();
            rest.windows(nl.len())
                .position(|w| w == nl)
                .map(|i| start + i + nl.len())
        }
    }
}

fn is_utf8(st: &Rc<RefCell<FileState>>) -> bool {
    st.borrow().text.as_ref().is_none_or(|t| {
        matches!(
            normalize_encoding(&t.encoding).as_str(),
            "utf-8" | "utf8" | "u8" | "utf"
        )
    })
}

/// Whether the read-ahead holds `n` whole UTF-8 characters (a `\r` last may still become
/// a CRLF under universal newlines, so it does not count yet).
fn chars_ready(st: &Rc<RefCell<FileState>>, n: usize) -> bool {
    let s = st.borrow();
    let data = &s.rbuf[s.rpos..];
    let mut left = n;
    let mut i = 0;
    while left > 0 {
        let Some(&b) = data.get(i) else {
            return false;
        };
        let mut len = match b {
            0xF0.. => 4,
            0xE0.. => 3,
            0xC0.. => 2,
            _ => 1,
        };
        if b == b'\r' {
            match data.get(i + 1) {
                None => return false,
                Some(b'\n') => len = 2,
                Some(_) => {}
            }
        }
        i += len;
        if i > data.len() {
            return false;
        }
        left -= 1;
    }
    true
}

fn read_impl(vm: &mut Vm, this: &Value, n: Option<usize>) -> PyResult<Value> {
    let (st, layer) = open_file(vm, this, "read")?;
    check_readable(vm, &st, layer)?;
    text_commit(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    if layer != Layer::Text {
        // A non-blocking descriptor with nothing to give makes it None, as in CPython;
        // what was already read is returned.
        let bytes = match n {
            None => {
                if !fill_all(vm, &st)? && unread(&st) == 0 {
                    return Ok(Value::None);
                }
                take(&st, usize::MAX)
            }
            // FileIO.read(n): one read(2) of at most n bytes and no read-ahead, so what
            // stays in a pipe is still there for select() (test_subprocess's
            // test_select_unbuffered).
            Some(n) if layer == Layer::Raw && unread(&st) == 0 => {
                let fd = st.borrow().fd;
                match raw_read(vm, &st, fd, n)? {
                    Ok(got) => got,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        return Ok(Value::None);
                    }
                    Err(e) => return Err(vm.os_error_io(&e, None)),
                }
            }
            Some(n) => {
                while unread(&st) < n {
                    match fill_once(vm, &st, n - unread(&st))? {
                        Filled::Data if layer != Layer::Raw => {}
                        Filled::WouldBlock if unread(&st) == 0 => return Ok(Value::None),
                        _ => break,
                    }
                }
                take(&st, n)
            }
        };
        return Ok(vm.new_bytes(bytes));
    }
    match n {
        // Read only as far as `n` characters need (a pipe or terminal gives what it has;
        // CPython's TextIOWrapper reads chunk by chunk too).
        Some(n) if is_utf8(&st) => while !chars_ready(&st, n) && fill(vm, &st, BUFFER_SIZE)? {},
        _ => {
            fill_all(vm, &st)?;
        }
    }
    st.borrow_mut().text_owns = true;
    let raw = match n {
        None => take(&st, usize::MAX),
        Some(n) => {
            // n characters, a CRLF counting as one under universal newlines.
            let utf8 = is_utf8(&st);
            let (start, data_len, end) = {
                let s = st.borrow();
                let data = &s.rbuf;
                let mut end = s.rpos;
                let mut left = n;
                let universal = s.text.as_ref().is_some_and(|t| t.newline.is_none());
                while end < data.len() && left > 0 {
                    let crlf = universal && data[end] == b'\r' && data.get(end + 1) == Some(&b'\n');
                    end += if crlf { 2 } else { 1 };
                    while utf8 && end < data.len() && data[end] & 0xC0 == 0x80 {
                        end += 1;
                    }
                    left -= 1;
                }
                (s.rpos, data.len(), end)
            };
            let _ = data_len;
            take(&st, end - start)
        }
    };
    decode(vm, &st, &raw)
}

fn readline_impl(vm: &mut Vm, this: &Value, limit: Option<usize>) -> PyResult<Value> {
    let (st, layer) = open_file(vm, this, "readline")?;
    check_readable(vm, &st, layer)?;
    text_commit(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    loop {
        let found = {
            let s = st.borrow();
            let text = if layer == Layer::Text {
                s.text.as_ref()
            } else {
                None
            };
            let end = line_end(&s.rbuf, s.rpos, text);
            // A lone '\r' at the end of the buffer may start a CRLF.
            end.filter(|&e| !(s.rbuf[e - 1] == b'\r' && e == s.rbuf.len() && text.is_some()))
        };
        if found.is_some() || limit.is_some_and(|l| unread(&st) >= l.saturating_mul(4)) {
            break;
        }
        if !fill(vm, &st, BUFFER_SIZE)? {
            break;
        }
    }
    let utf8 = is_utf8(&st);
    let len = {
        let s = st.borrow();
        let text = if layer == Layer::Text {
            s.text.as_ref()
        } else {
            None
        };
        let mut end = line_end(&s.rbuf, s.rpos, text).unwrap_or(s.rbuf.len());
        if let Some(l) = limit {
            let mut e = s.rpos;
            let mut left = l;
            while e < end && left > 0 {
                e += 1;
                while layer == Layer::Text && utf8 && e < end && s.rbuf[e] & 0xC0 == 0x80 {
                    e += 1;
                }
                left -= 1;
            }
            end = e;
        }
        end - s.rpos
    };
    let raw = take(&st, len);
    if layer == Layer::Text {
        st.borrow_mut().text_owns = true;
        decode(vm, &st, &raw)
    } else {
        Ok(vm.new_bytes(raw))
    }
}

fn file_read(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "read");
    let (this, rest) = method_args(vm, &args, "read", 0, 1)?;
    let n = size_arg(vm, rest)?;
    read_impl(vm, this, n)
}

/// `read1(size=-1)`: what the buffer holds, else one raw read; a negative size is the
/// buffer size (CPython: `_io__Buffered_read1_impl`).
fn file_read1(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "read1");
    let (this, rest) = method_args(vm, &args, "read1", 0, 1)?;
    let n = match rest.first() {
        None | Some(Value::None) => BUFFER_SIZE,
        Some(v) => usize::try_from(vm.index_to_i64(v)?).unwrap_or(BUFFER_SIZE),
    };
    let (st, layer) = open_file(vm, this, "read1")?;
    check_readable(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    if n > 0 && unread(&st) == 0 {
        fill(vm, &st, n)?;
    }
    let bytes = take(&st, n);
    Ok(vm.new_bytes(bytes))
}

/// `peek(size=0)`: the buffered bytes, after one raw read if there were none; the position
/// does not move (CPython: `_io__Buffered_peek_impl`).
fn file_peek(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "peek");
    let (this, _) = method_args(vm, &args, "peek", 0, 1)?;
    let (st, layer) = file_of(vm, this)?;
    if st.borrow().closed {
        return Err(vm.value_error("peek of closed file"));
    }
    check_readable(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    if unread(&st) == 0 {
        fill(vm, &st, BUFFER_SIZE)?;
    }
    let bytes = {
        let s = st.borrow();
        s.rbuf[s.rpos..].to_vec()
    };
    Ok(vm.new_bytes(bytes))
}

fn file_readinto(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "readinto");
    readinto_impl(vm, &args, "readinto")
}

fn file_readinto1(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "readinto1");
    readinto_impl(vm, &args, "readinto1")
}

/// `readinto(b)` / `readinto1(b)`: fill a writable buffer and return the count. The raw
/// layer and `readinto1` read at most once when the buffer is empty (CPython:
/// `_bufferedreader_readinto_generic`, `_io_FileIO_readinto_impl`).
fn readinto_impl(vm: &mut Vm, args: &Args<'_>, name: &str) -> PyResult<Value> {
    let (this, rest) = method_args(vm, args, name, 1, 1)?;
    // The argument is converted first, as Argument Clinic does: a bad buffer is a
    // TypeError even on a closed or detached file.
    let view = writable_bytes_view(vm, &rest[0], name)?;
    let n = match &view {
        Value::Obj(_) if matches!(view.payload(), Some(Payload::MemoryView(_))) => vm.len(&view)?,
        _ => {
            let tobytes = vm.getattr_str(&view, "tobytes")?;
            let bytes = vm.call_pos(&tobytes, &[])?;
            vm.len(&bytes)?
        }
    };
    let (st, layer) = file_of(vm, this)?;
    if st.borrow().closed {
        return Err(vm.value_error(if layer == Layer::Raw {
            closed_message(layer, name)
        } else {
            "readinto of closed file"
        }));
    }
    check_readable(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    // `readinto1` reads once when the buffer is empty, or when what it lacks is more than a
    // buffer's worth (CPython reads that straight into the caller's buffer).
    let raw = layer == Layer::Raw;
    let one = name == "readinto1";
    let mut reads = 0;
    while unread(&st) < n
        && !(raw && (reads > 0 || unread(&st) > 0))
        && !(one && (reads > 0 || (unread(&st) > 0 && n - unread(&st) <= BUFFER_SIZE)))
    {
        reads += 1;
        match fill_once(vm, &st, n - unread(&st))? {
            Filled::Data => {}
            // A non-blocking descriptor with nothing: None, or what was already there.
            Filled::WouldBlock if unread(&st) == 0 => return Ok(Value::None),
            _ => break,
        }
    }
    let data = take(&st, n);
    let got = data.len();
    if matches!(view.payload(), Some(Payload::MemoryView(_))) {
        let key = vm.new_slice(Value::Int(0), Value::Int(got as i64), Value::None);
        let b = vm.new_bytes(data);
        vm.setitem(&view, key, b)?;
    } else {
        // An `array.array` (no memoryview export here): its bytes are replaced as a whole,
        // `a[:] = array(a.typecode, data + a.tobytes()[len(data):])`.
        let tobytes = vm.getattr_str(&view, "tobytes")?;
        let old = vm.call_pos(&tobytes, &[])?;
        let mut bytes = data;
        if let Some(Payload::Bytes(b)) = old.payload() {
            bytes.extend_from_slice(b.get(got..).unwrap_or(&[]));
        }
        let typecode = vm.getattr_str(&view, "typecode")?;
        let cls = Value::Obj(vm.type_of(&view));
        let b = vm.new_bytes(bytes);
        let fresh = vm.call_pos(&cls, &[typecode, b])?;
        let key = vm.new_slice(Value::None, Value::None, Value::None);
        vm.setitem(&view, key, fresh)?;
    }
    Ok(Value::Int(got as i64))
}

/// A writable buffer as a flat memoryview of bytes (`memoryview(b).cast('B')`), or
/// CPython's "argument must be read-write bytes-like object" TypeError.
fn writable_bytes_view(vm: &mut Vm, buf: &Value, name: &str) -> PyResult<Value> {
    let refuse = |vm: &mut Vm| {
        vm.type_error(format!(
            "{name}() argument must be read-write bytes-like object, not {}",
            vm.type_name(buf)
        ))
    };
    if matches!(buf.payload(), Some(Payload::Str(_))) {
        return Err(refuse(vm));
    }
    let view = match crate::objects::bytes::memoryview::from_object(vm, buf) {
        Ok(v) => v,
        Err(e) if vm.err_matches(&e, &vm.types.type_error.clone()) => {
            let array = ["tobytes", "typecode"]
                .iter()
                .all(|a| vm.getattr_str(buf, a).is_ok());
            return if array {
                Ok(buf.clone())
            } else {
                Err(refuse(vm))
            };
        }
        Err(e) => return Err(e),
    };
    let flat = match view.payload() {
        Some(Payload::MemoryView(m)) if m.readonly => return Err(refuse(vm)),
        Some(Payload::MemoryView(m)) => m.format == "B" && m.shape.len() == 1,
        _ => return Err(refuse(vm)),
    };
    if flat {
        return Ok(view);
    }
    let cast = vm.getattr_str(&view, "cast")?;
    let fmt = vm.new_str("B");
    vm.call_pos(&cast, &[fmt])
}

fn file_readall(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "readall");
    let (this, _) = method_args(vm, &args, "readall", 0, 0)?;
    read_impl(vm, this, None)
}

fn file_readline(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "readline");
    let (this, rest) = method_args(vm, &args, "readline", 0, 1)?;
    let n = size_arg(vm, rest)?;
    readline_impl(vm, this, n)
}

fn file_readlines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "readlines");
    let (this, rest) = method_args(vm, &args, "readlines", 0, 1)?;
    open_file(vm, this, "readlines")?;
    let hint = size_arg(vm, rest)?.filter(|&h| h > 0);
    let mut lines = Vec::new();
    let mut total = 0;
    loop {
        let line = readline_impl(vm, this, None)?;
        let n = vm.len(&line)?;
        if n == 0 {
            break;
        }
        lines.push(line);
        total += n;
        if hint.is_some_and(|h| total >= h) {
            break;
        }
    }
    Ok(vm.new_list(lines))
}

/// Whether an encoding name is UTF-8's (without allocating: this is on `print`'s path).
fn is_utf8_name(e: &str) -> bool {
    ["utf-8", "utf8", "utf_8", "u8", "utf"]
        .iter()
        .any(|n| e.eq_ignore_ascii_case(n))
}

/// A text write that needs no codec: UTF-8 without translation of `\n`, and text without
/// lone surrogates (its WTF-8 bytes are then its UTF-8). False if it does not apply.
fn text_write_fast(vm: &mut Vm, st: &Rc<RefCell<FileState>>, wtf8: &[u8]) -> PyResult<bool> {
    let plain = {
        let s = st.borrow();
        s.text.as_ref().is_some_and(|t| {
            is_utf8_name(&t.encoding) && !matches!(t.newline.as_deref(), Some("\r" | "\r\n"))
        })
    };
    if !plain || std::str::from_utf8(wtf8).is_err() {
        return Ok(false);
    }
    {
        let mut s = st.borrow_mut();
        s.clear_readahead();
    }
    let haslf = wtf8.iter().any(|&b| b == b'\n' || b == b'\r');
    text_write_bytes(vm, st, wtf8, haslf)?;
    Ok(true)
}

/// `file.write(s)` for a native text file, given the text's WTF-8 bytes (`print`'s fast path:
/// no str object is made when no codec is needed).
pub(super) fn text_write_wtf8(vm: &mut Vm, this: &Value, wtf8: &[u8]) -> PyResult<()> {
    let (st, _) = open_file(vm, this, "write")?;
    if !st.borrow().writable {
        return Err(unsupported(vm, "not writable"));
    }
    if text_write_fast(vm, &st, wtf8)? {
        return Ok(());
    }
    let s = vm.new_pystr(PyStr::from_wtf8_slice(wtf8));
    write_impl(vm, this, &s).map(|_| ())
}

pub(super) fn write_impl(vm: &mut Vm, this: &Value, data: &Value) -> PyResult<usize> {
    let (st, layer) = open_file(vm, this, "write")?;
    if !st.borrow().writable {
        let msg = if layer == Layer::Text {
            "not writable"
        } else {
            "write"
        };
        return Err(unsupported(vm, msg));
    }
    let mut haslf = false;
    let (bytes, count) = if layer == Layer::Text {
        let Some(Payload::Str(s)) = data.payload() else {
            return Err(vm.type_error(format!(
                "write() argument must be str, not {}",
                vm.type_name(data)
            )));
        };
        if text_write_fast(vm, &st, s.wtf8())? {
            return Ok(s.len());
        }
        let (enc, errors, newline) = {
            let s = st.borrow();
            let t = s.text.as_ref();
            (
                t.map_or_else(|| String::from("utf-8"), |t| t.encoding.clone()),
                t.map_or_else(|| String::from("strict"), |t| t.errors.clone()),
                t.and_then(|t| t.newline.clone()),
            )
        };
        let count = s.len();
        haslf = s.wtf8().iter().any(|&b| b == b'\n' || b == b'\r');
        let translated;
        let s: &PyStr = match newline.as_deref() {
            Some(nl @ ("\r" | "\r\n")) if s.wtf8().contains(&b'\n') => {
                let mut out = Vec::with_capacity(s.wtf8().len() + 16);
                for &b in s.wtf8() {
                    if b == b'\n' {
                        out.extend_from_slice(nl.as_bytes());
                    } else {
                        out.push(b);
                    }
                }
                translated = PyStr::from_wtf8(out);
                &translated
            }
            _ => s,
        };
        let enc = match bom_free(&enc) {
            // CPython's encoder writes the BOM when it starts fresh: at the start of the
            // stream, not when appending or after a seek elsewhere.
            Some(plain) if !text_at_start(vm, &st) => plain.to_string(),
            _ => enc,
        };
        if let Some(t) = &mut st.borrow_mut().text {
            t.wrote = true;
        }
        (crate::objects::codecs::encode(vm, s, &enc, &errors)?, count)
    } else {
        let b = crate::objects::bytes::buffer_arg(vm, data)?;
        let n = b.len();
        (b, n)
    };
    if layer == Layer::Text {
        // The text layer read ahead in chunks: CPython's buffer position is after what it
        // pulled, so a write goes there (here, the end of what was read).
        let mut s = st.borrow_mut();
        s.clear_readahead();
    } else {
        drop_readahead(vm, &st)?;
    }
    let fd = st.borrow().fd;
    match layer {
        Layer::Raw => raw_write(vm, &st, fd, &bytes),
        Layer::Buffered => {
            buffered_write(vm, &st, &bytes)?;
            Ok(count)
        }
        Layer::Text => {
            text_write_bytes(vm, &st, &bytes, haslf)?;
            Ok(count)
        }
    }
}

/// For an encoding that starts with a byte order mark, the same encoding without it.
fn bom_free(enc: &str) -> Option<&'static str> {
    match normalize_encoding(enc).as_str() {
        "utf-8-sig" | "utf8-sig" => Some("utf-8"),
        "utf-16" | "utf16" => Some("utf-16-le"),
        "utf-32" | "utf32" => Some("utf-32-le"),
        _ => None,
    }
}

/// Whether the text layer's next write lands at the start of the stream (a stream without a
/// position: before its first write).
fn text_at_start(vm: &mut Vm, st: &Rc<RefCell<FileState>>) -> bool {
    let fd = st.borrow().fd;
    match vm.host.seek(fd, 0, 1) {
        Ok(pos) => {
            let s = st.borrow();
            pos + s.wbuf.len() as u64 + s.pending.len() as u64 == 0
        }
        Err(_) => !st.borrow().text.as_ref().is_some_and(|t| t.wrote),
    }
}

fn file_write(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "write");
    let (this, rest) = method_args(vm, &args, "write", 1, 1)?;
    let n = write_impl(vm, this, &rest[0])?;
    Ok(Value::Int(n as i64))
}

fn file_writelines(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "writelines");
    let (this, rest) = method_args(vm, &args, "writelines", 1, 1)?;
    open_file(vm, this, "writelines")?;
    // CPython's `IOBase.writelines` calls `self.write` per line: a subclass's `write` (or an
    // instance attribute) sees every line; the native types' own `write` is called directly.
    let exact = is_exact_native(vm, this);
    for line in vm.iterate(&rest[0])? {
        if exact {
            write_impl(vm, this, &line)?;
        } else {
            let write = vm.getattr_str(this, "write")?;
            vm.call_pos(&write, &[line])?;
        }
    }
    Ok(Value::None)
}

/// `this` is of exactly one of the native file types (not a subclass's instance) and holds
/// no instance attribute `write`.
fn is_exact_native(vm: &mut Vm, this: &Value) -> bool {
    let Value::Obj(o) = this else {
        return false;
    };
    let t = io_types(vm);
    let exact = [&t.file_io, &t.reader, &t.writer, &t.random, &t.text]
        .iter()
        .any(|ty| o.class_is(ty));
    exact
        && o.materialized_dict().is_none_or(|d| match &d.payload {
            Payload::Dict(table) => {
                let h = vm.hash_text("write");
                crate::objects::typeobj::dict_get_str(&table.borrow(), "write", h).is_none()
            }
            _ => true,
        })
}

fn file_flush(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "flush");
    let (this, _) = method_args(vm, &args, "flush", 0, 0)?;
    flush_impl(vm, this)?;
    Ok(Value::None)
}

pub(super) fn flush_impl(vm: &mut Vm, this: &Value) -> PyResult<()> {
    let (st, layer) = open_file(vm, this, "flush")?;
    text_commit(vm, &st, layer)?;
    flush_writes(vm, &st)
}

/// Flush and close (idempotent); the descriptor is closed even if the flush fails.
fn close_state(vm: &mut Vm, st: &Rc<RefCell<FileState>>) -> PyResult<()> {
    if st.borrow().closed {
        return Ok(());
    }
    let flushed = commit_pending(vm, st).and_then(|()| flush_writes(vm, st));
    let (fd, closefd) = {
        let mut s = st.borrow_mut();
        s.closed = true;
        s.clear_readahead();
        (s.fd, s.closefd)
    };
    if closefd {
        vm.host.close(fd).map_err(|e| vm.os_error_io(&e, None))?;
    }
    flushed
}

fn file_close(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "close");
    let (this, _) = method_args(vm, &args, "close", 0, 0)?;
    let (st, _) = file_of(vm, this)?;
    close_state(vm, &st)?;
    Ok(Value::None)
}

fn file_exit(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__exit__", 0, 3)?;
    if delegate_of(this).is_some() {
        // CPython's `IOBase.__exit__`: `self.close()`, a subclass's own included.
        let close = vm.getattr_str(this, "close")?;
        return vm.call_pos(&close, &[]);
    }
    let (st, _) = file_of(vm, this)?;
    close_state(vm, &st)?;
    Ok(Value::None)
}

fn file_del(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__del__", 0, 0)?;
    if let Some(Payload::File(f)) = this.payload()
        && (f.detached.get() || !f.ready.get())
    {
        return Ok(Value::None);
    }
    if delegate_of(this).is_some() {
        // CPython's `iobase_finalize`: `self.close()` unless `self.closed`, errors ignored.
        let closed = vm.getattr_str(this, "closed").and_then(|c| vm.is_true(&c));
        if let Ok(false) = closed
            && let Ok(close) = vm.getattr_str(this, "close")
        {
            let _ = vm.call_pos(&close, &[]);
        }
        return Ok(Value::None);
    }
    let (st, _) = file_of(vm, this)?;
    // Only the last layer object closes: `f.buffer` going away leaves `f` open. (`st` is
    // one count, this object another.)
    if Rc::strong_count(&st) <= 2 {
        let _ = close_state(vm, &st);
    }
    Ok(Value::None)
}

fn tell_impl(vm: &mut Vm, st: &Rc<RefCell<FileState>>) -> PyResult<u64> {
    let fd = st.borrow().fd;
    let pos = vm
        .host
        .seek(fd, 0, 1)
        .map_err(|e| vm.os_error_io(&e, None))?;
    let s = st.borrow();
    Ok((pos + s.wbuf.len() as u64).saturating_sub((s.rbuf.len() - s.rpos) as u64))
}

fn file_seek(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "seek");
    let (this, rest) = method_args(vm, &args, "seek", 1, 2)?;
    let (st, layer) = open_file(vm, this, "seek")?;
    let offset = vm.index_to_i64(&rest[0])?;
    let whence = match rest.get(1) {
        Some(w) => vm.index_to_i64(w)?,
        None => 0,
    };
    if layer == Layer::Text {
        if whence == 1 && offset != 0 {
            return Err(unsupported(vm, "can't do nonzero cur-relative seeks"));
        }
        if whence == 2 && offset != 0 {
            return Err(unsupported(vm, "can't do nonzero end-relative seeks"));
        }
        if whence == 0 && offset < 0 {
            return Err(vm.value_error(format!("negative seek position {offset}")));
        }
    }
    if !(0..=2).contains(&whence) {
        let msg = if layer == Layer::Text {
            format!("invalid whence ({whence}, should be 0, 1 or 2)")
        } else {
            format!("whence value {whence} unsupported")
        };
        return Err(vm.value_error(msg));
    }
    text_commit(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    let offset = if whence == 1 {
        offset.saturating_sub(unread(&st) as i64)
    } else {
        offset
    };
    {
        let mut s = st.borrow_mut();
        s.clear_readahead();
    }
    let fd = st.borrow().fd;
    let pos = vm
        .host
        .seek(fd, offset, whence as i32)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(pos as i64))
}

fn file_tell(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "tell");
    let (this, _) = method_args(vm, &args, "tell", 0, 0)?;
    let (st, layer) = open_file(vm, this, "tell")?;
    text_commit(vm, &st, layer)?;
    Ok(Value::Int(tell_impl(vm, &st)? as i64))
}

fn file_truncate(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "truncate");
    let (this, rest) = method_args(vm, &args, "truncate", 0, 1)?;
    let (st, layer) = open_file(vm, this, "truncate")?;
    if !st.borrow().writable {
        let msg = if layer == Layer::Text {
            "not writable"
        } else {
            "truncate"
        };
        return Err(unsupported(vm, msg));
    }
    text_commit(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    let size = match rest.first() {
        None | Some(Value::None) => tell_impl(vm, &st)?,
        Some(v) => {
            let n = vm.index_to_i64(v)?;
            u64::try_from(n)
                .map_err(|_| vm.os_error_errno(crate::host::errno::EINVAL, None, None))?
        }
    };
    drop_readahead(vm, &st)?;
    let fd = st.borrow().fd;
    vm.host
        .truncate(fd, size)
        .map_err(|e| vm.os_error_io(&e, None))?;
    Ok(Value::Int(size as i64))
}

fn file_fileno(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "fileno");
    let (this, _) = method_args(vm, &args, "fileno", 0, 0)?;
    let (st, _) = open_file(vm, this, "fileno")?;
    let fd = st.borrow().fd;
    Ok(Value::Int(i64::from(fd)))
}

fn file_isatty(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "isatty");
    let (this, _) = method_args(vm, &args, "isatty", 0, 0)?;
    let (st, _) = open_file(vm, this, "isatty")?;
    let fd = st.borrow().fd;
    Ok(Value::bool(vm.host.isatty(fd)))
}

fn file_readable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "readable");
    let (this, _) = method_args(vm, &args, "readable", 0, 0)?;
    let (st, _) = open_file(vm, this, "readable")?;
    let r = st.borrow().readable;
    Ok(Value::bool(r))
}

fn file_writable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "writable");
    let (this, _) = method_args(vm, &args, "writable", 0, 0)?;
    let (st, _) = open_file(vm, this, "writable")?;
    let w = st.borrow().writable;
    Ok(Value::bool(w))
}

fn file_seekable(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "seekable");
    let (this, _) = method_args(vm, &args, "seekable", 0, 0)?;
    let (st, _) = open_file(vm, this, "seekable")?;
    let fd = st.borrow().fd;
    Ok(Value::bool(vm.host.seek(fd, 0, 1).is_ok()))
}

fn file_iter(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__iter__", 0, 0)?;
    if let Some(d) = delegate_of(this) {
        // `_pyio`'s `__enter__` checks that the file is open and returns it.
        return forward(vm, &d, "__enter__", &args);
    }
    open_file(vm, this, "__iter__")?;
    Ok(this.clone())
}

fn file_next(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "__next__");
    let (this, _) = method_args(vm, &args, "__next__", 0, 0)?;
    let line = readline_impl(vm, this, None)?;
    if vm.len(&line)? == 0 {
        let t = vm.types.stop_iteration.clone();
        return Err(vm.new_exception(&t, vec![]));
    }
    Ok(line)
}

/// CPython's reprs: `_io.FileIO` and `_io.TextIOWrapper` whatever the subclass, the buffered
/// types under `tp_name` (a subclass's bare name); the parts that cannot be read left out.
fn file_repr(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "__repr__", 0, 0)?;
    let layer = match this.payload() {
        Some(Payload::File(f)) => f.layer,
        _ => return Err(vm.type_error("descriptor '__repr__' requires an '_io' file object")),
    };
    match layer {
        Layer::Raw => {
            let (st, _) = file_of(vm, this)?;
            let (name, closed, raw_mode, closefd) = {
                let s = st.borrow();
                (s.name.clone(), s.closed, s.raw_mode, s.closefd)
            };
            if closed {
                return Ok(vm.new_str("<_io.FileIO [closed]>"));
            }
            let name = vm.repr_string(&name)?;
            let closefd = if closefd { "True" } else { "False" };
            Ok(vm.new_string(format!(
                "<_io.FileIO name={name} mode='{raw_mode}' closefd={closefd}>"
            )))
        }
        Layer::Buffered => {
            let tn = c_type_name(vm, this);
            attrs_repr(vm, this, &tn, &["name"])
        }
        Layer::Text => {
            if let Some(Payload::File(f)) = this.payload()
                && !f.ready.get()
            {
                return Err(vm.value_error("I/O operation on uninitialized object"));
            }
            attrs_repr(vm, this, "_io.TextIOWrapper", &["name", "mode", "encoding"])
        }
    }
}

/// `getattr(this, name)`, `None` when that raises `AttributeError` or `ValueError` (what
/// CPython's file reprs leave out).
fn repr_attr(vm: &mut Vm, this: &Value, name: &str) -> PyResult<Option<Value>> {
    match vm.getattr_str(this, name) {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            let attr = vm.types.attribute_error.clone();
            let value = vm.types.value_error.clone();
            if vm.err_matches(&e, &attr) || vm.err_matches(&e, &value) {
                Ok(None)
            } else {
                Err(e)
            }
        }
    }
}

/// `<tn name=... ...>` from the attributes of `this` that can be read.
fn attrs_repr(vm: &mut Vm, this: &Value, tn: &str, names: &[&str]) -> PyResult<Value> {
    let mut out = format!("<{tn}");
    for name in names {
        if let Some(v) = repr_attr(vm, this, name)? {
            let r = vm.repr_string(&v)?;
            out.push_str(&format!(" {name}={r}"));
        }
    }
    out.push('>');
    Ok(vm.new_string(out))
}

fn file_closed(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "closed");
    let (st, _) = file_of(vm, this)?;
    let c = st.borrow().closed;
    Ok(Value::bool(c))
}

fn file_name(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "name");
    let (st, _) = file_of(vm, this)?;
    let n = st.borrow().name.clone();
    Ok(n)
}

/// `FileIO.name` is a plain attribute in CPython (tempfile renames its files so); the
/// buffered and text layers read it through.
fn file_set_name(vm: &mut Vm, this: &Value, v: Option<Value>) -> PyResult<()> {
    let (st, _) = file_of(vm, this)?;
    match v {
        Some(v) => {
            st.borrow_mut().name = v;
            Ok(())
        }
        None => Err(vm.attribute_error("name")),
    }
}

fn file_mode(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "mode");
    let (st, layer) = file_of(vm, this)?;
    let s = st.borrow();
    Ok(match layer {
        Layer::Text => vm.new_str(&s.mode),
        _ => vm.new_str(s.raw_mode),
    })
}

fn file_closefd(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "closefd");
    let (st, _) = file_of(vm, this)?;
    let c = st.borrow().closefd;
    Ok(Value::bool(c))
}

/// The layer below `this` (`buffer` of a text file, `raw` of a buffered one), made once.
fn below(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    let (st, layer) = file_of(vm, this)?;
    let Some(Payload::File(f)) = this.payload() else {
        return Err(vm.type_error("not a file"));
    };
    if let Some(b) = &*f.below.borrow() {
        return Ok(b.clone());
    }
    let want = if layer == Layer::Text && !st.borrow().unbuffered {
        Layer::Buffered
    } else {
        Layer::Raw
    };
    let b = new_file_object(vm, &st, want);
    *f.below.borrow_mut() = Some(b.clone());
    Ok(b)
}

fn file_buffer(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "buffer");
    // A plain member in CPython, emptied by `detach()`.
    if let Some(Payload::File(f)) = this.payload()
        && f.detached.get()
    {
        return Ok(Value::None);
    }
    below(vm, this)
}

fn file_raw(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "raw");
    // A plain member in CPython, emptied by `detach()`.
    if let Some(Payload::File(f)) = this.payload()
        && f.detached.get()
    {
        return Ok(Value::None);
    }
    below(vm, this)
}

/// `detach()`: flush, then hand over the layer below; this object is unusable afterwards.
fn file_detach(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    if let Some(r) = delegate_call(vm, &args, "detach") {
        let below = r?;
        if let Some(Payload::File(f)) = args.pos().first().and_then(|t| t.payload()) {
            f.detached.set(true);
        }
        return Ok(below);
    }
    let (this, _) = method_args(vm, &args, "detach", 0, 0)?;
    let (st, layer) = file_of(vm, this)?;
    if !st.borrow().closed {
        text_commit(vm, &st, layer)?;
        flush_writes(vm, &st)?;
    }
    let b = below(vm, this)?;
    if let Some(Payload::File(f)) = this.payload() {
        f.detached.set(true);
    }
    Ok(b)
}

fn file_write_through(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "write_through", member);
    let w = text_cfg(vm, this, |t| t.write_through)?;
    Ok(Value::bool(w))
}

/// `TextIOWrapper.reconfigure(*, encoding=None, errors=None, newline=None,
/// line_buffering=None, write_through=None)` (CPython's `_io_TextIOWrapper_reconfigure_impl`):
/// flushes first; an encoding without errors resets errors to strict.
fn file_reconfigure(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    delegated!(vm, args, "reconfigure");
    let pos = args.pos();
    let Some(this) = pos.first() else {
        return Err(vm.type_error("descriptor 'reconfigure' needs an argument"));
    };
    if pos.len() > 1 {
        return Err(vm.type_error("reconfigure() takes no positional arguments"));
    }
    let (st, layer) = open_file(vm, this, "reconfigure")?;
    let names = [
        "encoding",
        "errors",
        "newline",
        "line_buffering",
        "write_through",
    ];
    let mut vals: [Option<Value>; 5] = Default::default();
    for (k, v) in args.kwargs() {
        let kn = vm.str_text(k);
        match names.iter().position(|n| *n == kn) {
            Some(i) => vals[i] = Some(v.clone()).filter(|v| !v.is_none()),
            None => {
                return Err(vm.type_error(format!(
                    "'{kn}' is an invalid keyword argument for reconfigure()"
                )));
            }
        }
    }
    let mut texts: [Option<String>; 3] = Default::default();
    for (i, what) in names.iter().enumerate().take(3) {
        if let Some(v) = &vals[i] {
            if !matches!(v.payload(), Some(Payload::Str(_))) {
                return Err(vm.type_error(format!(
                    "reconfigure() argument '{what}' must be str or None, not {}",
                    vm.type_name(v)
                )));
            }
            texts[i] = Some(vm.str_text(v));
        }
    }
    if let Some(nl) = &texts[2]
        && !matches!(nl.as_str(), "" | "\n" | "\r" | "\r\n")
    {
        return Err(vm.value_error(format!("illegal newline value: {nl}")));
    }
    if let Some(e) = &texts[0]
        && e != "locale"
    {
        crate::objects::codecs::check_encoding(vm, e)?;
    }
    let lb = match &vals[3] {
        Some(v) => Some(vm.is_true(v)?),
        None => None,
    };
    let wt = match &vals[4] {
        Some(v) => Some(vm.is_true(v)?),
        None => None,
    };
    let has_read = st.borrow().rpos < st.borrow().rbuf.len();
    if has_read && (texts[0].is_some() || texts[1].is_some() || vals[2].is_some()) {
        return Err(unsupported(
            vm,
            "It is not possible to set the encoding or newline of stream after the first read",
        ));
    }
    text_commit(vm, &st, layer)?;
    flush_writes(vm, &st)?;
    let [encoding, errors, newline] = texts;
    let mut s = st.borrow_mut();
    let Some(t) = s.text.as_mut() else {
        return Ok(Value::None);
    };
    match (encoding, errors) {
        (Some(e), errors) => {
            t.encoding = if e == "locale" {
                String::from("utf-8")
            } else {
                e
            };
            t.errors = errors.unwrap_or_else(|| String::from("strict"));
        }
        (None, Some(errors)) => t.errors = errors,
        (None, None) => {}
    }
    if vals[2].is_some() {
        t.newline = newline;
    }
    if let Some(lb) = lb {
        t.line_buffering = lb;
    }
    if let Some(wt) = wt {
        t.write_through = wt;
    }
    Ok(Value::None)
}

/// A text file's settings (plain members in CPython: readable after `detach()` too).
fn text_cfg<T>(vm: &mut Vm, this: &Value, f: impl Fn(&TextCfg) -> T) -> PyResult<T> {
    let st = match this.payload() {
        Some(Payload::File(f)) if f.ready.get() => f.st.borrow().clone(),
        _ => file_of(vm, this)?.0,
    };
    let s = st.borrow();
    match &s.text {
        Some(t) => Ok(f(t)),
        None => Err(vm.type_error("not a text file")),
    }
}

/// `TextIOWrapper._CHUNK_SIZE` (CPython's `textiowrapper_chunk_size_get`); a delegated
/// file's is `_pyio`'s.
fn file_chunk_size(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    if delegate_of(this).is_some() {
        let key = vm.intern("_CHUNK_SIZE");
        return Ok(pyio_state_get(vm, this, &key).unwrap_or(Value::Int(8192)));
    }
    file_of(vm, this)?;
    let n = text_cfg(vm, this, |t| t.chunk_size)?;
    Ok(Value::Int(n))
}

/// Setting `_CHUNK_SIZE`: a strictly positive size (`textiowrapper_chunk_size_set`).
fn file_set_chunk_size(vm: &mut Vm, this: &Value, value: Option<Value>) -> PyResult<()> {
    let Some(v) = value else {
        return Err(vm.attribute_error("cannot delete attribute"));
    };
    file_of(vm, this)?;
    let n = vm.index_to_i64(&v)?;
    if n <= 0 {
        return Err(vm.value_error("a strictly positive integer is required"));
    }
    if delegate_of(this).is_some() {
        delegated_setattr(vm, this, "_CHUNK_SIZE", Some(Value::Int(n)))?;
        return Ok(());
    }
    let st = match this.payload() {
        Some(Payload::File(f)) => f.st.borrow().clone(),
        _ => return Ok(()),
    };
    if let Some(t) = &mut st.borrow_mut().text {
        t.chunk_size = n;
    }
    Ok(())
}

fn file_encoding(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "encoding", member);
    let e = text_cfg(vm, this, |t| t.encoding.clone())?;
    Ok(vm.new_string(e))
}

fn file_errors(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "errors", member);
    let e = text_cfg(vm, this, |t| t.errors.clone())?;
    Ok(vm.new_string(e))
}

fn file_newlines(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "newlines");
    text_cfg(vm, this, |_| ())?;
    Ok(Value::None)
}

fn file_line_buffering(vm: &mut Vm, this: &Value) -> PyResult<Value> {
    delegated_attr!(vm, this, "line_buffering", member);
    let lb = text_cfg(vm, this, |t| t.line_buffering)?;
    Ok(Value::bool(lb))
}

impl Vm {
    /// At exit, flush and close every file still open (CPython flushes them as the last
    /// references go during finalization).
    pub fn close_open_files(&mut self) {
        self.run_finalizers();
        let open: Vec<_> = self.io.open.drain(..).filter_map(|w| w.upgrade()).collect();
        for st in open {
            let _ = close_state(self, &st);
        }
    }
}

/// The `_io` module: the native file types and `open`, plus `io_prelude.py` (the abstract
/// bases, `StringIO`, `BytesIO`, `BufferedRWPair`, `IncrementalNewlineDecoder`).
pub fn init_module(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let t = io_types(vm);
    let Payload::Module(md) = &m.payload else {
        return Ok(());
    };
    let d = md.dict.clone();
    vm.set_dict_str(&d, "DEFAULT_BUFFER_SIZE", Value::Int(BUFFER_SIZE as i64));
    let blocking = Value::Obj(vm.types.blocking_io_error.clone());
    vm.set_dict_str(&d, "BlockingIOError", blocking);
    vm.set_dict_str(&d, "UnsupportedOperation", Value::Obj(t.unsupported));
    vm.set_dict_str(&d, "FileIO", Value::Obj(t.file_io));
    vm.set_dict_str(&d, "BufferedReader", Value::Obj(t.reader));
    vm.set_dict_str(&d, "BufferedWriter", Value::Obj(t.writer));
    vm.set_dict_str(&d, "BufferedRandom", Value::Obj(t.random));
    vm.set_dict_str(&d, "TextIOWrapper", Value::Obj(t.text));
    let open = vm.getattr_str(&Value::Obj(vm.builtins_module.clone()), "open")?;
    vm.set_dict_str(&d, "open", open);
    let bm = Value::Obj(vm.builtins_module.clone());
    vm.set_dict_str(&d, "__builtins__", bm);
    let co = vm.compile_builtin_source(include_str!("io_prelude.py"), "<_io>", "_krait_io")?;
    vm.run_code(co, d, None)?;
    Ok(())
}

impl Vm {
    /// `Host::read`, with the interpreter lock released during the call when other threads
    /// exist and the host can (a pipe read may wait for another Python thread's write).
    pub fn host_read(&mut self, fd: i32, n: usize) -> std::io::Result<Vec<u8>> {
        if self.threads_active()
            && let Some(read) = self.host.detached_read(fd)
        {
            return self.allow_threads(move || read(fd, n));
        }
        self.host.read(fd, n)
    }

    /// `Host::write`, released as [`Vm::host_read`] (a full pipe waits for its reader).
    pub fn host_write(&mut self, fd: i32, data: &[u8]) -> std::io::Result<usize> {
        if self.threads_active()
            && let Some(write) = self.host.detached_write(fd)
        {
            return self.allow_threads(move || write(fd, data));
        }
        self.host.write(fd, data)
    }
}

//! The standard streams (CPython: `Python/pylifecycle.c: create_stdio`). `sys.stdin`,
//! `sys.stdout` and `sys.stderr` are `_io.TextIOWrapper`s over a `BufferedReader` or
//! `BufferedWriter` over a `FileIO` named `<stdin>`, `<stdout>`, `<stderr>` (`closefd=False`),
//! built as CPython builds them: newline `"\n"`; stdout line-buffered only on a terminal,
//! stderr always; with `-u` the text layer writes through and `buffer` is the `FileIO` itself.
//!
//! The raw layer does not touch descriptors 0-2: it reads and writes through the Host's
//! standard-stream calls (`read_stdin`, `write_stdout`, `write_stderr`), which the sandbox
//! and embedders capture. The interpreter's own output (tracebacks, warnings, `print`'s fast
//! path) goes through the same shared state, so it comes out in order with everything a
//! program writes to either layer.

use std::cell::RefCell;
use std::rc::Rc;

use super::io::{
    FileState, Layer, TextCfg, commit_pending, file_instance, flush_writes, text_type,
};
use crate::value::Value;
use crate::{PyResult, Vm};

/// CPython's stdio encoding and error handlers (`config_init_stdio_encoding`):
/// `PYTHONIOENCODING=encoding:errors`, else UTF-8 with `surrogateescape` under the C/POSIX
/// locales (and their UTF-8 coercion targets), `strict` otherwise; stderr always
/// `backslashreplace`.
fn stdio_encoding(vm: &mut Vm) -> (String, String) {
    let io = vm.host.env_var("PYTHONIOENCODING").unwrap_or_default();
    let (enc, errors) = match io.split_once(':') {
        Some((e, r)) => (e.to_string(), Some(r.to_string()).filter(|r| !r.is_empty())),
        None => (io.clone(), None),
    };
    let enc = if enc.is_empty() {
        None
    } else {
        Some(canonical_encoding(&enc))
    };
    let errors = match (errors, &enc) {
        (Some(r), _) => r,
        (None, Some(_)) => String::from("strict"),
        (None, None) => {
            let loc = ["LC_ALL", "LC_CTYPE", "LANG"]
                .iter()
                .find_map(|k| vm.host.env_var(k).filter(|v| !v.is_empty()))
                .unwrap_or_default();
            let c_like = matches!(
                loc.as_str(),
                "" | "C" | "POSIX" | "C.UTF-8" | "C.utf8" | "C.UTF8" | "C.utf-8"
            );
            String::from(if c_like { "surrogateescape" } else { "strict" })
        }
    };
    (enc.unwrap_or_else(|| String::from("utf-8")), errors)
}

/// The name a codec reports for the common spellings (CPython shows the codec's name).
fn canonical_encoding(e: &str) -> String {
    let e = e.trim().to_ascii_lowercase().replace('_', "-");
    match e.as_str() {
        "utf8" | "u8" | "utf" | "cp65001" => String::from("utf-8"),
        "latin-1" | "latin1" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819" => {
            String::from("iso8859-1")
        }
        _ => e,
    }
}

/// Make the three streams' shared states and their text objects (for `sys`); the buffered
/// and raw objects are made when first asked for.
pub(crate) fn make_std_streams(vm: &mut Vm) -> [Value; 3] {
    let (encoding, errors) = stdio_encoding(vm);
    let unbuffered = vm.config.unbuffered;
    let mut out = Vec::with_capacity(3);
    for fd in 0..3i32 {
        let name = vm.new_str(["<stdin>", "<stdout>", "<stderr>"][fd as usize]);
        let mut s = FileState::new(fd, name, fd == 0, fd != 0);
        s.closefd = false;
        s.std = true;
        s.unbuffered = unbuffered && fd != 0;
        let tty = match fd {
            0 => vm.host.stdin_is_tty(),
            1 => vm.host.isatty(1),
            _ => false,
        };
        let mut t = TextCfg::new(
            Some(encoding.clone()),
            Some(if fd == 2 {
                String::from("backslashreplace")
            } else {
                errors.clone()
            }),
            Some(String::from("\n")),
        );
        t.line_buffering = !unbuffered && (tty || fd == 2);
        t.write_through = unbuffered;
        s.text = Some(t);
        let st = Rc::new(RefCell::new(s));
        vm.io.std[fd as usize] = Some(st.clone());
        let cls = text_type(vm);
        let obj = file_instance(vm, cls, st, Layer::Text);
        // CPython's `create_stdio` sets `mode` on the wrapper.
        if let Some(d) = &obj.materialized_dict() {
            let mode = vm.new_str(if fd == 0 { "r" } else { "w" });
            vm.set_dict_str(d, "mode", mode);
        }
        out.push(Value::Obj(obj));
    }
    let mut it = out.into_iter();
    let mut next = || it.next().unwrap_or(Value::None);
    [next(), next(), next()]
}

impl Vm {
    fn std_state(&self, fd: usize) -> Option<Rc<RefCell<FileState>>> {
        self.io.std[fd].clone().filter(|st| !st.borrow().closed)
    }

    /// Write the interpreter's own output to standard output's text layer (`print`'s fast
    /// path, the REPL's results): in order with the program's writes to either layer.
    pub fn write_stdout(&mut self, data: &[u8]) {
        match self.std_state(1) {
            Some(st) => {
                let haslf = data.iter().any(|&b| b == b'\n' || b == b'\r');
                let _ = super::io::text_write_bytes(self, &st, data, haslf);
            }
            None => {
                let _ = self.host.write_stdout(data);
            }
        }
    }

    /// Hand everything written to standard output so far to the host (errors are dropped:
    /// the exit path reports them through [`Vm::flush_std_files`]).
    pub fn flush_stdout(&mut self) {
        if let Some(st) = self.std_state(1) {
            let _ = commit_pending(self, &st).and_then(|()| flush_writes(self, &st));
        }
        let _ = self.host.flush();
    }

    /// Hand what the program left in standard error's layers to the host.
    pub fn flush_stderr(&mut self) {
        if let Some(st) = self.std_state(2) {
            let _ = commit_pending(self, &st).and_then(|()| flush_writes(self, &st));
        }
    }

    /// Write the interpreter's own messages to standard error, out at once (after whatever
    /// the program left in its layers).
    pub fn write_stderr(&mut self, data: &[u8]) {
        match self.std_state(2) {
            Some(st) => {
                let _ = super::io::text_write_bytes(self, &st, data, false)
                    .and_then(|()| commit_pending(self, &st))
                    .and_then(|()| flush_writes(self, &st));
            }
            None => {
                let _ = self.host.write_stderr(data);
            }
        }
    }

    /// At exit, `sys.stdout.flush()` and `sys.stderr.flush()` on whatever those are now
    /// (CPython's `flush_std_files`): a failing stdout is reported as unraisable, and either
    /// failing makes the exit status 120.
    pub fn flush_std_files(&mut self) -> bool {
        if self.limit_tripped() {
            // No Python code runs once a limit ended the run: the layers are flushed natively
            // at the very end (`flush_stdout`).
            return true;
        }
        let mut ok = true;
        for name in ["stdout", "stderr"] {
            let Some(f) = self.sys_attr(name).filter(|f| !f.is_none()) else {
                continue;
            };
            let closed = self
                .getattr_str(&f, "closed")
                .and_then(|c| self.is_true(&c))
                .unwrap_or(false);
            if closed {
                continue;
            }
            let r = self
                .getattr_str(&f, "flush")
                .and_then(|m| self.call_pos(&m, &[]));
            if let Err(e) = r {
                ok = false;
                if name == "stdout" {
                    let who = self.repr_string(&f).unwrap_or_default();
                    let text = self.format_exception(&Value::Obj(e.0));
                    self.write_stderr(format!("Exception ignored in: {who}\n{text}").as_bytes());
                }
            }
        }
        ok
    }
}

/// `print()`'s fast path: `file` is one of the native text files (not a subclass that may
/// override `write`); write `text` to it as `file.write(text)` would.
pub(crate) fn native_text_write(vm: &mut Vm, file: &Value, text: &str) -> Option<PyResult<()>> {
    let crate::object::Payload::File(f) = file.payload()? else {
        return None;
    };
    if !f.is_plain_text(vm, file) {
        return None;
    }
    let s = vm.new_str(text);
    Some(super::io::write_impl(vm, file, &s).map(|_| ()))
}

/// `file.write(text)` on a native text file (`is_native_text`) given the text's WTF-8
/// bytes, without the method call.
pub(crate) fn native_write(vm: &mut Vm, file: &Value, wtf8: &[u8]) -> PyResult<()> {
    super::io::text_write_wtf8(vm, file, wtf8)
}

/// Whether `file` is a native text file `print` may write to directly.
pub(crate) fn is_native_text(vm: &mut Vm, file: &Value) -> bool {
    matches!(file.payload(), Some(crate::object::Payload::File(f)) if f.is_plain_text(vm, file))
}

/// Flush a native text file (`print(..., flush=True)`'s fast path).
pub(crate) fn native_flush(vm: &mut Vm, file: &Value) -> Option<PyResult<()>> {
    let crate::object::Payload::File(f) = file.payload()? else {
        return None;
    };
    if !f.is_plain_text(vm, file) {
        return None;
    }
    Some(super::io::flush_impl(vm, file))
}

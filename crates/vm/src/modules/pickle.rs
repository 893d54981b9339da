//! `_pickle`, CPython's C accelerator for `pickle` (`Modules/_pickle.c`).
//!
//! `PickleBuffer` (PEP 574) is native: a buffer-protocol object over a bytes-like exporter,
//! with `raw()` and `release()`. The pickling machinery is not native yet: the module runs
//! `Lib/pickle.py` a second time in a scratch namespace (where `from _pickle import Pickler`
//! fails, so the file keeps its pure `_Pickler`/`_Unpickler`), and `PRELUDE` renames that
//! copy's classes, functions and exceptions to C's names (`_pickle.Pickler`, `_pickle.dumps`,
//! `_pickle.PicklingError`, ...) and adds what C's types check that the pure ones do not
//! (the `memo` setters' validation, `UnpicklingError` for damaged input). `pickle` then
//! imports them as it imports C's, and tests asking for the accelerator by name find one.
//! Running the second copy of `pickle.py` costs about as much as importing it.

use std::cell::RefCell;

use crate::import::Located;
use crate::native::{method_args, native_ref};
use crate::object::{ObjRef, Payload};
use crate::objects::bytes::memoryview;
use crate::objects::function::{Args, BuiltinData, NativeFn};
use crate::value::Value;
use crate::{PyResult, Vm};

/// C's module docstring.
const DOC: &str = "Optimized C implementation for the Python pickle module.";

/// `pickle.PickleBuffer`: the view taken of the exporter, `None` once released.
pub(crate) struct PickleBuffer {
    view: RefCell<Option<Value>>,
}

/// The view of a live `PickleBuffer` (a `memoryview`), `None` for other objects.
pub(crate) fn live_view(n: &dyn std::any::Any) -> Option<Option<Value>> {
    n.downcast_ref::<PickleBuffer>()
        .map(|pb| pb.view.borrow().clone())
}

/// The bytes of a live `PickleBuffer` (`bytes(pb)` and the other buffer consumers).
pub(super) fn native_buffer(n: &dyn std::any::Any) -> Option<Vec<u8>> {
    let view = live_view(n)??;
    match view.payload() {
        Some(Payload::MemoryView(m)) => Some(memoryview::view_bytes(m)),
        _ => None,
    }
}

/// The view a `PickleBuffer` holds (`gc.get_referents`).
pub(super) fn native_referents(n: &dyn std::any::Any, visit: &mut dyn FnMut(&Value)) {
    if let Some(pb) = n.downcast_ref::<PickleBuffer>()
        && let Ok(v) = pb.view.try_borrow()
        && let Some(v) = &*v
    {
        visit(v);
    }
}

pub(super) fn init(vm: &mut Vm, m: &ObjRef) -> PyResult<()> {
    let Payload::Module(md) = &m.payload else {
        return Ok(());
    };
    let d = md.dict.clone();
    let pb = super::new_type(vm, "pickle", "PickleBuffer", false);
    vm.add_methods(
        &pb,
        crate::methods![
            staticmethod "__new__" => pb_new, "";
            method "raw" => pb_raw, "raw($self, /)\n--\n\nReturn a memoryview of the raw memory underlying this buffer.\nWill raise BufferError is the buffer isn't contiguous.";
            method "release" => pb_release, "release($self, /)\n--\n\nRelease the underlying buffer exposed by the PickleBuffer object.";
        ],
    );
    let doc = vm.new_str("Wrapper for potentially out-of-band buffers");
    vm.set_type_attr(&pb, "__doc__", doc);
    super::set_attr(vm, m, "PickleBuffer", Value::Obj(pb));

    // The pure implementation, from a second run of `pickle.py` (see the module comment).
    let file = match vm.locate_on_path("pickle", None)? {
        Located::Source(file, None) => file,
        _ => {
            let t = vm.types.module_not_found_error.clone();
            return Err(vm.new_exception_msg(&t, "No module named 'pickle'"));
        }
    };
    let code = vm.source_code(&file)?;
    let ns = vm.new_dict();
    let name = vm.new_str("pickle");
    vm.set_dict_str(&ns, "__name__", name);
    let f = vm.new_str(file.as_str());
    vm.set_dict_str(&ns, "__file__", f);
    let bd = Value::Obj(vm.builtins.clone());
    vm.set_dict_str(&ns, "__builtins__", bd.clone());
    vm.run_code(code, ns.clone(), None)?;

    vm.set_dict_str(&d, "__builtins__", bd);
    vm.set_dict_str(&d, "_pure", Value::Obj(ns.clone()));
    vm.mods.pickle_impl = Some(ns);
    let co = vm.compile_builtin_source(PRELUDE, "<_pickle>", "_krait_pickle")?;
    vm.run_code(co, d.clone(), None)?;
    let doc = vm.new_str(DOC);
    vm.set_dict_str(&d, "__doc__", doc);
    let funcs: [(&'static str, NativeFn, &'static str); 4] = [
        ("dump", fn_dump, DUMP_DOC),
        ("dumps", fn_dumps, DUMPS_DOC),
        ("load", fn_load, LOAD_DOC),
        ("loads", fn_loads, LOADS_DOC),
    ];
    for (name, func, doc) in funcs {
        // Bound to the module (`__self__`, as for C's module functions). A class body that
        // imports them does not make them methods, as it would Python functions.
        let data = BuiltinData {
            name,
            func,
            bound: Some(Value::Obj(m.clone())),
            owner: None,
            doc: Some(doc),
            is_method: true,
            is_classmethod: false,
            is_static: false,
            needs_frame: false,
            fastcall: false,
        };
        let f = ObjRef::new(
            vm.types.builtin_function.clone(),
            Payload::Builtin(Box::new(data)),
        );
        vm.set_dict_str(&d, name, Value::Obj(f));
    }
    Ok(())
}

/// Call the pure implementation's `_<name>` (the scratch namespace of the `_pickle` last
/// made), dropping its frames from the traceback of an error.
fn forward(vm: &mut Vm, args: Args<'_>, name: &str) -> PyResult<Value> {
    let Some(ns) = vm.mods.pickle_impl.clone() else {
        return Err(vm.runtime_error(format!("_pickle.{name} is not initialised")));
    };
    let k = vm.intern(&format!("_{name}"));
    let Some(body) = vm.dict_get_str_obj(&ns, &k) else {
        return Err(vm.runtime_error(format!("_pickle.{name} is not initialised")));
    };
    let rest = Args {
        values: args.values.get(1..).unwrap_or(&[]),
        kwnames: args.kwnames,
    };
    let r = vm.call(&body, rest);
    if let Err(e) = &r {
        let k = vm.intern("_krait_strip_traceback");
        if let Some(strip) = vm.dict_get_str_obj(&ns, &k) {
            vm.call_pos(&strip, &[Value::Obj(e.0.clone())])?;
        }
    }
    r
}

fn fn_dump(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, args, "dump")
}

fn fn_dumps(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, args, "dumps")
}

fn fn_load(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, args, "load")
}

fn fn_loads(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    forward(vm, args, "loads")
}

const DUMP_DOC: &str = "dump($module, /, obj, file, protocol=None, *, fix_imports=True,\n     buffer_callback=None)\n--\n\nWrite a pickled representation of obj to the open file object file.";
const DUMPS_DOC: &str = "dumps($module, /, obj, protocol=None, *, fix_imports=True,\n      buffer_callback=None)\n--\n\nReturn the pickled representation of the object as a bytes object.";
const LOAD_DOC: &str = "load($module, /, file, *, fix_imports=True, encoding='ASCII',\n     errors='strict', buffers=())\n--\n\nRead and return an object from the pickle data stored in a file.";
const LOADS_DOC: &str = "loads($module, /, data, *, fix_imports=True, encoding='ASCII',\n      errors='strict', buffers=())\n--\n\nRead and return an object from the given pickle data.";

fn pb_new(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let cls = crate::native::new_cls(vm, &args, "PickleBuffer")?;
    let pos = args.pos().get(1..).unwrap_or(&[]);
    let nkw = args.kwargs().count();
    if pos.len() + nkw > 1 {
        return Err(vm.type_error(format!(
            "PickleBuffer() takes at most 1 argument ({} given)",
            pos.len() + nkw
        )));
    }
    let Some(obj) = pos.first() else {
        return Err(vm.type_error("PickleBuffer() takes exactly 1 positional argument (0 given)"));
    };
    let view = match memoryview::from_object(vm, obj) {
        Ok(v) => v,
        Err(e) if vm.err_matches(&e, &vm.types.type_error.clone()) => {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(obj)
            )));
        }
        Err(e) => return Err(e),
    };
    let pb = PickleBuffer {
        view: RefCell::new(Some(view)),
    };
    Ok(Value::Obj(
        vm.new_object(&cls, Payload::Native(Box::new(pb))),
    ))
}

fn this_buffer<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<&'a PickleBuffer> {
    match native_ref::<PickleBuffer>(v) {
        Some(pb) => Ok(pb),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "descriptor requires a 'pickle.PickleBuffer' object but received a '{tn}'"
            )))
        }
    }
}

/// `ValueError` for a released buffer.
pub(crate) fn released_error(vm: &mut Vm) -> crate::PyErr {
    vm.value_error("operation forbidden on released PickleBuffer object")
}

/// `PickleBuffer.raw()`: a 1-D unsigned-byte view of the memory, for a contiguous buffer.
fn pb_raw(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "raw", 0, 0)?;
    let view = this_buffer(vm, this)?.view.borrow().clone();
    let Some(view) = view else {
        return Err(released_error(vm));
    };
    memoryview::raw_view(vm, &view)
}

/// `PickleBuffer.release()`: give the exporter back its buffer; idempotent.
fn pb_release(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let (this, _) = method_args(vm, &args, "release", 0, 0)?;
    let view = this_buffer(vm, this)?.view.borrow_mut().take();
    if let Some(Payload::MemoryView(m)) = view.as_ref().and_then(|v| v.payload()) {
        m.release_export();
    }
    Ok(Value::None)
}

/// The Python half of the module, run in its namespace with `_pure` bound to the scratch run
/// of `pickle.py`.
const PRELUDE: &str = r#"
def _krait_setup(pure):
    g = globals()
    PicklingError = pure['PicklingError']
    UnpicklingError = pure['UnpicklingError']
    _Pickler = pure['_Pickler']
    _Unpickler = pure['_Unpickler']
    for name in ('PickleError', 'PicklingError', 'UnpicklingError'):
        cls = pure[name]
        cls.__module__ = '_pickle'
        g[name] = cls
    for name in ('Pickler', 'Unpickler'):
        cls = pure['_' + name]
        cls.__name__ = cls.__qualname__ = name
        cls.__module__ = '_pickle'
        g[name] = cls

    def strip_traceback(exc):
        # C's functions add no traceback entries: drop the pure implementation's frames
        # (user code it called, a __reduce__ or persistent_id, keeps its own).
        tb = exc.__traceback__
        keep = []
        while tb is not None:
            if tb.tb_frame.f_globals is not pure and tb.tb_frame.f_globals is not g:
                keep.append(tb)
            tb = tb.tb_next
        for i, tb in enumerate(keep):
            tb.tb_next = keep[i + 1] if i + 1 < len(keep) else None
        exc.__traceback__ = keep[0] if keep else None
    # Kept in the scratch namespace, which the native functions reach.
    pure['_krait_strip_traceback'] = strip_traceback

    # C names a local object before looking it up (`get_dotted_path`), with AttributeError.
    pure_save_global = _Pickler.save_global

    def save_global(self, obj, name=None):
        qualname = name if name is not None else getattr(obj, '__qualname__', None)
        if isinstance(qualname, str) and '<locals>' in qualname.split('.'):
            raise AttributeError("Can't pickle local object %r" % (qualname,))
        return pure_save_global(self, obj, name)
    save_global.__name__ = save_global.__qualname__ = 'save_global'
    _Pickler.save_global = save_global
    for key, value in list(_Pickler.dispatch.items()):
        if value is pure_save_global:
            _Pickler.dispatch[key] = save_global

    def _check_memo(value, what):
        if not isinstance(value, dict):
            raise TypeError("'memo' attribute must be a%s %sMemoProxy object or dict, not %s"
                            % ('n' if what == 'Unpickler' else '', what, type(value).__name__))
        return value

    def pickler_setattr(self, name, value):
        if name == 'memo':
            value = _check_memo(value, 'Pickler')
        object.__setattr__(self, name, value)
    _Pickler.__setattr__ = pickler_setattr

    def unpickler_setattr(self, name, value):
        if name == 'memo':
            value = _check_memo(value, 'Unpickler')
            for key in value:
                if not isinstance(key, int):
                    raise TypeError("memo key must be integers")
                if key < 0:
                    raise ValueError("memo key must be positive integers.")
        object.__setattr__(self, name, value)
    _Unpickler.__setattr__ = unpickler_setattr

    # C's unpickler reads exactly: a short argument is UnpicklingError('pickle data was
    # truncated') and a missing opcode EOFError('Ran out of input'), where the pure one lets
    # short reads through to fail later (struct.error, IndexError, a bare EOFError). Stack
    # and mark underflows are UnpicklingError too. This load runs the pure opcode handlers
    # over reads that check their length.
    pure_load = _Unpickler.load
    Unframer = pure['_Unframer']
    Stop = pure['_Stop']
    mark_ops = frozenset(b'tledui1o\x91\x90')
    globals_ = pure

    def truncated():
        return UnpicklingError('pickle data was truncated')

    def load(self):
        if not hasattr(self, '_file_read'):
            raise UnpicklingError('Unpickler.__init__() was not called by %s.__init__()'
                                  % (type(self).__name__,))
        file_read = self._file_read

        def exact_file_read(n):
            data = file_read(n)
            if len(data) < n:
                raise truncated()
            return data
        unframer = Unframer(exact_file_read, self._file_readline)
        self._unframer = unframer
        frame_read = unframer.read
        frame_readline = unframer.readline

        def read(n):
            data = frame_read(n)
            if len(data) < n:
                raise truncated()
            return data

        def readline():
            line = frame_readline()
            if not line.endswith(b'\n'):
                raise truncated()
            return line
        self.read = read
        self.readinto = unframer.readinto
        self.readline = readline
        self.metastack = []
        self.stack = []
        self.append = self.stack.append
        self.proto = 0
        dispatch = self.dispatch
        key = None
        try:
            while True:
                frame = unframer.current_frame
                key = frame.read(1) if frame else b''
                if not key:
                    unframer.current_frame = None
                    key = file_read(1)
                    if not key:
                        raise EOFError('Ran out of input')
                op = dispatch.get(key[0])
                if op is None:
                    c = key[0]
                    if 0x20 <= c <= 0x7e and c not in b"'\\":
                        raise UnpicklingError("invalid load key, '%c'." % c)
                    raise UnpicklingError("invalid load key, '\\x%02x'." % c)
                op(self)
        except Stop as stop:
            return stop.value
        except IndexError as e:
            tb = e.__traceback__
            while tb.tb_next is not None:
                tb = tb.tb_next
            if tb.tb_frame.f_globals is not globals_:
                raise
            if key[0] in mark_ops and not self.metastack:
                raise UnpicklingError('could not find MARK') from None
            if self.metastack:
                raise UnpicklingError('unexpected MARK found') from None
            raise UnpicklingError('unpickling stack underflow') from None
    load.__name__ = load.__qualname__ = 'load'
    load.__module__ = '_pickle'
    load.__doc__ = pure_load.__doc__
    _Unpickler.load = load

_krait_setup(_pure)
del _krait_setup, _pure
"#;

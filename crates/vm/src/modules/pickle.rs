//! `_pickle`, CPython's C accelerator for `pickle` (`Modules/_pickle.c`).
//!
//! `PickleBuffer` (PEP 574) is native: a buffer-protocol object over a bytes-like exporter,
//! with `raw()` and `release()`. `loads` over in-memory data is native (`pickle/loads.rs`).
//! The rest of the machinery is not native yet: the module runs `Lib/pickle.py` a second time
//! in a scratch namespace (where `from _pickle import Pickler` fails, so the file keeps its pure
//! `_Pickler`/`_Unpickler`), and `PRELUDE` renames that copy's classes and exceptions to C's
//! names (`_pickle.Pickler`, `_pickle.PicklingError`, ...) and adds what C's types do that the
//! pure ones do not (the `memo` setters' validation, exact reads with `UnpicklingError` for
//! damaged input, `AttributeError` for local objects). `dump`, `dumps` and `load` are builtins
//! over the pure functions, whose frames they drop from an error's traceback as C adds none.
//! `pickle` imports all of these as it imports C's, and tests asking for the accelerator by
//! name find one. Running the second copy of `pickle.py` costs about as much as importing it.

use std::cell::RefCell;

mod loads;

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
        strip_traceback(vm, e)?;
    }
    r
}

/// Drop the pure implementation's frames from the traceback of `e`.
fn strip_traceback(vm: &mut Vm, e: &crate::PyErr) -> PyResult<()> {
    let Some(ns) = vm.mods.pickle_impl.clone() else {
        return Ok(());
    };
    let k = vm.intern("_krait_strip_traceback");
    if let Some(strip) = vm.dict_get_str_obj(&ns, &k) {
        vm.call_pos(&strip, &[Value::Obj(e.0.clone())])?;
    }
    Ok(())
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
    // The native loader takes in-memory data without out-of-band buffers; other calls
    // (and their argument errors) go to the pure function.
    let pos = args.pos();
    if pos.len() != 2 {
        return forward(vm, args, "loads");
    }
    let mut opts = loads::Options {
        fix_imports: Value::bool(true),
        encoding: vm.new_str("ASCII"),
        errors: vm.new_str("strict"),
    };
    for (k, v) in args.kwargs() {
        let is_str = matches!(v.payload(), Some(Payload::Str(_)));
        match vm.str_text(k).as_str() {
            "fix_imports" => opts.fix_imports = v.clone(),
            "encoding" if is_str => opts.encoding = v.clone(),
            "errors" if is_str => opts.errors = v.clone(),
            "buffers" if v.is_none() => {}
            _ => return forward(vm, args, "loads"),
        }
    }
    let data = &pos[1];
    if let Some(Payload::MemoryView(m)) = data.payload() {
        memoryview::check_released(vm, m)?;
    }
    let r = match data.payload() {
        Some(Payload::Bytes(b)) => loads::loads(vm, b, &opts),
        _ => match crate::objects::bytes::bytes_of(data) {
            Some(b) => loads::loads(vm, &b, &opts),
            None => {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(data)
                )));
            }
        },
    };
    if let Err(e) = &r {
        strip_traceback(vm, e)?;
    }
    r
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

def _krait_loads_helpers(pure):
    # What `loads.rs` leaves to Python, with C's messages.
    import sys
    import codecs
    UnpicklingError = pure['UnpicklingError']
    compat = pure['_compat_pickle']
    getattribute = pure['_getattribute']
    extension_cache = pure['_extension_cache']
    inverted_registry = pure['_inverted_registry']

    def find_class(module, name, proto, fix_imports):
        sys.audit('pickle.find_class', module, name)
        if proto < 3 and fix_imports:
            if (module, name) in compat.NAME_MAPPING:
                module, name = compat.NAME_MAPPING[(module, name)]
            elif module in compat.IMPORT_MAPPING:
                module = compat.IMPORT_MAPPING[module]
        __import__(module, level=0)
        if proto >= 4:
            return getattribute(sys.modules[module], name)[0]
        return getattr(sys.modules[module], name)

    def string(data, encoding, errors, quoted):
        if quoted:
            if len(data) >= 2 and data[0] == data[-1] and data[0] in b'"\'':
                data = codecs.escape_decode(data[1:-1])[0]
            else:
                raise UnpicklingError('the STRING opcode argument must be quoted')
        if encoding == 'bytes':
            return data
        return data.decode(encoding, errors)

    def check_newobj(op, cls, args):
        if not isinstance(cls, type):
            raise UnpicklingError('%s class argument must be a type, not %s'
                                  % (op, type(cls).__name__))
        if not isinstance(args, tuple):
            raise UnpicklingError('%s args argument must be a tuple, not %s'
                                  % (op, type(args).__name__))

    def newobj(cls, args):
        check_newobj('NEWOBJ', cls, args)
        return cls.__new__(cls, *args)

    def newobj_ex(cls, args, kwargs):
        check_newobj('NEWOBJ_EX', cls, args)
        if not isinstance(kwargs, dict):
            raise UnpicklingError('NEWOBJ_EX kwargs argument must be a dict, not %s'
                                  % (type(kwargs).__name__,))
        return cls.__new__(cls, *args, **kwargs)

    def build(inst, state):
        setstate = getattr(inst, '__setstate__', None)
        if setstate is not None:
            setstate(state)
            return
        slotstate = None
        if isinstance(state, tuple) and len(state) == 2:
            state, slotstate = state
        if state is not None:
            if not isinstance(state, dict):
                raise UnpicklingError('state is not a dictionary')
            inst_dict = inst.__dict__
            intern = sys.intern
            for k, v in state.items():
                if type(k) is str:
                    k = intern(k)
                inst_dict[k] = v
        if slotstate is not None:
            if not isinstance(slotstate, dict):
                raise UnpicklingError('slot state is not a dictionary')
            for k, v in slotstate.items():
                setattr(inst, k, v)

    def instantiate(cls, args):
        if not args and isinstance(cls, type) and not hasattr(cls, '__getinitargs__'):
            return cls.__new__(cls)
        return cls(*args)

    missing = object()

    def ext(code, proto, fix_imports):
        if code <= 0:
            raise UnpicklingError('EXT specifies code <= 0')
        obj = extension_cache.get(code, missing)
        if obj is not missing:
            return obj
        key = inverted_registry.get(code)
        if not key:
            raise ValueError('unregistered extension code %d' % code)
        obj = find_class(key[0], key[1], proto, fix_imports)
        extension_cache[code] = obj
        return obj

    def readonly(obj):
        m = memoryview(obj)
        return obj if m.readonly else m.toreadonly()

    for name, f in (('find_class', find_class), ('string', string), ('newobj', newobj),
                    ('newobj_ex', newobj_ex), ('build', build),
                    ('instantiate', instantiate), ('ext', ext), ('readonly', readonly)):
        pure['_krait_' + name] = f


_krait_loads_helpers(_pure)
_krait_setup(_pure)
del _krait_setup, _krait_loads_helpers, _pure
"#;

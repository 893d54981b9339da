//! The builtin types of one interpreter, declared once: each row names the Rust field, the
//! Python name, the base and the instance layout. Exceptions follow CPython 3.11's hierarchy.

use crate::Vm;
use crate::object::{ObjRef, Payload};
use crate::objects::typeobj::{BuiltinKind, Layout, TypeData, c3_mro, type_data};

macro_rules! builtin_types {
    (
        core { $obj:ident = $objname:literal; $ty:ident = $tyname:literal; }
        types { $($f:ident = $name:literal : $base:ident, $layout:expr;)* }
        exceptions { $($ef:ident = $ename:literal : $ebase:ident;)* }
    ) => {
        /// The builtin types of one interpreter.
        pub struct Types {
            #[doc = $objname] pub $obj: ObjRef,
            #[doc = $tyname] pub $ty: ObjRef,
            $( #[doc = $name] pub $f: ObjRef, )*
            $( #[doc = $ename] pub $ef: ObjRef, )*
        }

        impl Types {
            /// Create every builtin type (with empty namespaces).
            pub fn bootstrap() -> Types {
                // `type` is its own type and `object` is its base: make both unclassed, then
                // tie the knot.
                let $obj = ObjRef::new_unclassed(Payload::Type(Box::new(TypeData::new($objname, vec![], Layout::Object, true))));
                let $ty = ObjRef::new_unclassed(Payload::Type(Box::new(TypeData::new($tyname, vec![$obj.clone()], Layout::Builtin(BuiltinKind::Type), true))));
                $obj.set_class($ty.clone());
                $ty.set_class($ty.clone());
                *type_data(&$obj).mro.borrow_mut() = vec![$obj.clone()];
                *type_data(&$ty).mro.borrow_mut() = vec![$ty.clone(), $obj.clone()];
                let make = |name: &str, base: &ObjRef, layout: Layout| {
                    let mut td = TypeData::new(name, vec![base.clone()], layout, true);
                    // Types CPython does not let you subclass (no `Py_TPFLAGS_BASETYPE`).
                    td.base_type = layout == Layout::Builtin(BuiltinKind::Exception) || matches!(name, "int" | "float" | "complex" | "str" | "bytes" | "bytearray" | "tuple" | "list" | "dict" | "set" | "frozenset" | "module" | "property" | "staticmethod" | "classmethod" | "super" | "reversed" | "enumerate" | "zip" | "map" | "filter" | "GenericAlias");
                    let t = ObjRef::new($ty.clone(), Payload::Type(Box::new(td)));
                    let mro = c3_mro(&t, std::slice::from_ref(base)).unwrap_or_else(|_| vec![t.clone()]);
                    *type_data(&t).mro.borrow_mut() = mro;
                    type_data(base).subclasses.borrow_mut().push(t.downgrade());
                    t
                };
                $( let $f = make($name, &$base, $layout); )*
                $( let $ef = make($ename, &$ebase, Layout::Builtin(BuiltinKind::Exception)); )*
                Types { $obj, $ty, $($f,)* $($ef,)* }
            }

            /// Every builtin type with its Python name, for filling `builtins`.
            pub fn all(&self) -> Vec<(&'static str, ObjRef)> {
                vec![
                    ($objname, self.$obj.clone()),
                    ($tyname, self.$ty.clone()),
                    $( ($name, self.$f.clone()), )*
                    $( ($ename, self.$ef.clone()), )*
                ]
            }
        }
    };
}

use BuiltinKind as K;
use Layout::Builtin as B;

builtin_types! {
    core {
        object = "object";
        type_ = "type";
    }
    types {
        int = "int": object, B(K::Int);
        bool_ = "bool": int, B(K::Int);
        float = "float": object, B(K::Float);
        complex = "complex": object, B(K::Complex);
        str = "str": object, B(K::Str);
        bytes = "bytes": object, B(K::Bytes);
        bytearray = "bytearray": object, B(K::ByteArray);
        memoryview = "memoryview": object, B(K::Other);
        bytes_iterator = "bytes_iterator": object, B(K::Other);
        bytearray_iterator = "bytearray_iterator": object, B(K::Other);
        tuple = "tuple": object, B(K::Tuple);
        list = "list": object, B(K::List);
        dict = "dict": object, B(K::Dict);
        set = "set": object, B(K::Set);
        frozenset = "frozenset": object, B(K::FrozenSet);
        range = "range": object, B(K::Other);
        slice = "slice": object, B(K::Other);
        none_type = "NoneType": object, B(K::Other);
        not_implemented_type = "NotImplementedType": object, B(K::Other);
        ellipsis_type = "ellipsis": object, B(K::Other);
        function = "function": object, B(K::Other);
        builtin_function = "builtin_function_or_method": object, B(K::Other);
        method_descriptor = "method_descriptor": object, B(K::Other);
        classmethod_descriptor = "classmethod_descriptor": object, B(K::Other);
        method = "method": object, B(K::Other);
        code = "code": object, B(K::Other);
        module = "module": object, Layout::Object;
        cell = "cell": object, B(K::Other);
        generator = "generator": object, B(K::Other);
        coroutine = "coroutine": object, B(K::Other);
        async_generator = "async_generator": object, B(K::Other);
        async_generator_asend = "async_generator_asend": object, B(K::Other);
        async_generator_athrow = "async_generator_athrow": object, B(K::Other);
        async_generator_wrapped_value = "async_generator_wrapped_value": object, B(K::Other);
        coroutine_wrapper = "coroutine_wrapper": object, B(K::Other);
        property = "property": object, B(K::Other);
        staticmethod = "staticmethod": object, B(K::Other);
        classmethod = "classmethod": object, B(K::Other);
        super_ = "super": object, B(K::Other);
        getset_descriptor = "getset_descriptor": object, B(K::Other);
        member_descriptor = "member_descriptor": object, B(K::Other);
        traceback = "traceback": object, B(K::Other);
        frame = "frame": object, B(K::Other);
        mappingproxy = "mappingproxy": object, B(K::Other);
        list_iterator = "list_iterator": object, B(K::Other);
        tuple_iterator = "tuple_iterator": object, B(K::Other);
        str_iterator = "str_ascii_iterator": object, B(K::Other);
        range_iterator = "range_iterator": object, B(K::Other);
        dict_keyiterator = "dict_keyiterator": object, B(K::Other);
        dict_valueiterator = "dict_valueiterator": object, B(K::Other);
        dict_itemiterator = "dict_itemiterator": object, B(K::Other);
        set_iterator = "set_iterator": object, B(K::Other);
        seq_iterator = "iterator": object, B(K::Other);
        callable_iterator = "callable_iterator": object, B(K::Other);
        reversed = "reversed": object, B(K::Other);
        enumerate = "enumerate": object, B(K::Other);
        zip = "zip": object, B(K::Other);
        map = "map": object, B(K::Other);
        filter = "filter": object, B(K::Other);
        dict_keys = "dict_keys": object, B(K::Other);
        dict_values = "dict_values": object, B(K::Other);
        dict_items = "dict_items": object, B(K::Other);
        list_reverseiterator = "list_reverseiterator": object, B(K::Other);
        generic_alias = "GenericAlias": object, B(K::Other);
        union_type = "UnionType": object, B(K::Other);
    }
    exceptions {
        base_exception = "BaseException": object;
        base_exception_group = "BaseExceptionGroup": base_exception;
        exception_group = "ExceptionGroup": base_exception_group;
        generator_exit = "GeneratorExit": base_exception;
        keyboard_interrupt = "KeyboardInterrupt": base_exception;
        system_exit = "SystemExit": base_exception;
        exception = "Exception": base_exception;
        arithmetic_error = "ArithmeticError": exception;
        floating_point_error = "FloatingPointError": arithmetic_error;
        overflow_error = "OverflowError": arithmetic_error;
        zero_division_error = "ZeroDivisionError": arithmetic_error;
        assertion_error = "AssertionError": exception;
        attribute_error = "AttributeError": exception;
        buffer_error = "BufferError": exception;
        eof_error = "EOFError": exception;
        import_error = "ImportError": exception;
        module_not_found_error = "ModuleNotFoundError": import_error;
        lookup_error = "LookupError": exception;
        index_error = "IndexError": lookup_error;
        key_error = "KeyError": lookup_error;
        memory_error = "MemoryError": exception;
        name_error = "NameError": exception;
        unbound_local_error = "UnboundLocalError": name_error;
        os_error = "OSError": exception;
        blocking_io_error = "BlockingIOError": os_error;
        child_process_error = "ChildProcessError": os_error;
        connection_error = "ConnectionError": os_error;
        broken_pipe_error = "BrokenPipeError": connection_error;
        connection_aborted_error = "ConnectionAbortedError": connection_error;
        connection_refused_error = "ConnectionRefusedError": connection_error;
        connection_reset_error = "ConnectionResetError": connection_error;
        file_exists_error = "FileExistsError": os_error;
        file_not_found_error = "FileNotFoundError": os_error;
        interrupted_error = "InterruptedError": os_error;
        is_a_directory_error = "IsADirectoryError": os_error;
        not_a_directory_error = "NotADirectoryError": os_error;
        permission_error = "PermissionError": os_error;
        process_lookup_error = "ProcessLookupError": os_error;
        timeout_error = "TimeoutError": os_error;
        reference_error = "ReferenceError": exception;
        runtime_error = "RuntimeError": exception;
        not_implemented_error = "NotImplementedError": runtime_error;
        recursion_error = "RecursionError": runtime_error;
        stop_async_iteration = "StopAsyncIteration": exception;
        stop_iteration = "StopIteration": exception;
        syntax_error = "SyntaxError": exception;
        indentation_error = "IndentationError": syntax_error;
        tab_error = "TabError": indentation_error;
        system_error = "SystemError": exception;
        type_error = "TypeError": exception;
        value_error = "ValueError": exception;
        unicode_error = "UnicodeError": value_error;
        unicode_decode_error = "UnicodeDecodeError": unicode_error;
        unicode_encode_error = "UnicodeEncodeError": unicode_error;
        unicode_translate_error = "UnicodeTranslateError": unicode_error;
        warning = "Warning": exception;
        bytes_warning = "BytesWarning": warning;
        deprecation_warning = "DeprecationWarning": warning;
        encoding_warning = "EncodingWarning": warning;
        future_warning = "FutureWarning": warning;
        import_warning = "ImportWarning": warning;
        pending_deprecation_warning = "PendingDeprecationWarning": warning;
        resource_warning = "ResourceWarning": warning;
        runtime_warning = "RuntimeWarning": warning;
        syntax_warning = "SyntaxWarning": warning;
        unicode_warning = "UnicodeWarning": warning;
        user_warning = "UserWarning": warning;
    }
}

impl Types {
    /// The iterator types `iter()` hands out for builtin containers: list, tuple, str, dict
    /// keys, set, range.
    pub fn clone_iter_types(&self) -> (ObjRef, ObjRef, ObjRef, ObjRef, ObjRef, ObjRef) {
        (
            self.list_iterator.clone(),
            self.tuple_iterator.clone(),
            self.str_iterator.clone(),
            self.dict_keyiterator.clone(),
            self.set_iterator.clone(),
            self.range_iterator.clone(),
        )
    }
}

/// Fill the namespaces of the builtin types (methods, attributes) and fix up the few types
/// whose layout or bases the table cannot say.
pub fn init_types(vm: &mut Vm) {
    // Builtin types' `__module__` is `builtins` by default; a few live elsewhere.
    let types_mod = vm.new_str("types");
    for t in [vm.types.generic_alias.clone(), vm.types.union_type.clone()] {
        vm.set_type_attr(&t, "__module__", types_mod.clone());
    }
    crate::objects::init_all(vm);
}

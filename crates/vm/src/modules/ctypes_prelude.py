# _ctypes, the type machinery (CPython: Modules/_ctypes/_ctypes.c, stgdict.c, cfield.c,
# callproc.c), written for Krait over the native primitives of ctypes.rs (`_k_*`): every
# object's bytes live in its native memory, read and written with _k_get/_k_put; raw
# addresses, libraries and calls go through the host.

import _struct


def _k_index(v):
    if isinstance(v, int):
        return int(v)
    m = getattr(type(v), "__index__", None)
    if m is None:
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
    return m(v)

import sys as _k_sys

__version__ = "1.1.0"
FUNCFLAG_CDECL = 0x1
FUNCFLAG_HRESULT = 0x2
FUNCFLAG_PYTHONAPI = 0x4
FUNCFLAG_USE_ERRNO = 0x8
FUNCFLAG_USE_LASTERROR = 0x10
RTLD_LOCAL = 0
RTLD_GLOBAL = 0x100
CTYPES_MAX_ARGCOUNT = 1024
SIZEOF_TIME_T = 8
_pointer_type_cache = {}


class ArgumentError(Exception):
    pass


ArgumentError.__module__ = "ctypes"

_k_pack = _struct.pack
_k_unpack = _struct.unpack_from
_k_SIMPLE_CHARS = "cbBhHiIlLdfuzZqQPXOv?g"
# code: (size, align, struct format of the native layout in standard sizes)
_k_CODES = {
    "c": (1, 1, "c"), "b": (1, 1, "b"), "B": (1, 1, "B"), "h": (2, 2, "h"), "H": (2, 2, "H"),
    "i": (4, 4, "i"), "I": (4, 4, "I"), "l": (8, 8, "q"), "L": (8, 8, "Q"), "q": (8, 8, "q"),
    "Q": (8, 8, "Q"), "f": (4, 4, "f"), "d": (8, 8, "d"), "g": (16, 16, None), "?": (1, 1, "?"),
    "u": (4, 4, "I"), "z": (8, 8, "Q"), "Z": (8, 8, "Q"), "P": (8, 8, "Q"), "O": (8, 8, "Q"),
    "v": (2, 2, "h"),
}
_k_INTS = "bBhHiIlLqQ"
_k_SWAPPABLE = "hHiIlLqQfd"
_k_objects_by_id = {}


class _k_Stg:
    __slots__ = ("size", "align", "length", "proto", "code", "fields", "flags", "argtypes",
                 "restype", "checker", "final", "swapped", "kind", "bits_ok", "fieldnames")

    def __init__(self, kind, size=0, align=1):
        self.kind = kind
        self.size = size
        self.align = align
        self.length = 0
        self.proto = None
        self.code = None
        self.fields = None
        self.flags = 0
        self.argtypes = None
        self.restype = None
        self.checker = None
        self.final = False
        self.swapped = False
        self.bits_ok = False
        self.fieldnames = ()


def _k_stg(t):
    if not isinstance(t, type):
        return None
    return _k_own(t, "_k_stg_")


def _k_stg_of(x):
    s = _k_stg(x)
    if s is None:
        s = _k_stg(type(x))
    return s


def _k_setstg(cls, stg):
    type.__setattr__(cls, "_k_stg_", stg)


def _k_caller_module():
    f = _k_sys._getframe(1)
    g = globals()
    while f is not None and f.f_globals is g:
        f = f.f_back
    if f is None:
        return "_ctypes"
    return f.f_globals.get("__name__", "_ctypes")


# ---------------------------------------------------------------- raw value conversions

def _k_index_mask(v, bits):
    return _k_index(v) & ((1 << bits) - 1)


def _k_signed(v, bits):
    v &= (1 << bits) - 1
    if v >> (bits - 1):
        v -= 1 << bits
    return v


def _k_to_ldouble(x):
    # IEEE double -> x87 80-bit extended, in 16 bytes
    import math
    bits = _struct.unpack("<Q", _struct.pack("<d", x))[0]
    sign = bits >> 63
    exp = (bits >> 52) & 0x7FF
    frac = bits & ((1 << 52) - 1)
    if exp == 0 and frac == 0:
        e, m = 0, 0
    elif exp == 0x7FF:
        e, m = 0x7FFF, (1 << 63) | (frac << 11)
    elif exp == 0:
        # subnormal double: normalise
        shift = 52 - frac.bit_length() + 1
        m = (frac << (11 + shift))
        e = 1 - 1023 + 16383 - shift
    else:
        e, m = exp - 1023 + 16383, (1 << 63) | (frac << 11)
    return _struct.pack("<QH", m, (sign << 15) | e) + b"\0" * 6


def _k_from_ldouble(b):
    m, se = _struct.unpack_from("<QH", b)
    sign = -1.0 if se >> 15 else 1.0
    e = se & 0x7FFF
    if e == 0 and m == 0:
        return sign * 0.0
    if e == 0x7FFF:
        if m & ((1 << 63) - 1):
            return float("nan")
        return sign * float("inf")
    import math
    try:
        return sign * math.ldexp(float(m), e - 16383 - 63)
    except OverflowError:
        return sign * float("inf")


def _k_read_cstr(addr, unit):
    n = _k_strlen(addr, unit)
    raw = _k_read(addr, n * unit)
    if unit == 1:
        return raw
    return raw.decode("utf-32-le", "surrogatepass")


_k_cbuf_cache = {}


def _k_keep_cbuf(data):
    # A NUL-terminated copy of bytes/str data in VM memory; returns (holder, address).
    # CPython passes a pointer into the bytes object itself, which C may keep (strtod's end
    # pointer, strchr's result): the copy of a recently passed object is kept alive with it,
    # in a bounded cache, so such pointers stay valid while the program holds the object.
    hit = _k_cbuf_cache.get(id(data))
    if hit is not None and hit[0] is data:
        return hit[1], _k_addr(hit[1])
    holder, addr = _k_make_cbuf(data)
    if len(_k_cbuf_cache) >= 256:
        del _k_cbuf_cache[next(iter(_k_cbuf_cache))]
    _k_cbuf_cache[id(data)] = (data, holder)
    return holder, addr


def _k_make_cbuf(data):
    if isinstance(data, str):
        raw = data.encode("utf-32-le", "surrogatepass") + bytes(4)
    else:
        raw = bytes(data) + bytes(1)
    buf = _k_new(_k_Raw)
    _k_alloc(buf, len(raw))
    _k_put(buf, 0, raw)
    return buf, _k_addr(buf)


def _k_setfunc(code, obj, off, value, bits=0, bitofs=0, swapped=False, keep=None):
    """Store `value` as C type `code` at offset `off` of `obj`; returns what must be kept alive."""
    size, align, fmt = _k_CODES[code]
    endian = ">" if swapped else "<"
    if code in _k_INTS:
        nb = size * 8
        v = _k_index_mask(value, 64)
        if bits:
            old = int.from_bytes(_k_get(obj, off, size), "big" if swapped else "little")
            mask = ((1 << bits) - 1) << bitofs
            v = (old & ~mask) | ((v << bitofs) & mask)
        v &= (1 << nb) - 1
        _k_put(obj, off, v.to_bytes(size, "big" if swapped else "little"))
        return None
    if code == "v":
        _k_put(obj, off, b"\xff\xff" if value else b"\0\0")
        return None
    if code == "?":
        # CPython's bool_set ignores bit fields: it stores the whole byte
        _k_put(obj, off, b"\x01" if value else b"\x00")
        return None
    if code in "fd":
        try:
            x = float(value) if isinstance(value, (int, float)) else value.__float__()
        except AttributeError:
            raise TypeError("must be real number, not %s" % type(value).__name__) from None
        if code == "f":
            try:
                data = _struct.pack(endian + "f", x)
            except OverflowError:
                raise OverflowError("float too large to pack with f format") from None
        else:
            data = _struct.pack(endian + "d", x)
        _k_put(obj, off, data)
        return None
    if code == "g":
        try:
            x = float(value) if isinstance(value, (int, float)) else value.__float__()
        except AttributeError:
            raise TypeError("must be real number, not %s" % type(value).__name__) from None
        _k_put(obj, off, _k_to_ldouble(x))
        return None
    if code == "c":
        if isinstance(value, (bytes, bytearray)) and len(value) == 1:
            _k_put(obj, off, bytes(value))
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 256:
            _k_put(obj, off, bytes([value]))
            return None
        if isinstance(value, int):
            if 0 <= value < 256:
                _k_put(obj, off, bytes([value]))
                return None
        raise TypeError("one character bytes, bytearray or integer expected")
    if code == "u":
        if not isinstance(value, str):
            raise TypeError("unicode string expected instead of %s instance" % type(value).__name__)
        if len(value) != 1:
            raise TypeError("one character unicode string expected")
        _k_put(obj, off, _struct.pack("<I", ord(value)))
        return None
    if code == "z":
        if value is None:
            _k_put(obj, off, bytes(8))
            return None
        if isinstance(value, bytes):
            holder, a = _k_keep_cbuf(value)
            _k_put(obj, off, _struct.pack("<Q", a))
            return (value, holder)
        if isinstance(value, int):
            _k_put(obj, off, _struct.pack("<Q", value & 0xFFFFFFFFFFFFFFFF))
            return None
        raise TypeError("bytes or integer address expected instead of %s instance" % type(value).__name__)
    if code == "Z":
        if value is None:
            _k_put(obj, off, bytes(8))
            return None
        if isinstance(value, str):
            holder, a = _k_keep_cbuf(value)
            _k_put(obj, off, _struct.pack("<Q", a))
            return (value, holder)
        if isinstance(value, int):
            _k_put(obj, off, _struct.pack("<Q", value & 0xFFFFFFFFFFFFFFFF))
            return None
        raise TypeError("unicode string or integer address expected instead of %s instance" % type(value).__name__)
    if code == "P":
        if value is None:
            _k_put(obj, off, bytes(8))
            return None
        if isinstance(value, int):
            _k_put(obj, off, _struct.pack("<Q", value & 0xFFFFFFFFFFFFFFFF))
            return None
        raise TypeError("cannot be converted to pointer")
    if code == "O":
        _k_objects_by_id[id(value)] = value
        _k_put(obj, off, _struct.pack("<Q", id(value) & 0xFFFFFFFFFFFFFFFF))
        return (value,)
    raise TypeError("unsupported type code %r" % code)


def _k_getfunc(code, obj, off, bits=0, bitofs=0, swapped=False):
    size, align, fmt = _k_CODES[code]
    raw = _k_get(obj, off, size)
    if code in _k_INTS:
        v = int.from_bytes(raw, "big" if swapped else "little")
        if bits:
            v = (v >> bitofs) & ((1 << bits) - 1)
            if code in "bhilq":
                v = _k_signed(v, bits)
            return v
        if code in "bhilq":
            v = _k_signed(v, size * 8)
        return v
    if code == "v":
        return raw != b"\0\0"
    if code == "?":
        return bool(raw[0])
    if code in "fd":
        return _struct.unpack((">" if swapped else "<") + code, raw)[0]
    if code == "g":
        return _k_from_ldouble(raw)
    if code == "c":
        return raw
    if code == "u":
        return chr(_struct.unpack("<I", raw)[0])
    a = _struct.unpack("<Q", raw)[0]
    if code == "z":
        return None if a == 0 else _k_read_cstr(a, 1)
    if code == "Z":
        return None if a == 0 else _k_read_cstr(a, 4)
    if code == "P":
        return None if a == 0 else a
    if code == "O":
        if a == 0:
            raise ValueError("PyObject is NULL")
        try:
            return _k_objects_by_id[a]
        except KeyError:
            raise ValueError("PyObject is NULL") from None
    raise TypeError("unsupported type code %r" % code)


# ---------------------------------------------------------------- the _CData base

def _k_cdata_new(cls, *args, **kwargs):
    stg = _k_stg(cls)
    if stg is None:
        raise TypeError("abstract class")
    self = _k_new(cls)
    _k_alloc(self, stg.size)
    stg.final = True
    return self


def _k_cdata_reduce(self):
    stg = _k_stg_of(self)
    if stg.kind == "ptr" or stg.kind == "func":
        raise ValueError("ctypes objects containing pointers cannot be pickled")
    return (_unpickle, (type(self), (self.__dict__, _k_get(self, 0, stg.size))))


def _k_cdata_setstate(self, state):
    d, data = state
    self.__dict__.update(d)
    _k_put(self, 0, data[:_k_size(self)])


def _k_b_needsfree(self):
    st = _k_extra(self)
    return 0 if st[0] is not None or st[3] == "foreign" else 1


_k_settype("__new__", staticmethod(_k_cdata_new))
_k_settype("__reduce__", _k_cdata_reduce)
_k_settype("__setstate__", _k_cdata_setstate)
_k_settype("__ctypes_from_outparam__", lambda self: self)
_k_settype("_b_base_", property(lambda self: _k_extra(self)[0]))
_k_settype("_b_needsfree_", property(_k_b_needsfree))
_k_settype("_objects", property(lambda self: _k_extra(self)[1]))


class _k_Raw(_CData):
    pass


def _unpickle(typ, state):
    obj = typ.__new__(typ)
    obj.__setstate__(state)
    return obj


def _k_keep(obj, index, value):
    # Record `value` in obj's _objects (CPython's KeepRef), walking up to the root object.
    if value is None:
        return
    key = str(index)
    st = _k_extra(obj)
    while st[0] is not None:
        key = "%x:%s" % (st[2], key) if False else key
        obj = st[0]
        st = _k_extra(obj)
    if st[1] is None or not isinstance(st[1], dict):
        st[1] = {}
    st[1][key] = value


def _k_hide(obj, value):
    # Keep `value` alive with obj's root object without showing it in _objects.
    st = _k_extra(obj)
    while st[0] is not None:
        st = _k_extra(st[0])
    if st[5] is None:
        st[5] = []
    st[5].append(value)


def _k_from_base(cls, base, offset, index=0):
    # A `cls` object sharing `base`'s memory at `offset` (CPython's PyCData_FromBaseObj).
    stg = _k_stg(cls)
    obj = _k_new(cls)
    _k_view(obj, base, offset, stg.size)
    st = _k_extra(obj)
    st[0] = base
    st[2] = index
    return obj


def _k_at_address(cls, addr, keep=None):
    stg = _k_stg(cls)
    obj = _k_new(cls)
    _k_foreign(obj, addr, stg.size)
    st = _k_extra(obj)
    st[3] = "foreign"
    if keep is not None:
        st[1] = keep
    return obj


def _k_value_of(cls, obj):
    # A field/element read (CPython's PyCData_get): simple types give their value (only
    # direct _SimpleCData subclasses), others a view.
    return obj


def _k_cdata_get(cls, base, offset, index, bits=0, bitofs=0, special=None):
    stg = _k_stg(cls)
    if special == "s":
        raw = _k_get(base, offset, stg.size)
        i = raw.find(b"\0")
        return raw if i < 0 else raw[:i]
    if special == "U":
        raw = _k_get(base, offset, stg.size).decode("utf-32-le", "surrogatepass")
        i = raw.find("\0")
        return raw if i < 0 else raw[:i]
    if stg.kind == "simple" and cls.__bases__[0] is _SimpleCData:
        return _k_getfunc(stg.code, base, offset, bits, bitofs, stg.swapped)
    if stg.kind == "simple" and _k_simple_base(cls) is not None and not _k_is_direct(cls):
        pass
    return _k_from_base(cls, base, offset, index)


def _k_simple_base(cls):
    return cls if _k_stg(cls) is not None and _k_stg(cls).kind == "simple" else None


def _k_is_direct(cls):
    return cls.__bases__[0] is _SimpleCData


def _k_cdata_set(cls, base, offset, index, value, bits=0, bitofs=0, special=None):
    # CPython's PyCData_set / _PyCData_set
    stg = _k_stg(cls)
    if special == "s":
        if isinstance(value, bytearray):
            value = bytes(value)
        if not isinstance(value, bytes):
            raise TypeError("bytes expected instead of %s instance" % type(value).__name__)
        if b"\0" in value:
            value = value[:value.index(b"\0")]
        if len(value) > stg.size:
            raise ValueError("bytes too long (%d, maximum length %d)" % (len(value), stg.size))
        if len(value) < stg.size:
            value = value + b"\0"
        _k_put(base, offset, value)
        return
    if special == "U":
        if not isinstance(value, str):
            raise TypeError("unicode string expected instead of %s instance" % type(value).__name__)
        n = stg.size // 4
        if len(value) > n:
            raise ValueError("string too long (%d, maximum length %d)" % (len(value), n))
        data = value.encode("utf-32-le", "surrogatepass")
        if len(value) < n:
            data += b"\0\0\0\0"
        _k_put(base, offset, data)
        return
    if stg.kind == "simple" and not isinstance(value, _CData):
        keep = _k_setfunc(stg.code, base, offset, value, bits, bitofs, stg.swapped)
        if keep is not None:
            _k_keep(base, index, keep[0])
            _k_hide(base, keep)
        return
    if isinstance(value, cls):
        _k_put(base, offset, _k_get(value, 0, stg.size))
        if stg.kind == "ptr" or _k_extra(value)[1] is not None:
            _k_keep(base, index, _k_extra(value)[1])
        return
    if stg.kind == "ptr" and isinstance(value, Array):
        vstg = _k_stg_of(value)
        if vstg.proto is not None and issubclass(vstg.proto, stg.proto):
            _k_put(base, offset, _struct.pack("<Q", _k_addr(value)))
            _k_keep(base, index, value)
            return
        raise TypeError("incompatible types, %s instance instead of %s instance"
                        % (type(value).__name__, cls.__name__))
    if stg.kind == "ptr" and value is None:
        _k_put(base, offset, bytes(8))
        return
    if stg.kind == "ptr" and isinstance(value, int):
        _k_put(base, offset, _struct.pack("<Q", value & 0xFFFFFFFFFFFFFFFF))
        return
    if stg.kind in ("struct", "array") and isinstance(value, tuple):
        ob = cls(*value)
        _k_put(base, offset, _k_get(ob, 0, stg.size))
        _k_keep(base, index, _k_extra(ob)[1])
        return
    if stg.kind == "func" and value is None:
        _k_put(base, offset, bytes(8))
        return
    if stg.kind == "simple" and isinstance(value, _CData):
        vstg = _k_stg_of(value)
        if stg.code in "zZP" and vstg.kind in ("array", "ptr") :
            _k_put(base, offset, _struct.pack("<Q", _k_addr(value) if vstg.kind == "array" else _k_ptrval(value)))
            _k_keep(base, index, value)
            return
        if isinstance(value, _SimpleCData) and stg.kind == "simple":
            pass
    raise TypeError("expected %s instance, got %s" % (cls.__name__, type(value).__name__))


def _k_ptrval(p):
    return _struct.unpack("<Q", _k_get(p, 0, 8))[0]


# ---------------------------------------------------------------- metaclasses

def _k_array_type(itemtype, length):
    return PyCArrayType.__new__(PyCArrayType, "%s_Array_%d" % (itemtype.__name__, length),
                                (Array,), {"_length_": length, "_type_": itemtype,
                                           "__module__": _k_caller_module()})


_k_array_cache = {}


class _k_CDataType(type):
    def __mul__(self, length):
        if not isinstance(length, int):
            return NotImplemented
        if length < 0:
            raise ValueError("Array length must be >= 0, not %d" % length)
        key = (self, length)
        t = _k_array_cache.get(key)
        if t is None:
            t = _k_array_cache[key] = _k_array_type(self, length)
        return t

    __rmul__ = __mul__

    def from_address(self, address):
        if _k_stg(self) is None:
            raise TypeError("abstract class")
        if not isinstance(address, int):
            raise TypeError("integer expected")
        return _k_at_address(self, address)

    def from_buffer(self, obj, offset=0):
        stg = _k_stg(self)
        if stg is None:
            raise TypeError("abstract class")
        src = obj
        if isinstance(obj, memoryview):
            if obj.readonly:
                raise TypeError("underlying buffer is not writable")
            src = obj.obj
        if isinstance(src, bytes) or not isinstance(src, (bytearray, _CData)):
            if isinstance(src, bytes) or isinstance(obj, memoryview):
                raise TypeError("underlying buffer is not writable")
            raise TypeError("a bytes-like object is required, not '%s'" % type(obj).__name__)
        if offset < 0:
            raise ValueError("offset cannot be negative")
        total = len(src) if isinstance(src, bytearray) else _k_size(src)
        if stg.size > total - offset:
            raise ValueError("Buffer size too small (%d instead of at least %d bytes)"
                             % (total, stg.size + offset))
        res = _k_new(self)
        if isinstance(src, bytearray):
            _k_frombuf(res, src, offset, stg.size)
        else:
            _k_view(res, src, offset, stg.size)
        st = _k_extra(res)
        st[1] = {"ffffffff": obj}
        st[3] = "foreign"
        return res

    def from_buffer_copy(self, obj, offset=0):
        stg = _k_stg(self)
        if stg is None:
            raise TypeError("abstract class")
        if isinstance(obj, _CData):
            data = _k_get(obj, 0, _k_size(obj))
        elif isinstance(obj, (bytes, bytearray, memoryview)):
            data = bytes(memoryview(obj))
        elif isinstance(obj, (int, str)) or obj is None:
            raise TypeError("a bytes-like object is required, not '%s'" % type(obj).__name__)
        else:
            data = bytes(obj)
        if offset < 0:
            raise ValueError("offset cannot be negative")
        if stg.size > len(data) - offset:
            raise ValueError("Buffer size too small (%d instead of at least %d bytes)"
                             % (len(data), stg.size + offset))
        res = self.__new__(self)
        _k_put(res, 0, data[offset:offset + stg.size])
        return res

    def in_dll(self, dll, name):
        handle = dll._handle if hasattr(dll, "_handle") else dll
        try:
            addr = dlsym(handle, name)
        except OSError as e:
            raise ValueError(str(e)) from None
        return _k_at_address(self, addr)

    def from_param(self, value):
        if _k_stg(self) is None:
            raise TypeError("abstract class")
        if isinstance(value, self):
            return value
        if isinstance(value, _CArgObject) and value._obj is not None and isinstance(value._obj, self):
            return value
        ap = getattr(value, "_as_parameter_", None)
        if ap is not None:
            return self.from_param(ap)
        raise TypeError("expected %s instance instead of %s" % (self.__name__, type(value).__name__))


class PyCSimpleType(_k_CDataType):
    def __new__(mcls, name, bases, ns, **kw):
        cls = type.__new__(mcls, name, bases, ns, **kw)
        if _k_own(cls, "_k_abstract_"):
            return cls
        try:
            code = cls._type_
        except AttributeError:
            raise AttributeError("class must define a '_type_' attribute") from None
        if not isinstance(code, str):
            raise TypeError("class must define a '_type_' string attribute")
        if len(code) != 1:
            raise ValueError("class must define a '_type_' attribute which must be a string of length 1")
        if code not in _k_SIMPLE_CHARS or code not in _k_CODES:
            raise AttributeError("class must define a '_type_' attribute which must be\n"
                                 "a single character string containing one of '%s'." % _k_SIMPLE_CHARS)
        size, align, _ = _k_CODES[code]
        stg = _k_Stg("simple", size, align)
        stg.code = code
        base_stg = _k_stg(bases[0]) if bases else None
        stg.swapped = bool(base_stg and base_stg.swapped)
        _k_setstg(cls, stg)
        if code in _k_SWAPPABLE and bases and bases[0] is _SimpleCData and "_k_swapped_" not in ns:
            sw = type.__new__(mcls, name + "_be", bases, dict(ns, _k_swapped_=True))
            sst = _k_Stg("simple", size, align)
            sst.code = code
            sst.swapped = True
            _k_setstg(sw, sst)
            type.__setattr__(cls, "__ctype_le__", cls)
            type.__setattr__(cls, "__ctype_be__", sw)
            type.__setattr__(sw, "__ctype_le__", cls)
            type.__setattr__(sw, "__ctype_be__", sw)
        return cls

    def from_param(self, value):
        stg = _k_stg(self)
        if stg is None:
            raise TypeError("abstract class")
        if isinstance(value, self):
            return value
        code = stg.code
        if code in "zZP":
            return _k_ptr_from_param(self, code, value)
        if isinstance(value, _CArgObject) and value._obj is not None and isinstance(value._obj, self):
            return value
        try:
            arg = _CArgObject(code, None)
            tmp = _k_new(_k_Raw)
            _k_alloc(tmp, stg.size)
            keep = _k_setfunc(code, tmp, 0, value)
            arg._raw = _k_get(tmp, 0, stg.size)
            arg._keep = keep
            arg._value = value
            return arg
        except (TypeError, ValueError, OverflowError):
            pass
        ap = getattr(value, "_as_parameter_", None)
        if ap is not None:
            return self.from_param(ap)
        raise TypeError("wrong type")


def _k_ptr_from_param(cls, code, value):
    # c_char_p / c_wchar_p / c_void_p .from_param
    if value is None:
        return None
    if code == "z" and isinstance(value, bytes):
        a = _CArgObject("z", value)
        a._value = value
        return a
    if code == "Z" and isinstance(value, str):
        a = _CArgObject("Z", value)
        a._value = value
        return a
    if code == "P":
        if isinstance(value, int):
            a = _CArgObject("P", None)
            a._value = value
            return a
        if isinstance(value, bytes):
            a = _CArgObject("z", value)
            a._value = value
            return a
        if isinstance(value, str):
            a = _CArgObject("Z", value)
            a._value = value
            return a
    if isinstance(value, cls):
        return value
    if isinstance(value, (Array, _Pointer)):
        vs = _k_stg_of(value)
        if code == "P" or (vs.proto is not None and _k_stg(vs.proto) is not None
                           and _k_stg(vs.proto).code == ("c" if code == "z" else "u")):
            return value
    if isinstance(value, _CArgObject) and value._tag == "P":
        return value
    if code == "P" and isinstance(value, (CFuncPtr,)):
        return value
    if code == "P" and isinstance(value, _SimpleCData) and _k_stg_of(value).code in "zZP":
        return value
    if isinstance(value, _SimpleCData) and _k_stg_of(value).code == code:
        return value
    ap = getattr(value, "_as_parameter_", None)
    if ap is not None:
        return _k_ptr_from_param(cls, code, ap)
    raise TypeError("wrong type")


def _k_parse_fields(cls, fields, is_struct):
    stg = _k_stg(cls)
    base_stg = None
    for b in cls.__bases__:
        s = _k_stg(b)
        if s is not None and s.kind in ("struct", "union") and s.fields is not None:
            base_stg = s
            break
    if base_stg is not None and is_struct:
        size = base_stg.size
        align = base_stg.align
        names = list(base_stg.fieldnames)
        nfields = len(base_stg.fieldnames)
    else:
        size = 0
        align = 1
        names = []
        nfields = 0
    pack = getattr(cls, "_pack_", None)
    if pack is None:
        pack = 0
    else:
        try:
            pack = _k_index(pack)
        except TypeError:
            raise TypeError("an integer is required") from None
        if pack < 0 or pack > 0x7FFFFFFF:
            raise ValueError("_pack_ must be a non-negative integer")
    swapped = hasattr(cls, "_swappedbytes_")
    try:
        seq = list(fields)
    except TypeError:
        raise TypeError("_fields_ must be a sequence of pairs") from None
    offset = size
    field_size = 0
    bitofs = 0
    union_size = 0
    total_align = align
    descs = []
    for i, item in enumerate(seq):
        if not isinstance(item, tuple) or not (2 <= len(item) <= 3) or not isinstance(item[0], str):
            raise TypeError("'_fields_' must be a sequence of (name, C type) pairs")
        name, desc = item[0], item[1]
        fstg = _k_stg(desc)
        if fstg is None:
            raise TypeError("second item in _fields_ tuple (index %d) must be a C type" % i)
        fstg.final = True
        bitsize = 0
        if len(item) == 3:
            bitsize = item[2]
            if not isinstance(bitsize, int):
                raise TypeError("'_fields_' must be a sequence of (name, C type) pairs")
            if not (fstg.kind == "simple" and fstg.code in "bBhHiIlLqQ?"):
                raise TypeError("bit fields not allowed for type %s" % desc.__name__)
            if bitsize <= 0 or bitsize > fstg.size * 8:
                raise ValueError("number of bits invalid for bit field")
        if not is_struct:
            size = 0
            offset = 0
            # a union's fields all start at 0
        fsize = fstg.size
        # CPython's PyCField_FromDesc (GCC layout)
        if bitsize and field_size and fsize * 8 <= field_size and bitofs + bitsize <= field_size:
            ftype = "cont"
        elif bitsize and field_size and fsize * 8 >= field_size and bitofs + bitsize <= fsize * 8:
            ftype = "expand"
        elif bitsize:
            ftype = "new"
            bitofs = 0
            field_size = fsize * 8
        else:
            ftype = "none"
            bitofs = 0
            field_size = 0
        enc = 0
        falign = fstg.align
        if ftype in ("new", "none"):
            if ftype == "new":
                enc = (bitsize << 16) + (field_size - bitofs - bitsize if swapped else bitofs)
                bitofs = bitsize
            a = min(pack, fstg.align) if pack else fstg.align
            if a and offset % a:
                delta = a - offset % a
                size += delta
                offset += delta
            if bitsize == 0:
                enc = fsize
            size += fsize
            foff = offset
            offset += fsize
            falign = a
        elif ftype == "expand":
            offset += fsize - field_size // 8
            size += fsize - field_size // 8
            field_size = fsize * 8
            enc = (bitsize << 16) + (field_size - bitofs - bitsize if swapped else bitofs)
            foff = offset - fsize
            bitofs += bitsize
            falign = 0
        else:
            enc = (bitsize << 16) + (field_size - bitofs - bitsize if swapped else bitofs)
            foff = offset - fsize
            bitofs += bitsize
            falign = 0
        if not is_struct:
            union_size = max(union_size, size)
        if ftype in ("new", "none"):
            total_align = max(total_align, falign)
        special = None
        if fstg.kind == "array" and fstg.proto is not None:
            ps = _k_stg(fstg.proto)
            if ps is not None and ps.kind == "simple" and fstg.proto.__bases__[0] is _SimpleCData:
                if ps.code == "c":
                    special = "s"
                elif ps.code == "u":
                    special = "U"
        f = CField(desc, foff, enc, nfields + i, special, swapped)
        descs.append((name, f))
        names.append(name)
    if not is_struct:
        size = max(union_size, size if base_stg is None else 0)
        if base_stg is not None:
            size = max(size, base_stg.size)
    if total_align:
        size = (size + total_align - 1) // total_align * total_align
    for name, f in descs:
        type.__setattr__(cls, name, f)
    stg.size = size
    stg.align = total_align
    stg.fields = descs
    stg.fieldnames = tuple(names)
    stg.final = True
    anon = _k_own(cls, "_anonymous_")
    if anon is not None:
        _k_make_anon(cls, anon, dict(descs))


def _k_make_anon(cls, anon, fields):
    for name in anon:
        f = fields.get(name)
        if f is None:
            if not hasattr(cls, name):
                raise AttributeError("type object '%s' has no attribute '%s'" % (cls.__name__, name))
            raise AttributeError("'%s' is specified in _anonymous_ but not in _fields_" % name)
        f._anonymous = True
        _k_anon_fields(cls, f._type, f.offset)


def _k_anon_fields(cls, typ, base):
    # CPython's MakeFields: the anonymous member's fields, at their offsets plus its own
    sub = _k_stg(typ)
    if sub is None or sub.fields is None:
        return
    for sname, sf in sub.fields:
        if sf._anonymous:
            _k_anon_fields(cls, sf._type, base + sf.offset)
            continue
        nf = CField(sf._type, base + sf.offset, sf.size, sf._index, sf._special, sf._swapped)
        type.__setattr__(cls, sname, nf)


class _k_StructMeta(_k_CDataType):
    _k_is_struct = True

    def __new__(mcls, name, bases, ns, **kw):
        cls = type.__new__(mcls, name, bases, ns, **kw)
        if ns.get("_k_abstract_"):
            return cls
        stg = _k_Stg("struct" if mcls._k_is_struct else "union", 0, 1)
        for b in bases:
            bs = _k_stg(b)
            if bs is not None and bs.kind in ("struct", "union"):
                bs.final = True
                stg.size, stg.align = bs.size, bs.align
                stg.fields, stg.fieldnames = bs.fields, bs.fieldnames
                break
        _k_setstg(cls, stg)
        if "_fields_" in ns:
            setattr(cls, "_fields_", ns["_fields_"])
        elif "_anonymous_" in ns:
            pass
        return cls

    def __setattr__(cls, name, value):
        if name == "_fields_":
            stg = _k_stg(cls)
            if stg is None:
                raise TypeError("ctypes state is not initialized")
            if stg.final:
                raise AttributeError("_fields_ is final")
            type.__setattr__(cls, name, value)
            _k_parse_fields(cls, value, type(cls)._k_is_struct)
            return
        type.__setattr__(cls, name, value)


class PyCStructType(_k_StructMeta):
    _k_is_struct = True


class UnionType(_k_StructMeta):
    _k_is_struct = False


class PyCArrayType(_k_CDataType):
    def __new__(mcls, name, bases, ns, **kw):
        cls = type.__new__(mcls, name, bases, ns, **kw)
        if ns.get("_k_abstract_"):
            return cls
        try:
            length = cls._length_
        except AttributeError:
            raise AttributeError("class must define a '_length_' attribute") from None
        if not isinstance(length, int):
            raise TypeError("The '_length_' attribute must be an integer")
        if length < 0:
            raise ValueError("The '_length_' attribute must not be negative")
        try:
            itemtype = cls._type_
        except AttributeError:
            raise AttributeError("class must define a '_type_' attribute") from None
        ist = _k_stg(itemtype)
        if ist is None:
            raise TypeError("_type_ must have storage info")
        if ist.size and length > (1 << 62) // ist.size:
            raise OverflowError("array too large")
        stg = _k_Stg("array", ist.size * length, ist.align)
        stg.length = length
        stg.proto = itemtype
        _k_setstg(cls, stg)
        return cls


class PyCPointerType(_k_CDataType):
    def __new__(mcls, name, bases, ns, **kw):
        cls = type.__new__(mcls, name, bases, ns, **kw)
        if ns.get("_k_abstract_"):
            return cls
        stg = _k_Stg("ptr", 8, 8)
        if "_type_" in ns or hasattr(cls, "_type_"):
            proto = cls._type_
            if _k_stg(proto) is None:
                raise TypeError("_type_ must have storage info")
            stg.proto = proto
        _k_setstg(cls, stg)
        return cls

    def set_type(self, typ):
        if _k_stg(typ) is None:
            raise TypeError("_type_ must have storage info")
        _k_stg(self).proto = typ
        type.__setattr__(self, "_type_", typ)

    def from_param(self, value):
        stg = _k_stg(self)
        if stg is None or stg.proto is None:
            raise TypeError("abstract class")
        if value is None:
            return None
        if isinstance(value, _CArgObject) and value._tag == "P" and value._obj is not None \
                and stg.proto is not None and isinstance(value._obj, stg.proto):
            return value
        if stg.proto is not None and isinstance(value, stg.proto):
            return byref(value)
        if isinstance(value, (_Pointer, Array)):
            vs = _k_stg_of(value)
            if vs.proto is not None and stg.proto is not None and issubclass(vs.proto, stg.proto):
                return value
        return _k_CDataType.from_param(self, value)


class PyCFuncPtrType(_k_CDataType):
    def __new__(mcls, name, bases, ns, **kw):
        cls = type.__new__(mcls, name, bases, ns, **kw)
        if ns.get("_k_abstract_"):
            return cls
        stg = _k_Stg("func", 8, 8)
        stg.flags = getattr(cls, "_flags_", 0)
        if not isinstance(stg.flags, int):
            raise TypeError("_flags_ must be an integer")
        stg.argtypes = getattr(cls, "_argtypes_", None)
        stg.restype = getattr(cls, "_restype_", None)
        if stg.argtypes is not None:
            stg.argtypes = tuple(stg.argtypes)
            for t in stg.argtypes:
                if not hasattr(t, "from_param"):
                    raise TypeError("item %d in _argtypes_ has no from_param method"
                                    % (stg.argtypes.index(t) + 1))
        _k_setstg(cls, stg)
        return cls


# ---------------------------------------------------------------- CArgObject, CField

class CArgObject:
    __slots__ = ("_tag", "_obj", "_raw", "_value", "_keep", "_offset")

    def __init__(self, tag, obj):
        self._tag = tag
        self._obj = obj
        self._raw = None
        self._value = None
        self._keep = None
        self._offset = 0

    def __repr__(self):
        t = self._tag
        if t in "bBhHiIlLqQfdc" and self._raw is not None:
            tmp = _k_new(_k_Raw)
            _k_alloc(tmp, len(self._raw))
            _k_put(tmp, 0, self._raw)
            v = _k_getfunc(t, tmp, 0)
            if t in "fd":
                return "<cparam '%s' (%r)>" % (t, v)
            if t == "c":
                c = v[0]
                if 32 <= c < 127 and c not in (0x5C, 0x27):
                    return "<cparam 'c' ('%c')>" % c
                return "<cparam 'c' ('\\x%02x')>" % c
            return "<cparam '%s' (%d)>" % (t, v)
        if t == "P":
            if self._obj is not None:
                return "<cparam 'P' (%#x)>" % (_k_addr(self._obj) + self._offset)
            return "<cparam 'P' (%#x)>" % (self._value or 0)
        if t in "zZ":
            h, a = _k_keep_cbuf(self._value)
            return "<cparam '%s' (%#x)>" % (t, a)
        return "<cparam '%s' at %#x>" % (t, id(self))

    @property
    def _obj_(self):
        return self._obj


_CArgObject = CArgObject
CArgObject.__module__ = "builtins"


class CField:
    __slots__ = ("_type", "offset", "size", "_index", "_special", "_swapped", "_anonymous",
                 "_outer")

    def __init__(self, typ, offset, size, index, special, swapped):
        self._type = typ
        self.offset = offset
        self.size = size
        self._index = index
        self._special = special
        self._swapped = swapped
        self._anonymous = False
        self._outer = None

    def _bits(self):
        bits = self.size >> 16
        return bits, (self.size & 0xFFFF if bits else 0)

    def __get__(self, inst, owner=None):
        if inst is None:
            return self
        if not isinstance(inst, _CData):
            raise TypeError("not a ctype instance")
        bits, bitofs = self._bits()
        typ = self._type
        if bits and self._swapped:
            return _k_getfunc(_k_stg(typ).code, inst, self.offset, bits, bitofs, True)
        if self._swapped and _k_stg(typ).kind == "simple" and _k_stg(typ).code in _k_SWAPPABLE:
            return _k_getfunc(_k_stg(typ).code, inst, self.offset, 0, 0, True)
        return _k_cdata_get(typ, inst, self.offset, self._index, bits, bitofs, self._special)

    def __set__(self, inst, value):
        if not isinstance(inst, _CData):
            raise TypeError("not a ctype instance")
        bits, bitofs = self._bits()
        typ = self._type
        if self._swapped and _k_stg(typ).kind == "simple" and _k_stg(typ).code in _k_SWAPPABLE + "?" \
                and not isinstance(value, _CData):
            _k_setfunc(_k_stg(typ).code, inst, self.offset, value, bits, bitofs, True)
            return
        _k_cdata_set(typ, inst, self.offset, self._index, value, bits, bitofs, self._special)

    def __delete__(self, inst):
        raise TypeError("can't delete attribute")

    def __repr__(self):
        bits = self.size >> 16
        size = self.size & 0xFFFF
        if bits:
            return "<Field type=%s, ofs=%d:%d, bits=%d>" % (self._type.__name__, self.offset, size, bits)
        return "<Field type=%s, ofs=%d, size=%d>" % (self._type.__name__, self.offset, size)


CField.__module__ = "_ctypes"


# ---------------------------------------------------------------- the data classes

class _SimpleCData(_CData, metaclass=PyCSimpleType):
    _k_abstract_ = True
    __slots__ = ()

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("__init__() got an unexpected keyword argument '%s'" % next(iter(kwargs)))
        if len(args) > 1:
            raise TypeError("__init__ expected at most 1 argument, got %d" % len(args))
        if args:
            self.value = args[0]

    @property
    def value(self):
        stg = _k_stg_of(self)
        return _k_getfunc(stg.code, self, 0, 0, 0, stg.swapped)

    @value.setter
    def value(self, v):
        stg = _k_stg_of(self)
        keep = _k_setfunc(stg.code, self, 0, v, 0, 0, stg.swapped)
        if keep is not None:
            st = _k_extra(self)
            st[1] = keep[0]
            st[5] = keep

    @value.deleter
    def value(self):
        raise TypeError("can't delete attribute")

    def __ctypes_from_outparam__(self):
        if type(self).__bases__[0] is _SimpleCData:
            return self.value
        return self

    def __bool__(self):
        stg = _k_stg_of(self)
        return any(_k_get(self, 0, stg.size))

    def __repr__(self):
        if type(self).__bases__[0] is not _SimpleCData:
            return "<%s object at %#x>" % (type(self).__name__, id(self))
        stg = _k_stg_of(self)
        if stg.code == "z":
            v = _k_ptrval(self)
            return "%s(%s)" % (type(self).__name__, v if v else None) if not v else "%s(%d)" % (type(self).__name__, v)
        if stg.code == "Z":
            v = _k_ptrval(self)
            return "%s(%s)" % (type(self).__name__, "None") if not v else "%s(%d)" % (type(self).__name__, v)
        return "%s(%r)" % (type(self).__name__, self.value)


del _SimpleCData._k_abstract_


class Structure(_CData, metaclass=PyCStructType):
    _k_abstract_ = True
    __slots__ = ()

    def __init__(self, *args, **kwargs):
        if args:
            _k_init_pos(self, type(self), args, 0)
        if kwargs:
            names = _k_stg_of(self).fieldnames if _k_stg_of(self) else ()
            for k, v in kwargs.items():
                idx = None
                setattr(self, k, v)
        if args and kwargs:
            pass


def _k_struct_fields(cls):
    stg = _k_stg(cls)
    if stg is None or stg.fields is None:
        return []
    return [n for n, f in stg.fields]


def _k_init_pos(self, cls, args, index):
    # CPython's _init_pos_args: base-class fields first
    stg = _k_stg(cls)
    if stg is None or stg.fields is None:
        if args:
            raise TypeError("too many initializers")
        return 0
    names = stg.fieldnames
    if len(args) > len(names):
        raise TypeError("too many initializers")
    for name, v in zip(names, args):
        setattr(self, name, v)
    return len(args)


def _k_struct_init(self, *args, **kwargs):
    stg = _k_stg_of(self)
    names = stg.fieldnames if stg is not None else ()
    if len(args) > len(names):
        raise TypeError("too many initializers")
    for name, v in zip(names, args):
        setattr(self, name, v)
    for k, v in kwargs.items():
        if k in names[:len(args)]:
            raise TypeError("duplicate values for field %r" % k)
        setattr(self, k, v)


Structure.__init__ = _k_struct_init
del Structure._k_abstract_


class Union(_CData, metaclass=UnionType):
    _k_abstract_ = True
    __slots__ = ()
    __init__ = _k_struct_init


del Union._k_abstract_


def _k_slice_indices(stg, index):
    start, stop, step = index.indices(stg.length)
    return range(start, stop, step)


def _k_item_get(itemtype, base, offset, index):
    return _k_cdata_get(itemtype, base, offset, index)


class Array(_CData, metaclass=PyCArrayType):
    _k_abstract_ = True
    __slots__ = ()

    def __init__(self, *args):
        n = _k_stg_of(self).length
        if len(args) > n:
            raise IndexError("invalid index")
        for i, v in enumerate(args):
            self[i] = v

    def __len__(self):
        return _k_stg_of(self).length

    def _k_items(self, index):
        stg = _k_stg_of(self)
        if isinstance(index, slice):
            return stg, _k_slice_indices(stg, index)
        index = _k_index(index)
        if index < 0:
            index += stg.length
        if index < 0 or index >= stg.length:
            raise IndexError("invalid index")
        return stg, index

    def __getitem__(self, index):
        stg, idx = self._k_items(index)
        proto = stg.proto
        isz = _k_stg(proto).size
        if isinstance(idx, range):
            ps = _k_stg(proto)
            if ps.kind == "simple" and proto.__bases__[0] is _SimpleCData and ps.code == "c":
                return bytes(_k_get(self, i * isz, 1)[0] for i in idx)
            if ps.kind == "simple" and proto.__bases__[0] is _SimpleCData and ps.code == "u":
                return "".join(_k_getfunc("u", self, i * isz) for i in idx)
            return [_k_item_get(proto, self, i * isz, i) for i in idx]
        return _k_item_get(proto, self, idx * isz, idx)

    def __setitem__(self, index, value):
        stg, idx = self._k_items(index)
        proto = stg.proto
        isz = _k_stg(proto).size
        if isinstance(idx, range):
            vals = list(value)
            if len(vals) != len(idx):
                raise ValueError("Can only assign sequence of same size")
            for i, v in zip(idx, vals):
                _k_cdata_set(proto, self, i * isz, i, v)
            return
        _k_cdata_set(proto, self, idx * isz, idx, value)

    def __delitem__(self, index):
        raise TypeError("Array does not support item deletion")

    def _k_code(self):
        ps = _k_stg(_k_stg_of(self).proto)
        return ps.code if ps.kind == "simple" else None

    @property
    def value(self):
        code = self._k_code()
        if code == "c":
            raw = _k_get(self, 0, _k_size(self))
            i = raw.find(b"\0")
            return raw if i < 0 else raw[:i]
        if code == "u":
            s = _k_get(self, 0, _k_size(self)).decode("utf-32-le", "surrogatepass")
            i = s.find("\0")
            return s if i < 0 else s[:i]
        raise AttributeError("'%s' object has no attribute 'value'" % type(self).__name__)

    @value.setter
    def value(self, v):
        code = self._k_code()
        n = _k_stg_of(self).length
        if code == "c":
            if not isinstance(v, bytes):
                raise TypeError("bytes expected instead of %s instance" % type(v).__name__)
            if len(v) > n:
                raise ValueError("byte string too long")
            _k_put(self, 0, v + (b"\0" if len(v) < n else b""))
            return
        if code == "u":
            if not isinstance(v, str):
                raise TypeError("unicode string expected instead of %s instance" % type(v).__name__)
            if len(v) > n:
                raise ValueError("string too long")
            data = v.encode("utf-32-le", "surrogatepass")
            _k_put(self, 0, data + (b"\0" * 4 if len(v) < n else b""))
            return
        raise AttributeError("'%s' object has no attribute 'value'" % type(self).__name__)

    @value.deleter
    def value(self):
        raise TypeError("can't delete attribute")

    @property
    def raw(self):
        if self._k_code() != "c":
            raise AttributeError("'%s' object has no attribute 'raw'" % type(self).__name__)
        return _k_get(self, 0, _k_size(self))

    @raw.setter
    def raw(self, v):
        if self._k_code() != "c":
            raise AttributeError("'%s' object has no attribute 'raw'" % type(self).__name__)
        v = bytes(memoryview(v))
        if len(v) > _k_size(self):
            raise ValueError("byte string too long")
        _k_put(self, 0, v)

    @raw.deleter
    def raw(self):
        raise AttributeError("cannot delete attribute")

    def __class_getitem__(cls, item):
        import types
        return types.GenericAlias(cls, item)


del Array._k_abstract_


class _Pointer(_CData, metaclass=PyCPointerType):
    _k_abstract_ = True
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        stg = _k_stg(cls)
        if stg is None or stg.proto is None:
            raise TypeError("Cannot create instance: has no _type_")
        self = _k_new(cls)
        _k_alloc(self, 8)
        return self

    def __init__(self, *args):
        if args:
            self.contents = args[0]

    @property
    def contents(self):
        stg = _k_stg_of(self)
        a = _k_ptrval(self)
        if a == 0:
            raise ValueError("NULL pointer access")
        obj = _k_at_address(stg.proto, a)
        st = _k_extra(obj)
        st[0] = self
        st[3] = "foreign"
        return obj

    @contents.setter
    def contents(self, value):
        stg = _k_stg_of(self)
        if value is None:
            raise TypeError("Pointer does not support item deletion")
        if not isinstance(value, stg.proto):
            raise TypeError("expected %s instead of %s" % (stg.proto.__name__, type(value).__name__))
        _k_put(self, 0, _struct.pack("<Q", _k_addr(value)))
        _k_keep(self, 1, value)
        ex = _k_extra(value)[1]
        if ex is not None:
            _k_keep(self, 0, ex)

    def __bool__(self):
        return _k_ptrval(self) != 0

    def __getitem__(self, index):
        stg = _k_stg_of(self)
        proto = stg.proto
        isz = _k_stg(proto).size
        a = _k_ptrval(self)
        if isinstance(index, slice):
            if index.start is None and index.step is None or index.stop is None:
                if index.stop is None:
                    raise ValueError("slice stop is required")
            step = 1 if index.step is None else index.step
            if step == 0:
                raise ValueError("slice step cannot be zero")
            start = index.start if index.start is not None else (0 if step > 0 else None)
            if start is None:
                raise ValueError("slice start is required for step < 0")
            idx = range(start, index.stop, step)
            ps = _k_stg(proto)
            if a == 0 and len(idx):
                raise ValueError("NULL pointer access")
            if ps.kind == "simple" and ps.code == "c":
                return b"".join(_k_read(a + i, 1) for i in idx)
            if ps.kind == "simple" and ps.code == "u":
                return "".join(chr(_struct.unpack("<I", _k_read(a + 4 * i, 4))[0]) for i in idx)
            return [self[i] for i in idx]
        index = _k_index(index)
        if a == 0:
            raise ValueError("NULL pointer access")
        item = _k_at_address(proto, a + index * isz)
        ps = _k_stg(proto)
        if ps.kind == "simple" and proto.__bases__[0] is _SimpleCData:
            return _k_getfunc(ps.code, item, 0, 0, 0, ps.swapped)
        st = _k_extra(item)
        st[0] = self
        return item

    def __setitem__(self, index, value):
        stg = _k_stg_of(self)
        proto = stg.proto
        isz = _k_stg(proto).size
        a = _k_ptrval(self)
        index = _k_index(index)
        if a == 0:
            raise ValueError("NULL pointer access")
        item = _k_at_address(proto, a + index * isz)
        _k_extra(item)[0] = self
        _k_cdata_set(proto, item, 0, index, value)

    def __delitem__(self, index):
        raise TypeError("Pointer does not support item deletion")


del _Pointer._k_abstract_


def _k_cfunc_abstract():
    pass


class CFuncPtr(_CData, metaclass=PyCFuncPtrType):
    _k_abstract_ = True
    __slots__ = ()

    def __new__(cls, *args, **kwargs):
        stg = _k_stg(cls)
        if stg is None:
            raise TypeError("abstract class")
        self = _k_new(cls)
        _k_alloc(self, 8)
        st = _k_extra(self)
        st[1] = None
        _k_extra(self)[4] = [None, None, None, None, None]  # callable, name, argtypes, restype, errcheck
        if not args:
            return self
        a0 = args[0]
        if len(args) == 1 and isinstance(a0, int):
            _k_put(self, 0, _struct.pack("<Q", a0 & 0xFFFFFFFFFFFFFFFF))
            return self
        if isinstance(a0, tuple) and len(a0) >= 2:
            name, dll = a0[0], a0[1]
            handle = getattr(dll, "_handle", None)
            if not isinstance(handle, int):
                raise TypeError("the _handle attribute of the second argument must be an integer")
            if isinstance(name, int):
                raise AttributeError("function ordinal %d not found" % name)
            try:
                addr = dlsym(handle, name)
            except OSError as e:
                raise AttributeError(str(e)) from None
            _k_put(self, 0, _struct.pack("<Q", addr))
            _k_extra(self)[4][1] = name
            _k_extra(self)[1] = {}
            return self
        if callable(a0):
            if stg.flags & FUNCFLAG_USE_LASTERROR and False:
                pass
            _k_extra(self)[4][0] = a0
            _k_extra(self)[1] = {"0": a0, "1": None}
            return self
        raise TypeError("argument must be callable or integer function address")

    def __init__(self, *args, **kwargs):
        pass

    def __bool__(self):
        return _k_extra(self)[4][0] is not None or _k_ptrval(self) != 0

    def __repr__(self):
        if _k_extra(self)[4][0] is not None:
            return "<CFunctionType object at %#x>" % id(self)
        return "<%s object at %#x>" % (type(self).__name__, id(self))

    @property
    def argtypes(self):
        a = _k_extra(self)[4][2]
        if a is None:
            return _k_stg_of(self).argtypes
        return a

    @argtypes.setter
    def argtypes(self, v):
        if v is None:
            _k_extra(self)[4][2] = None
            return
        try:
            t = tuple(v)
        except TypeError:
            raise TypeError("_argtypes_ must be a sequence of types") from None
        for i, x in enumerate(t):
            if not hasattr(x, "from_param"):
                raise TypeError("item %d in _argtypes_ has no from_param method" % (i + 1))
        _k_extra(self)[4][2] = v

    @argtypes.deleter
    def argtypes(self):
        _k_extra(self)[4][2] = None

    @property
    def restype(self):
        r = _k_extra(self)[4][3]
        if r is None:
            return _k_stg_of(self).restype
        return None if r is _k_NONE else r

    @restype.setter
    def restype(self, v):
        if v is None:
            _k_extra(self)[4][3] = _k_NONE
            return
        if _k_stg(v) is None and not callable(v):
            raise TypeError("restype must be a type, a callable, or None")
        _k_extra(self)[4][3] = v

    @restype.deleter
    def restype(self):
        _k_extra(self)[4][3] = None

    @property
    def errcheck(self):
        return _k_extra(self)[4][4]

    @errcheck.setter
    def errcheck(self, v):
        if v is not None and not callable(v):
            raise TypeError("the errcheck attribute must be callable")
        _k_extra(self)[4][4] = v

    @errcheck.deleter
    def errcheck(self):
        _k_extra(self)[4][4] = None

    def __call__(self, *args, **kwargs):
        return _k_call_func(self, args, kwargs)


del CFuncPtr._k_abstract_
_k_NONE = object()


# ---------------------------------------------------------------- module functions

def _k_check_cdata_type(obj):
    s = _k_stg_of(obj)
    if s is None:
        raise TypeError("this type has no size")
    return s


def sizeof(obj):
    s = _k_stg_of(obj)
    if s is None or (not isinstance(obj, type) and not isinstance(obj, _CData)):
        raise TypeError("this type has no size")
    if isinstance(obj, _CData):
        return _k_size(obj)
    return s.size


def alignment(obj):
    s = _k_stg_of(obj)
    if s is None:
        raise TypeError("no alignment info")
    return s.align


def addressof(obj):
    if not isinstance(obj, _CData):
        raise TypeError("invalid type")
    return _k_addr(obj)


def byref(obj, offset=0):
    if not isinstance(obj, _CData):
        raise TypeError("byref() argument must be a ctypes instance, not '%s'" % type(obj).__name__)
    a = CArgObject("P", obj)
    a._offset = offset
    return a


def resize(obj, size):
    if not isinstance(obj, _CData):
        raise TypeError("excepted ctypes instance")
    stg = _k_stg_of(obj)
    if size < stg.size:
        raise ValueError("minimum size is %d" % stg.size)
    st = _k_extra(obj)
    if st[0] is not None or st[3] == "foreign":
        raise ValueError("Memory cannot be resized because this object doesn't own it")
    _k_resize(obj, size)


import _thread
_k_errno_tls = _thread._local()


def get_errno():
    return getattr(_k_errno_tls, "v", 0)


def set_errno(value):
    if not isinstance(value, int):
        raise TypeError("an integer is required")
    old = getattr(_k_errno_tls, "v", 0)
    _k_errno_tls.v = value
    return old


def POINTER(cls):
    try:
        return _pointer_type_cache[cls]
    except KeyError:
        pass
    except TypeError:
        raise
    if isinstance(cls, str):
        t = PyCPointerType.__new__(PyCPointerType, "LP_%s" % cls, (_Pointer,), {"__module__": _k_caller_module()})
        _pointer_type_cache[id(t)] = t
        return t
    if not isinstance(cls, type):
        raise TypeError("must be a ctypes type")
    t = PyCPointerType.__new__(PyCPointerType, "LP_%s" % cls.__name__, (_Pointer,),
                               {"_type_": cls, "__module__": _k_caller_module()})
    _pointer_type_cache[cls] = t
    return t


def pointer(obj):
    return POINTER(type(obj))(obj)


def PyObj_FromPtr(addr):
    try:
        return _k_objects_by_id[addr]
    except KeyError:
        raise ValueError("no object at this address") from None


def Py_INCREF(obj):
    return obj


def Py_DECREF(obj):
    return obj


def buffer_info(obj):
    s = _k_stg_of(obj)
    if s is None:
        raise TypeError("not a ctypes type or object")
    shape = ()
    t = obj if isinstance(obj, type) else type(obj)
    while s is not None and s.kind == "array":
        shape += (s.length,)
        s = _k_stg(s.proto)
    return ("<" + (s.code or "B") if s and s.code else "B", len(shape), shape)


# Special "function addresses" of CPython's C helpers, served by Python code here.
def _k_string_at(ptr, size):
    a = _k_as_address(ptr)
    if size == -1:
        return _k_read_cstr(a, 1)
    return _k_read(a, size)


def _k_wstring_at(ptr, size):
    a = _k_as_address(ptr)
    if size == -1:
        return _k_read_cstr(a, 4)
    return _k_read(a, size * 4).decode("utf-32-le", "surrogatepass")


def _k_as_address(p):
    if p is None:
        return 0
    if isinstance(p, int):
        return p
    if isinstance(p, CArgObject):
        if p._tag == "P" and p._obj is not None:
            return _k_addr(p._obj) + p._offset
        if p._tag == "P":
            return p._value
    if isinstance(p, (bytes, str)):
        h, a = _k_keep_cbuf(p)
        _k_tmp_keep.append(h)
        return a
    if isinstance(p, Array):
        return _k_addr(p)
    if isinstance(p, (_Pointer, CFuncPtr)):
        return _k_ptrval(p)
    if isinstance(p, _SimpleCData) and _k_stg_of(p).code in "zZP":
        return _k_ptrval(p)
    if isinstance(p, _CData):
        return _k_addr(p)
    ap = getattr(p, "_as_parameter_", None)
    if ap is not None:
        return _k_as_address(ap)
    raise ArgumentError("wrong type")


_k_tmp_keep = []


def _k_cast(obj, src, typ):
    if _k_stg(typ) is None or _k_stg(typ).kind not in ("ptr", "func") and not (
            _k_stg(typ).kind == "simple" and _k_stg(typ).code in "zZP"):
        raise TypeError("cast() argument 2 must be a pointer type, not %s"
                        % (typ.__name__ if isinstance(typ, type) else type(typ).__name__))
    if isinstance(obj, (_Pointer, CFuncPtr, Array)) or (isinstance(obj, _SimpleCData)
                                                          and _k_stg_of(obj).code in "zZP"):
        a = _k_addr(obj) if isinstance(obj, Array) else _k_ptrval(obj)
    elif isinstance(obj, int) or obj is None:
        a = obj or 0
    elif isinstance(obj, (bytes, str)):
        h, a = _k_keep_cbuf(obj)
        _k_tmp_keep.append(h)
    elif isinstance(obj, CArgObject):
        a = _k_as_address(obj)
    else:
        raise ArgumentError("argument 1: TypeError: wrong type")
    res = typ()
    _k_put(res, 0, _struct.pack("<Q", a & 0xFFFFFFFFFFFFFFFF))
    if isinstance(obj, _CData):
        st = _k_extra(res)
        ex = _k_extra(obj)
        if ex[1] is None or not isinstance(ex[1], dict):
            ex[1] = {} if ex[1] is None else {"_": ex[1]}
        ex[1][id(obj)] = obj
        st[1] = ex[1]
    return res


_string_at_addr = 0x11
_wstring_at_addr = 0x21
_cast_addr = 0x31
_k_SPECIAL = {_string_at_addr: _k_string_at, _wstring_at_addr: _k_wstring_at,
              _cast_addr: _k_cast}
_memmove_addr = dlsym(0, "memmove")
_memset_addr = dlsym(0, "memset")


# ---------------------------------------------------------------- calls

def _k_arg_words(p, i):
    # One converted argument -> (is_sse, bits as signed 64) and keep-alive
    if p is None:
        return (False, 0), None
    if isinstance(p, bool):
        return (False, int(p)), None
    if isinstance(p, int):
        if not -(1 << 63) <= p < (1 << 64):
            raise ArgumentError("argument %d: OverflowError: int too long to convert" % i)
        return (False, _k_signed(p, 32)), None
    if isinstance(p, bytes):
        h, a = _k_keep_cbuf(p)
        return (False, a), h
    if isinstance(p, str):
        h, a = _k_keep_cbuf(p)
        return (False, a), h
    if isinstance(p, CArgObject):
        t = p._tag
        if t == "P":
            if p._obj is not None:
                return (False, _k_addr(p._obj) + p._offset), p._obj
            return (False, _k_signed(p._value & 0xFFFFFFFFFFFFFFFF, 64)), None
        if t in "zZ":
            h, a = _k_keep_cbuf(p._value)
            return (False, a), h
        raw = p._raw
        return _k_raw_word(t, raw), p._keep
    if isinstance(p, _SimpleCData):
        stg = _k_stg_of(p)
        return _k_raw_word(stg.code, _k_get(p, 0, stg.size)), p
    if isinstance(p, (_Pointer, CFuncPtr)):
        if isinstance(p, CFuncPtr) and _k_extra(p)[4][0] is not None:
            raise NotImplementedError("ctypes callbacks cannot be called from C code in Krait "
                                      "(no executable trampolines)")
        return (False, _k_signed(_k_ptrval(p), 64)), p
    if isinstance(p, Array):
        return (False, _k_addr(p)), p
    if isinstance(p, (Structure, Union)):
        raise ArgumentError("argument %d: NotImplementedError: passing structures by value is "
                            "not supported by Krait's foreign calls" % i)
    ap = getattr(p, "_as_parameter_", None)
    if ap is not None:
        return _k_arg_words(ap, i)
    if isinstance(p, float):
        raise ArgumentError("argument %d: TypeError: Don't know how to convert parameter %d" % (i, i))
    raise ArgumentError("argument %d: TypeError: Don't know how to convert parameter %d" % (i, i))


def _k_raw_word(code, raw):
    if code in "fd":
        if code == "f":
            return (True, int.from_bytes(raw, "little"))
        return (True, _k_signed(int.from_bytes(raw, "little"), 64))
    if code == "g":
        raise ArgumentError("long double arguments are not supported by Krait's foreign calls")
    if code in "bhilq":
        return (False, _k_signed(int.from_bytes(raw, "little"), len(raw) * 8))
    if code == "O":
        return (False, _k_signed(int.from_bytes(raw, "little"), 64))
    return (False, _k_signed(int.from_bytes(raw, "little"), 64))


def _k_convert_args(argtypes, args):
    out = []
    for i, a in enumerate(args):
        if argtypes is not None and i < len(argtypes):
            try:
                a = argtypes[i].from_param(a)
            except ArgumentError:
                raise
            except Exception as e:
                raise ArgumentError("argument %d: %s: %s" % (i + 1, type(e).__name__, e)) from None
        out.append(a)
    return out


def _k_result(restype, rax, xmm):
    if restype is None:
        return None
    stg = _k_stg(restype)
    if stg is None:
        if callable(restype):
            return restype(_k_signed(rax, 32))
        return _k_signed(rax, 32)
    if stg.kind == "simple":
        code = stg.code
        tmp = restype.__new__(restype)
        if code == "f":
            raw = (xmm & 0xFFFFFFFF).to_bytes(4, "little")
        elif code == "d":
            raw = (xmm & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little")
        elif code == "g":
            raise NotImplementedError("long double results are not supported by Krait's foreign calls")
        else:
            raw = (rax & ((1 << (stg.size * 8)) - 1)).to_bytes(stg.size, "little")
        _k_put(tmp, 0, raw)
        if restype.__bases__[0] is _SimpleCData:
            return _k_getfunc(code, tmp, 0)
        return tmp
    if stg.kind in ("ptr", "func"):
        tmp = restype.__new__(restype)
        _k_put(tmp, 0, (rax & 0xFFFFFFFFFFFFFFFF).to_bytes(8, "little"))
        return tmp
    raise NotImplementedError("returning structures or arrays by value is not supported by "
                              "Krait's foreign calls")


def _k_call_func(self, args, kwargs):
    fn = _k_extra(self)[4]
    stg = _k_stg_of(self)
    argtypes = self.argtypes
    restype = fn[3]
    if restype is None:
        restype = stg.restype
    elif restype is _k_NONE:
        restype = None
    if kwargs:
        raise TypeError("call takes no keyword arguments")
    if fn[0] is not None:
        # A callback object called from Python: convert like C would, call the callable.
        cargs = []
        for i, a in enumerate(args):
            if argtypes is not None and i < len(argtypes):
                t = argtypes[i]
                if _k_stg(t) is not None and _k_stg(t).kind == "simple":
                    a = t(a) if not isinstance(a, t) else a
                    if t.__bases__[0] is _SimpleCData:
                        a = a.value
            cargs.append(a)
        if argtypes is not None and len(args) != len(argtypes):
            raise TypeError("this function takes %d argument%s (%d given)"
                            % (len(argtypes), "" if len(argtypes) == 1 else "s", len(args)))
        r = fn[0](*cargs)
        if restype is None or _k_stg(restype) is None:
            return r if restype is not None else None
        if _k_stg(restype).kind == "simple":
            return _k_cdata_roundtrip(restype, r)
        return r
    addr = _k_ptrval(self)
    if addr == 0:
        raise ValueError("NULL pointer access")
    if argtypes is not None:
        if len(args) < len(argtypes):
            n = len(argtypes)
            raise TypeError("this function takes at least %d argument%s (%d given)"
                            % (n, "" if n == 1 else "s", len(args)))
        if len(args) > len(argtypes) and not stg.flags & FUNCFLAG_CDECL:
            raise TypeError("this function takes %d arguments (%d given)" % (len(argtypes), len(args)))
    special = _k_SPECIAL.get(addr)
    conv = _k_convert_args(argtypes, args)
    if special is not None:
        vals = []
        for i, c in enumerate(conv):
            if isinstance(c, CArgObject) and c._tag not in "P":
                c = c._value
            elif isinstance(c, _SimpleCData) and argtypes is not None and i < len(argtypes) \
                    and _k_stg(argtypes[i]) is not None and _k_stg(argtypes[i]).code == "O":
                c = c.value
            vals.append(c)
        if special is _k_cast:
            return _k_cast(args[0], args[1], args[2])
        return special(*vals[:2])
    words = []
    keep = []
    for i, c in enumerate(conv):
        w, k = _k_arg_words(c, i + 1)
        words.append(w)
        keep.append(k)
    ret_sse = False
    if restype is not None and _k_stg(restype) is not None and _k_stg(restype).kind == "simple" \
            and _k_stg(restype).code in "fd":
        ret_sse = True
    use_errno = bool(stg.flags & FUNCFLAG_USE_ERRNO)
    rax, xmm, err = _k_call(addr, words, ret_sse, get_errno() if use_errno else None)
    if use_errno:
        _k_errno_tls.v = err
    del keep
    _k_tmp_keep.clear()
    result = _k_result(restype, rax & 0xFFFFFFFFFFFFFFFF, xmm & 0xFFFFFFFFFFFFFFFF)
    ec = fn[4]
    if ec is not None:
        return ec(result, self, tuple(args))
    return result


def _k_cdata_roundtrip(restype, r):
    tmp = restype(r)
    return tmp.value


def call_function(addr, args):
    words = [_k_arg_words(a, i + 1)[0] for i, a in enumerate(args)]
    return _k_signed(_k_call(addr, words, False, None)[0], 32)


call_cdeclfunction = call_function

del _k_cfunc_abstract

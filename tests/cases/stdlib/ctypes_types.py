# ctypes simple types: sizes, alignments, type codes, value conversions (masking, floats,
# chars, strings, pointers, py_object), reprs, swapped-byte-order types and the errors
# CPython raises for bad values and bad _type_ codes.
from ctypes import *
import ctypes


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for T in [c_byte, c_ubyte, c_short, c_ushort, c_int, c_uint, c_long, c_ulong, c_longlong,
          c_ulonglong, c_float, c_double, c_longdouble, c_char, c_wchar, c_char_p, c_wchar_p,
          c_void_p, c_bool, py_object, c_size_t, c_ssize_t, c_int8, c_int16, c_int32, c_int64,
          c_uint8, c_uint16, c_uint32, c_uint64]:
    print(T.__name__, sizeof(T), alignment(T), T._type_)
for T in [c_byte, c_ubyte, c_short, c_ushort, c_int, c_uint, c_long, c_ulong, c_float,
          c_double, c_longdouble, c_char, c_wchar, c_bool, c_void_p]:
    print(repr(T()), bool(T()))
print(c_byte(200), c_ubyte(-1), c_short(70000), c_ushort(-2), c_int(2**40 + 5), c_uint(-1))
print(c_long(-5), c_ulong(-1), c_longlong(2**63), c_ulonglong(2**64 + 3))
print(c_float(1.1), c_double(1.1), c_longdouble(1e300), c_longdouble(-2.5), c_float(3))
print(c_char(65), c_char(b"x").value, c_wchar("z"), c_bool(5), c_bool([]))
print(c_char_p(b"abc").value, c_wchar_p("xyz\u20ac").value, c_char_p().value, c_void_p(None).value, c_void_p(5).value)
print(py_object([1, 2]).value, py_object(), c_int(7).value, c_double(2).value)
x = c_int(3)
x.value = 10
print(x, x.value, c_int(True), c_int(3) == c_int(3))
class Sub(c_int):
    pass
print(Sub(3).value, repr(Sub(3)).split(" at ")[0], type(c_int), type(Sub))
print(c_int.__mro__)
print(c_int.__ctype_be__(5).value, bytes(c_int.__ctype_be__(5)), bytes(c_int.__ctype_le__(5)))
print(c_double.__ctype_be__.__name__, c_int.__ctype_le__ is c_int, c_ubyte.__ctype_be__ is c_ubyte)
t(lambda: c_bool.__ctype_be__)
print(bytes(c_short(-2)), bytes(c_double(1.0)), bytes(c_char(b"q")), bytes(c_wchar("A")))
t(lambda: c_int("a"))
t(lambda: c_int(1.5))
t(lambda: c_int(1, 2))
t(lambda: c_double("a"))
t(lambda: c_char("ab"))
t(lambda: c_char(b"ab"))
t(lambda: c_char(300))
t(lambda: c_wchar(1))
t(lambda: c_wchar("ab"))
t(lambda: c_char_p("x"))
t(lambda: c_wchar_p(b"x"))
t(lambda: c_void_p("x"))
t(lambda: py_object().value)
t(lambda: c_int.from_param(1.5))
t(lambda: c_int.from_param(5))
t(lambda: c_double.from_param(2.5))
t(lambda: c_int.from_param(c_long(4)))
t(lambda: c_int.from_param(c_int(4)))
t(lambda: c_char_p.from_param(None))
t(lambda: c_char_p.from_param("s"))
t(lambda: type("Y", (c_int,), {"_type_": "x"}))
t(lambda: type("Y", (ctypes._SimpleCData,), {}))
t(lambda: type("Y", (ctypes._SimpleCData,), {"_type_": 5}))
t(lambda: type("Y", (ctypes._SimpleCData,), {"_type_": "ii"}))
t(lambda: ctypes._SimpleCData())
t(lambda: sizeof(3))
t(lambda: sizeof(c_int(1)))
t(lambda: alignment(c_double(1)))
t(lambda: addressof(3))
t(lambda: byref(3))
print(type(byref(c_int(5))).__name__, repr(c_int.from_param(7)))
print(c_int(5).__ctypes_from_outparam__(), repr(Sub(2).__ctypes_from_outparam__()).split(" at ")[0])
print(c_char_p(b"a")._objects, c_int(1)._objects, c_int(1)._b_base_, c_int(1)._b_needsfree_)

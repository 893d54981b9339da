# ctypes Structure and Union: field layout (offsets, sizes, alignment, _pack_), bitfields as
# CPython 3.11 lays them out, _anonymous_, nested structures and arrays as fields, subclassing,
# byte order (BigEndianStructure), initialisers and the errors of bad _fields_.
from ctypes import *


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


class P(Structure):
    _fields_ = [("x", c_int), ("y", c_char), ("z", c_double), ("w", c_short)]
print(sizeof(P), alignment(P), P.x, P.y, P.z, P.w, P.x.offset, P.z.size)
p = P(1, b"a", 2.5)
print(p.x, p.y, p.z, p.w)
p.w = 70000
print(p.w, bytes(p)[:8], P.__mro__, type(P))
class B(Structure):
    _fields_ = [("a", c_int, 3), ("b", c_int, 5), ("c", c_uint, 30), ("d", c_short, 4),
                ("e", c_longlong, 40)]
print(sizeof(B), B.a, B.b, B.c, B.d, B.e)
b = B(5, -3, 12345, 7, 2**39 - 1)
print(b.a, b.b, b.c, b.d, b.e, bytes(b).hex())
class B2(Structure):
    _fields_ = [("f", c_ubyte, 1), ("g", c_bool, 1), ("h", c_ubyte, 6), ("i", c_ushort, 9)]
b2 = B2(3, True, 63, 511)
print(sizeof(B2), b2.f, b2.g, b2.h, b2.i, bytes(b2).hex(), B2.g, B2.i)
b.a = 9
b.b = 100
print(b.a, b.b, B.a.size, B.b.size)
class Mixed(Structure):
    _fields_ = [("a", c_char), ("b", c_short, 3), ("c", c_int, 20), ("d", c_short, 15), ("e", c_int)]
print(sizeof(Mixed), [str(Mixed.__dict__[n]) for n in "abcde"])
class Pk(Structure):
    _pack_ = 1
    _fields_ = [("a", c_char), ("b", c_int), ("c", c_double)]
print(sizeof(Pk), Pk.b, Pk.c, alignment(Pk))
class Pk2(Structure):
    _pack_ = 2
    _fields_ = [("a", c_char), ("b", c_int), ("c", c_longlong)]
print(sizeof(Pk2), Pk2.b, Pk2.c, alignment(Pk2))
class U(Union):
    _fields_ = [("i", c_int), ("d", c_double), ("b", c_ubyte * 3)]
u = U()
u.i = 0x01020304
print(sizeof(U), alignment(U), list(u.b), U.d, U.b, type(U))
u.d = 1.0
print(hex(u.i), bytes(u))
class Inner(Structure):
    _fields_ = [("a", c_int), ("b", c_int)]
class Outer(Structure):
    _anonymous_ = ("inner",)
    _fields_ = [("x", c_char), ("inner", Inner), ("arr", c_int * 3), ("name", c_char * 8),
                ("wname", c_wchar * 4)]
o = Outer()
o.a = 5
o.b = 6
o.arr[1] = 9
o.name = b"hey"
o.wname = "ab"
print(sizeof(Outer), o.a, o.b, o.inner.a, list(o.arr), o.name, o.wname, Outer.a, Outer.name)
print(type(o.inner).__name__, o.inner._b_base_ is o, type(o.arr).__name__)
o.inner = Inner(7, 8)
print(o.a, o.b)
o.inner = (1, 2)
o.arr = (4, 5, 6)
print(o.a, o.b, list(o.arr))
t(lambda: setattr(o, "name", b"123456789"))
t(lambda: setattr(o, "inner", 5))
class Q(P):
    _fields_ = [("extra", c_int)]
q = Q(1, b"b", 3.0, 4, 5)
print(sizeof(Q), Q.extra, q.extra, q.x, q.w)
class R(Q):
    pass
print(sizeof(R), R(1).x)
class Later(Structure):
    pass
Later._fields_ = [("v", c_int), ("next", POINTER(Later))]
print(sizeof(Later), Later.next)
class BE(BigEndianStructure):
    _fields_ = [("a", c_int), ("b", c_short, 4), ("c", c_short, 12), ("d", c_double)]
be = BE(1, 2, 3, 1.5)
print(bytes(be).hex(), be.a, be.b, be.c, be.d, BE.b, BE.c)
class LE(LittleEndianStructure):
    _fields_ = [("a", c_int)]
print(bytes(LE(258)).hex())
class BU(BigEndianUnion):
    _fields_ = [("a", c_uint), ("b", c_ubyte * 4)]
bu = BU()
bu.a = 0x01020304
print(list(bu.b))
t(lambda: P(1, 2, 3, 4, 5))
t(lambda: P(1, x=2))
t(lambda: setattr(p, "x", "s"))
t(lambda: P(z="a"))
t(lambda: setattr(P, "_fields_", []))
t(lambda: type("Y", (Structure,), {"_fields_": [("a", c_char, 3)]}))
t(lambda: type("Y", (Structure,), {"_fields_": [("a", c_double, 3)]}))
t(lambda: type("Y", (Structure,), {"_fields_": [("a", c_int, 33)]}))
t(lambda: type("Y", (Structure,), {"_fields_": [("a", c_int, 0)]}))
t(lambda: type("Y", (Structure,), {"_fields_": [("a", 3)]}))
t(lambda: type("Y", (Structure,), {"_fields_": [3]}))
t(lambda: type("Y", (Structure,), {"_pack_": -1, "_fields_": [("a", c_int)]}))
t(lambda: type("Y", (Structure,), {"_anonymous_": ["q"], "_fields_": [("a", c_int)]}))
t(lambda: Structure())
print(P.from_buffer_copy(bytes(range(24))).x, sizeof(Structure.__new__(type("E", (Structure,), {}))))
class SP(BigEndianStructure):
    __slots__ = ()
    _fields_ = [("x", c_int)]
t(lambda: setattr(SP(), "z", 1))
print(bytes(memoryview(SP(5))), memoryview(c_int(7)).tobytes())
class NoDict(Structure):
    __slots__ = ()
class HasDict(NoDict):
    pass
h = HasDict()
h.extra = 1
print(h.__dict__, hasattr(NoDict(), "__dict__"))

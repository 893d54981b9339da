# ctypes arrays and pointers: array types (cached, named), indexing and slicing, char and
# wchar arrays' value/raw, create_string_buffer/create_unicode_buffer, POINTER/pointer,
# contents, pointer indexing and slicing, cast, from_address, from_buffer(_copy), memmove,
# memset, string_at, resize, and the errors.
from ctypes import *


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


A = c_int * 5
a = A(1, 2, 3)
print(A.__name__, A is c_int * 5, sizeof(A), len(a), a[0], a[-1], a[1:3], list(a), a[::2], A._length_, A._type_)
print(type(A), A.__mro__[1:])
a[4] = 42
a[0:2] = [7, 8]
print(list(a))
t(lambda: a[5])
t(lambda: A(1, 2, 3, 4, 5, 6))
t(lambda: a.__setitem__(slice(0, 2), [1]))
t(lambda: a.value)
t(lambda: c_int * -1)
M = (c_int * 3) * 2
m = M((1, 2, 3), (4, 5, 6))
print(M.__name__, sizeof(M), m[1][2], [list(r) for r in m])
s = create_string_buffer(b"hello", 10)
print(sizeof(s), s.value, s.raw, repr(s[0]), s[1:3], type(s).__name__)
s.value = b"xy"
print(s.raw)
s.raw = b"abcdefghij"
print(s.value)
t(lambda: setattr(s, "value", b"x" * 11))
t(lambda: setattr(s, "value", "str"))
print(sizeof(create_string_buffer(3)), create_string_buffer(b"ab").raw)
w = create_unicode_buffer("h\xe9llo")
print(sizeof(w), w.value, w[1], w[0:2], len(w))
w.value = "zz"
print(w.value, w[:])
ip = pointer(c_int(42))
print(ip.contents, ip[0], type(ip).__name__, bool(ip), bool(POINTER(c_int)()))
ip.contents.value = 43
print(ip[0], type(ip).__mro__, type(type(ip)))
ip[0] = 44
print(ip.contents.value)
t(lambda: POINTER(c_int)().contents)
t(lambda: POINTER(c_int)()[0])
t(lambda: pointer(3))
print(POINTER(c_int) is POINTER(c_int), POINTER(c_double).__name__)
arr = (c_int * 4)(10, 20, 30, 40)
pp = cast(arr, POINTER(c_int))
print(pp[2], pp[0:3], pp[:4:2])
pp[1] = 99
print(arr[1])
vp = cast(pointer(arr), c_void_p)
print(type(vp).__name__, vp.value == addressof(arr))
t(lambda: cast(1, c_int))
cp = cast(create_string_buffer(b"text"), c_char_p)
print(cp.value)
print(string_at(addressof(s), 2), string_at(c_char_p(b"abc")), wstring_at(addressof(w)))
x = c_int(7)
y = c_int.from_address(addressof(x))
y.value = 8
print(x.value, y._b_needsfree_, x._b_needsfree_)
ba = bytearray(8)
z = c_int.from_buffer(ba, 4)
z.value = 0x11223344
print(ba)
t(lambda: ba.extend(b"x"))
t(lambda: c_int.from_buffer(b"abcd"))
t(lambda: c_int.from_buffer(bytearray(2)))
print(c_double.from_buffer_copy(b"\0\0\0\0\0\0\xf0\x3f").value)
t(lambda: c_double.from_buffer_copy(b"\0"))
src = c_int(123)
memmove(addressof(x), addressof(src), 4)
print(x.value)
memmove(x, byref(c_int(5)), 4) if False else None
memset(s, 65, 3)
print(s.raw)
r = (c_char * 4)()
resize(r, 16)
print(sizeof(r), len(r))
t(lambda: resize(r, 2))
class Node(Structure):
    pass
Node._fields_ = [("val", c_int), ("next", POINTER(Node))]
n2 = Node(2, None)
n1 = Node(1, pointer(n2))
print(n1.next.contents.val, bool(n2.next), n1.next[0].val)
ppi = pointer(pointer(c_int(5)))
print(ppi.contents.contents.value, ppi[0][0])
print(list((c_ubyte * 4).from_buffer_copy(b"\x01\x02\x03\x04")))

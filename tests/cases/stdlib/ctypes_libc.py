# ctypes foreign calls into the C library: CDLL loading and symbol lookup, argument
# conversion with and without argtypes, restype (ints, c_double, c_float, c_char_p, pointers
# to structures, None), errcheck, use_errno/get_errno, a variadic function (snprintf) with
# integer and double arguments past the registers, and the errors.
import ctypes.util
import errno
import os
from ctypes import *


def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


libc = CDLL("libc.so.6")
print(libc.strlen(b"hello"), libc.abs(-5), libc.labs(-7), libc.atoi(b"  42x"))
libc.strtod.restype = c_double
libc.strtod.argtypes = [c_char_p, POINTER(c_char_p)]
end = c_char_p()
text = b"3.25rest"
print(libc.strtod(text, byref(end)), end.value)
libc.strchr.restype = c_char_p
print(libc.strchr(b"hello world", ord("w")))
buf = create_string_buffer(64)
n = libc.sprintf(buf, b"%d-%s-%.3f-%c-%ld", 42, b"abc", c_double(2.5), ord("Z"), c_long(-1 << 40))
print(n, buf.value)
fmt = b"%.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f %.2f|%d %d %d %d %d %d %d"
n = libc.snprintf(buf, 64, fmt, *[c_double(i / 4) for i in range(10)], 1, 2, 3, 4, 5, 6, 7)
print(n, buf.value)
print(libc.memcmp(b"abc", b"abd", 3) < 0, libc.memcmp(b"abc", b"abc", 3))
print(libc.getpid() == os.getpid())
f = libc.abs
f.argtypes = [c_int]
f.restype = c_int
print(f(-3), f.argtypes, f.restype, libc.abs is f, libc["abs"] is f, type(f).__name__)
f.errcheck = lambda result, func, args: ("checked", result, args)
print(f(-9))
t(lambda: f())
t(lambda: f("x"))
t(lambda: libc.labs(1.5))
t(lambda: libc.labs(2**40))
libc.labs.restype = c_long
libc.labs.argtypes = [c_long]
print(libc.labs(-(2**40)))
lm = CDLL(ctypes.util.find_library("m"))
lm.sqrt.restype = c_double
lm.sqrt.argtypes = [c_double]
print(lm.sqrt(2.0), lm.sqrt(16))
lm.powf.restype = c_float
lm.powf.argtypes = [c_float, c_float]
print(lm.powf(2.0, 10.0), lm.powf(1.5, 2))
lm.ldexp.restype = c_double
lm.ldexp.argtypes = [c_double, c_int]
print(lm.ldexp(1.5, 4))
lm.fma.restype = c_double
print(lm.fma(c_double(2), c_double(3), c_double(0.5)))
lc = CDLL(None, use_errno=True)
lc.close.argtypes = [c_int]
print(lc.close(-1), get_errno() == errno.EBADF)
print(set_errno(0) == errno.EBADF, get_errno())
t(lambda: "undefined symbol" in str(libc.nosuchfunction))
try:
    libc.nosuchfunction
except AttributeError as e:
    print("undefined symbol: nosuchfunction" in str(e))
t(lambda: CDLL("libdoesnotexist.so.9"))
print(ctypes.util.find_library("c"), ctypes.util.find_library("doesnotexist"))
class TM(Structure):
    _fields_ = [("sec", c_int), ("min", c_int), ("hour", c_int), ("mday", c_int),
                ("mon", c_int), ("year", c_int), ("wday", c_int), ("yday", c_int),
                ("isdst", c_int), ("gmtoff", c_long), ("zone", c_char_p)]
libc.gmtime.restype = POINTER(TM)
tt = c_long(86400 * 365 + 3661)
tm = libc.gmtime(byref(tt)).contents
print(tm.year, tm.mon, tm.mday, tm.hour, tm.min, tm.sec, tm.zone)
libc.strftime.argtypes = [c_char_p, c_size_t, c_char_p, POINTER(TM)]
out = create_string_buffer(32)
print(libc.strftime(out, 32, b"%Y-%m-%d %H:%M", byref(tm)), out.value)
wl = libc.wcslen
wl.restype = c_size_t
print(wl("h\xe9llo"), wl(create_unicode_buffer("abc", 10)))
libc.strtol.argtypes = [c_char_p, c_void_p, c_int]
libc.strtol.restype = c_long
print(libc.strtol(b"-ff", None, 16), libc.strtol(b"777", None, 8))
print(memmove(create_string_buffer(4), b"abc", 3) != 0)
CB = CFUNCTYPE(c_int, c_int, c_int)
cb = CB(lambda a, b: a + b)
print(cb(2, 3), bool(cb), CB.__mro__[1:], type(CB))

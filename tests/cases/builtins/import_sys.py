# __import__ of sys, and a few deterministic sys attributes
s = __import__("sys")
import sys
print(s is sys, s.__name__, type(s).__name__, "sys" in sys.modules, sys.modules["sys"] is sys)
print(sys.version_info[:2], sys.version_info.major, sys.maxsize, sys.byteorder, sys.getrecursionlimit())
print(sys.implementation.name == sys.implementation.name, type(sys.argv).__name__, len(sys.argv))
print(sys.int_info.bits_per_digit in (15, 30), sys.float_info.max, sys.maxunicode, sys.hash_info.modulus, sys.hash_info.inf)
print(sys.hash_info.width, sys.hash_info.nan, sys.hash_info.imag)
b = __import__("builtins")
print(b.len is len, b.__name__)
try:
    __import__("no_such_module_xyz")
except ImportError as e:
    print(type(e).__name__, e, e.name)
try:
    __import__(5)
except TypeError as e:
    print("TypeError", e)
print(sys.flags.optimize, sys.flags.dont_write_bytecode)
print(sys.stdout.encoding, sys.getdefaultencoding())

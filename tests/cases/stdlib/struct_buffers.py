# struct: pack_into any writable buffer (array, memoryview), CPython's offset and argument
# messages, format limits, 'p' codes, and Struct compiled by __init__ (a subclass's __init__
# runs; re-initialising with a bad format keeps the old size). Ends in an uncaught struct.error.
import struct, array, sys
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
s = struct.Struct('<I')
ba = bytearray(10)
for o in [-2, -11, -4, 8, 7, sys.maxsize, -sys.maxsize, 2**63, 1.5]:
    show(("pack_into", o), lambda: struct.pack_into('<I', ba, o, 1))
    show(("unpack_from", o), lambda: struct.unpack_from('<I', ba, o))
show("pi0", lambda: s.pack_into())
show("pi1", lambda: s.pack_into(ba))
show("pi2", lambda: s.pack_into(ba, 0))
show("pi4", lambda: s.pack_into(ba, 0, 1, 2))
show("fpi1", lambda: struct.pack_into('<I', ba))
show("fpi0", lambda: struct.pack_into())
show("fpi_bytes", lambda: struct.pack_into('<I', b'abcd', 0, 1))
show("fpi_ro_mv", lambda: struct.pack_into('<I', memoryview(bytearray(4)).toreadonly(), 0, 1))
a = array.array('i', [0, 0, 0])
struct.pack_into('<I', a, 4, 0x01020304); print(a)
m = memoryview(bytearray(12))
struct.pack_into('<I', m[4:], 0, 0x05060708); print(m.tobytes())
show("gaps", lambda: struct.pack_into('<B', m[::2], 0, 1))
show("mvcast", lambda: (struct.pack_into('<H', m.cast('I'), 2, 0xffff), m.tobytes()))
for f in ['\0', '2\0i', b'\0', '12345', 'c12345', '%db' % (sys.maxsize+1), '{}b{}H'.format(sys.maxsize//2, sys.maxsize//2), '=n', '<N', 'Z', '3', 'i i', '>', 'P', '<P', '99999999999999999999b']:
    show(("calcsize", f), lambda: struct.calcsize(f))
for code, inp in [('p', b'abc'), ('2p', b'abc'), ('5p', b'abc'), ('300p', b'x'*300)]:
    show(code, lambda: (struct.pack(code, inp), struct.unpack(code, struct.pack(code, inp))))
show("iter", lambda: list(struct.iter_unpack('>ibcp', b'1234567')))
show("iter bad", lambda: struct.iter_unpack('>ibcp', b'123456'))
show("iter0", lambda: struct.iter_unpack('>', b''))
show("Struct()", lambda: struct.Struct())
show("Struct(1)", lambda: struct.Struct(1))
show("Struct(fmt=)", lambda: struct.Struct(format='i').size)
class S(struct.Struct):
    def __init__(self, *a, **k):
        print("init", a, k)
        super().__init__(*a, **k)
show("subclass", lambda: S('i').size)
x = struct.Struct('i'); x.__init__('q'); print(x.size, x.format)
show("reinit bad", lambda: x.__init__('Z'))
print(x.size, x.format)
struct.pack_into('<q', bytearray(4), 0, 1)

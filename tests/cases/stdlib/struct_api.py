# struct: native and standard sizes, alignment, every code, CPython's range and type errors, Struct, iter_unpack, unpack_from, pack_into.
import struct
for f, v in [('B',-1),('b',200),('h',1<<20),('H',-1),('i',1<<40),('I',-1),('l',1<<70),('L',-1),('q',1<<70),('Q',-1),('<b',200),('<B',-1),('<h',1<<20),('<H',-1),('<i',1<<40),('<I',-1),('<I',1<<40),('<q',1<<70),('<Q',-1),('>l',1<<40), ('n', 1<<70), ('N', -1), ('e', 1e10), ('c', b'ab'), ('s', 'x'), ('i', 1.5), ('d', 'x')]:
    try: struct.pack(f, v)
    except Exception as e: print(f, type(e).__name__, e)
for bad in [lambda: struct.pack('ii', 1), lambda: struct.unpack('i', b'ab'), lambda: struct.calcsize('z'), lambda: struct.calcsize('3')]:
    try: bad()
    except struct.error as e: print(e)
print(struct.calcsize('@bhiq'), struct.calcsize('<bhiq'), struct.calcsize('@ci'), struct.calcsize('P'), struct.calcsize('5s'))
print(struct.pack('>e', 1.5), struct.pack('<e', 65504.0), struct.pack('<e', 1e-8), struct.pack('?', 5), struct.pack('5p', b'ab'))
print(struct.pack('<hHiIqQ', -2, 65535, -3, 4000000000, -(1<<62), (1<<64)-1))
print(struct.unpack('<hHiIqQ', struct.pack('<hHiIqQ', -2, 65535, -3, 4000000000, -(1<<62), (1<<64)-1)))
print(struct.pack('>d f', 1.1, 2.5), struct.unpack('>df', struct.pack('>df', 1.1, 2.5)))
print(struct.pack('@bi', 1, 2), struct.pack('=bi', 1, 2), struct.pack('!I', 0xdeadbeef))
s = struct.Struct('<I2s?')
print(s.size, s.format, s.pack(7, b'ok', True), s.unpack(b'\x07\x00\x00\x00ok\x01'))
print(list(struct.iter_unpack('<H', b'\x01\x00\x02\x00')), struct.unpack_from('<H', b'xx\x05\x00', 2))
ba = bytearray(8); struct.pack_into('<I', ba, 4, 99); print(ba)
print(struct.unpack('3c', b'abc'), struct.unpack('<e', b'\x00\x3e'), struct.unpack('5p', b'\x02abcd'))

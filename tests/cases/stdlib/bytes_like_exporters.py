# Bytes-like arguments accept any buffer exporter (mmap, array.array, memoryviews of any format
# and shape), as CPython's Py_buffer does; pack_into writes into a writable mmap. Ends in an
# uncaught TypeError.
import mmap, array, base64, binascii, hashlib, zlib, struct
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
m = mmap.mmap(-1, 8); m.write(b'abcdefgh')
a = array.array('I', [1, 2])
mv = memoryview(b'abcdefgh').cast('I')
for name, obj in [("mmap", m), ("array", a), ("mv I", mv), ("mv 2d", memoryview(b'abcdef').cast('B', (2, 3)))]:
    show((name, "b64"), lambda: base64.b64encode(obj))
    show((name, "b64dec"), lambda: base64.b64decode(base64.b64encode(obj)))
    show((name, "mv"), lambda: memoryview(obj).tobytes())
    show((name, "bytes"), lambda: bytes(obj))
    show((name, "hex"), lambda: binascii.hexlify(obj))
    show((name, "crc"), lambda: zlib.crc32(obj))
    show((name, "sha"), lambda: hashlib.sha1(obj).hexdigest())
    show((name, "join"), lambda: b'-'.join([obj, obj]))
    show((name, "in"), lambda: b'abc' in bytearray(b'xabcx'))
    show((name, "unpack"), lambda: struct.unpack('8s', obj))
    show((name, "ba+"), lambda: bytearray(b'') + obj)
    show((name, "decode"), lambda: str(obj, 'latin-1'))
    show((name, "b85"), lambda: base64.b85encode(obj))
    show((name, "a85"), lambda: base64.a85encode(obj))
    show((name, "b32"), lambda: base64.b32encode(obj))
    show((name, "b16"), lambda: base64.b16encode(obj))
b = bytearray(8)
show("pack_into mmap", lambda: (struct.pack_into('<I', m, 0, 7), m[:4]))
base64.b64encode('text')

import ctypes
import io

# A memoryview of a ctypes object is writable: slice and item stores and readinto() reach
# the object's memory (test_io's byteslike() buffers are such objects).


class EmptyStruct(ctypes.Structure):
    pass


obj = EmptyStruct()
ctypes.resize(obj, 5)
m = memoryview(obj).cast("B")
m[:] = b"hello"
print(bytes(obj), m.readonly, m.tobytes(), m[1], len(m))
m[0] = 72
print(bytes(obj))
print(io.BytesIO(b"world!").readinto(obj), bytes(obj))
a = (ctypes.c_char * 4)()
print(io.BytesIO(b"abcdef").readinto(a), a.raw)
ba = bytearray(b"0123456789")
c = (ctypes.c_char * 3).from_buffer(ba, 2)
memoryview(c).cast("B")[:] = b"xyz"
print(ba, c.raw)
i = ctypes.c_int(0)
mi = memoryview(i).cast("B")
mi[:4] = b"\x01\x00\x00\x00"
print(i.value)
with open(__file__, "rb") as f:
    buf = (ctypes.c_char * 6)()
    print(f.readinto(buf), buf.raw)
with open(__file__, "rb", buffering=0) as f:
    print(f.readinto(buf), buf.raw)
m[:2] = b"abc"

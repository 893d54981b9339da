# io.BufferedIOBase's default readinto/readinto1: one read()/read1() call copied into the
# buffer; read1 itself is unsupported; bad buffers and bad read() results are errors.
import io


class Reader(io.BufferedIOBase):
    def __init__(self, avail):
        self.avail = avail

    def read(self, size=-1):
        result = self.avail[:size]
        self.avail = self.avail[size:]
        return result

    def read1(self, size=-1):
        return self.read(min(size, 5))


for method, avail, request in [("readinto", 10, 5), ("readinto", 10, 6), ("readinto", 5, 6),
                               ("readinto", 10, 0), ("readinto1", 10, 5), ("readinto1", 10, 6),
                               ("readinto1", 5, 6), ("readinto1", 10, 0)]:
    r = Reader(bytes(range(avail)))
    buf = bytearray(request + 2)
    n = getattr(r, method)(memoryview(buf)[1:-1])
    print(method, avail, request, n, bytes(buf))

r = Reader(b"abcdef")
b = bytearray(4)
print(r.readinto(memoryview(b).cast("B", (2, 2))), b)


class Plain(io.BufferedIOBase):
    def __init__(self, data):
        self.data = data

    def read(self, size=-1):
        return self.data


for name in ("read1", "readinto1"):
    try:
        print(getattr(Plain(b"x"), name)(bytearray(2) if name == "readinto1" else 2))
    except io.UnsupportedOperation as e:
        print(name, "UnsupportedOperation", e)
for data in (b"abcd", "ab", None, bytearray(b"ab")):
    try:
        print(Plain(data).readinto(bytearray(3)))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for buf in (b"abc", "abc", 5, memoryview(b"abc")):
    for name in ("readinto", "readinto1"):
        try:
            getattr(Reader(b"abc"), name)(buf)
        except TypeError as e:
            print(name, "TypeError", e)

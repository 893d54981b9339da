# marshal: load() reads through readinto() and refuses a reader that claims more bytes than
# asked; sets are written in a fixed order (sorted by each member's own dump).
import io
import marshal


class BadReader(io.BytesIO):
    def readinto(self, buf):
        n = super().readinto(buf)
        if n is not None and n > 4:
            n += 10**6
        return n


for value in (1.0, 1j, b"0123456789", "0123456789"):
    try:
        marshal.load(BadReader(marshal.dumps(value)))
    except ValueError as e:
        print("ValueError:", e)

print(marshal.load(io.BytesIO(marshal.dumps([1, "two", (3.0,), {4: b"5"}]))))
for data in (b"", b"i\x01\x00"):
    try:
        marshal.load(io.BytesIO(data))
    except EOFError as e:
        print("EOFError:", e)


class ReadOnly:
    def __init__(self, data):
        self.data = data

    def read(self, n=-1):
        return b""


try:
    marshal.load(ReadOnly(b"N"))
except AttributeError as e:
    print("AttributeError:", type(e).__name__)

for s in (
    {b"a", b"b", b"c", "x", "y", "z"},
    frozenset([("Spam", 0), ("Spam", 1), ("Spam", 2), ("Spam", 3)]),
    {3, 1, 2, -5, 10**20},
):
    print(marshal.dumps(s))
    print(marshal.loads(marshal.dumps(s)) == s)

t = "".join(["not ", "interned"])
print(marshal.dumps(t)[:1], marshal.loads(marshal.dumps(t)) is t)

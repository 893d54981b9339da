import io

# A buffered or text layer over a Python object keeps its state out of the instance
# __dict__ (CPython's C objects have none there), and once detached fails as CPython does.


class Raw(io.RawIOBase):
    def readable(self):
        return True

    def readinto(self, b):
        b[:2] = b"ok"
        return 2


makers = [
    ("BufferedReader", lambda: io.BufferedReader(io.BytesIO(b"data"))),
    ("BufferedWriter", lambda: io.BufferedWriter(io.BytesIO())),
    ("BufferedRandom", lambda: io.BufferedRandom(io.BytesIO(b"data"))),
    ("TextIOWrapper", lambda: io.TextIOWrapper(io.BytesIO(b"text"), encoding="ascii")),
    ("BufferedReader/Raw", lambda: io.BufferedReader(Raw())),
]
for name, make in makers:
    o = make()
    print(name, vars(o), o.__dict__ is vars(o))
    o.tag = 1
    print(" ", vars(o), o.tag, o.readable())
    del o.tag
    below = o.detach()
    print("  detached ->", type(below).__name__, vars(o))
    ops = [
        ("read", lambda: o.write(b"x") if isinstance(o, io.BufferedWriter) else o.read()),
        ("detach", lambda: o.detach()),
        ("below", lambda: o.buffer if isinstance(o, io.TextIOWrapper) else o.raw),
        ("closed", lambda: o.closed),
        ("name", lambda: o.name),
        ("fileno", lambda: o.fileno()),
        ("repr", lambda: repr(o)),
        ("flush", lambda: o.flush()),
        ("close", lambda: o.close()),
        ("seek", lambda: o.seek(0)),
        ("tell", lambda: o.tell()),
    ]
    for what, op in ops:
        try:
            print("   ", what, op())
        except ValueError as e:
            print("   ", what, "ValueError:", e)

t = io.TextIOWrapper(io.BytesIO(), encoding="latin-1", errors="replace", line_buffering=True)
t.detach()
print(t.encoding, t.errors, t.line_buffering, t.write_through)


class Sub(io.BufferedWriter):
    def __init__(self, raw):
        super().__init__(raw)
        self.extra = "mine"


s = Sub(io.BytesIO())
s.write(b"abc")
print(vars(s), s.detach().getvalue())
s.write(b"more")

import io

# __init__ called through a class on an object of another type is refused before it can
# re-point the state the object shares with its other layers (CPython's descriptor check).
raw = io.BytesIO(b"abcdef")
b = io.BufferedReader(raw)
w = io.BufferedWriter(io.BytesIO())
cases = [
    (io.FileIO, b, ("x",)),
    (io.BufferedWriter, b, (raw,)),
    (io.BufferedRandom, b, (raw,)),
    (io.BufferedReader, w, (raw,)),
    (io.TextIOWrapper, b, (raw,)),
    (io.FileIO, 5, ("x",)),
    (io.BytesIO, b, (b"zz",)),
    (io.StringIO, b, ("zz",)),
    (io.BufferedRWPair, b, (raw, raw)),
]
for cls, obj, args in cases:
    try:
        cls.__init__(obj, *args)
    except TypeError as e:
        print(cls.__name__, e)
# The reader is untouched.
print(b.read(3), b.raw is raw)


class Sub(io.BufferedReader):
    pass


s = Sub(io.BytesIO(b"xy"))
io.BufferedReader.__init__(s, io.BytesIO(b"new"))
print(s.read())
try:
    io.TextIOWrapper.__init__(s, raw)
except TypeError as e:
    print(e)
io.FileIO.__init__(io.StringIO(), "x")

import os
import tempfile

# A text file's reads take chunks from its buffer (CPython's TextIOWrapper): the binary
# layer below then starts after them; the text layer still has what it took.
path = os.path.join(tempfile.mkdtemp(), "layers.txt")
with open(path, "w") as f:
    f.write("abc\ndef\nghi\n")

with open(path) as f:
    print(repr(f.read(3)))
    print(repr(f.buffer.read()))
    print(repr(f.read()))
    print(repr(f.buffer.read()), repr(f.read()))

with open(path) as f:
    print(repr(f.buffer.read(5)))
    print(repr(f.readline()))
    print(repr(f.buffer.readline()))
    print(repr(f.readline()), repr(f.readline()))
    f.seek(0)
    print(repr(f.readline()))
    print(repr(f.buffer.read(2)))
    f.seek(0)
    print(repr(f.buffer.read(2)), repr(f.read(2)))

os.remove(path)

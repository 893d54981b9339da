# FileIO.read(n) (buffering=0) makes one read of at most n bytes: the rest stays in the pipe,
# where select() and os.read see it.
import os, select, tempfile
r, w = os.pipe()
os.write(w, b"apple")
f = open(r, "rb", buffering=0)
print(f.read(4))
print(select.select([r], [], [], 0.0)[0] == [r])
print(os.read(r, 10))
os.write(w, b"xyz")
print(f.read(10), f.read(0))
os.close(w)
print(f.read(5))
f.close()
with tempfile.TemporaryFile(buffering=0) as t:
    t.write(b"0123456789")
    t.seek(0)
    print(t.read(3), t.tell(), os.lseek(t.fileno(), 0, os.SEEK_CUR), t.read(), t.read(2))

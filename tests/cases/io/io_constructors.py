# FileIO, Buffered* and TextIOWrapper built by hand over one another, and a FileIO subclass.
import io, posix
p = '/tmp/krait_case_ctor_%d' % posix.getpid()
f = io.FileIO(p, 'w'); print(repr(f).split(' name=')[0], f.mode, f.write(b'ab\ncd\r\nef')); f.close()
r = io.FileIO(p); print(r.read(2), r.readall(), r.mode); r.close()
b = io.BufferedReader(io.FileIO(p)); print(repr(b).split(' name=')[0], b.readline(), b.readline(), b.read()); b.close()
t = io.TextIOWrapper(io.BufferedReader(io.FileIO(p)), encoding='utf-8'); print(repr(t).split(' name=')[0], t.readlines()); t.close()
w = io.TextIOWrapper(io.BufferedWriter(io.FileIO(p, 'w')), newline='\r\n'); w.write('x\ny\n'); w.close()
print(open(p, 'rb').read())
class MyFile(io.FileIO):
    pass
m = MyFile(p); print(type(m).__name__, m.read()); m.close()
try: io.FileIO(p, 'rt')
except ValueError as e: print(e)
try: io.FileIO()
except TypeError as e: print(e)
posix.unlink(p)

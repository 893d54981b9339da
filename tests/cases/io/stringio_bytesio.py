# _io from io: StringIO, BytesIO, the ABC registrations of the native file types, RawIOBase.
import io, _io
print(io.DEFAULT_BUFFER_SIZE, io.UnsupportedOperation, io.open is open)
s = io.StringIO('a\nb'); print(s.read(), s.tell(), repr(s.getvalue()))
s.seek(0); s.write('XYZ'); print(s.getvalue())
try: s.seek(1,1)
except Exception as e: print(type(e), e)
b = io.BytesIO(b'abc'); b.seek(5); b.write(b'x'); print(b.getvalue())
s = io.StringIO(); s.seek(3); s.write('a'); print(repr(s.getvalue()))
s = io.StringIO()
for i in range(5): print(i, file=s)
print(repr(s.getvalue()), s.getvalue().splitlines())
s.seek(0); print(list(s))
print(isinstance(s, io.TextIOBase), isinstance(b, io.BufferedIOBase))
class R(io.RawIOBase):
    def readinto(self, b):
        b[:1] = b'z'; return 1
    def readable(self): return True
print(R().read(3))
print(repr(io.StringIO()).startswith('<_io.StringIO object at'))
with io.StringIO() as s2: s2.write('q')
print(s2.closed)
import posix
name = '/tmp/krait_case_iobase_%d' % posix.getpid()
with open(name, 'w') as f:
    print(isinstance(f, io.IOBase), isinstance(f, io.TextIOBase), isinstance(f.buffer, io.BufferedIOBase))
with open(name, 'rb', buffering=0) as f:
    print(isinstance(f, io.RawIOBase), isinstance(f, io.FileIO))
posix.unlink(name)
b = io.BytesIO()
b.write(b'line1\nline2\n'); b.seek(0)
print(b.readline(), b.readlines(), b.read(), b.tell(), b.getbuffer().tobytes())
s = io.StringIO('x\r\ny', newline=None); print(repr(s.read()))
s = io.StringIO(newline='\r\n'); s.write('a\nb'); print(repr(s.getvalue()))

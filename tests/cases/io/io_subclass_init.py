# The _io types take their arguments in __init__ (CPython's tp_new ignores them): a subclass
# may give __init__ another signature and call super().__init__ (test_argparse's StdIOBuffer).
import io, posix, sys

class StdIOBuffer(io.TextIOWrapper):
    def __init__(self, initial_value='', newline='\n'):
        initial_value = initial_value.encode('utf-8')
        super().__init__(io.BufferedWriter(io.BytesIO(initial_value)), 'utf-8', newline=newline)

    def getvalue(self):
        self.flush()
        return self.buffer.raw.getvalue().decode('utf-8')

s = StdIOBuffer()
s.write('hello\n')
print(s.write('wörld'), repr(s.getvalue()))
print(isinstance(s, io.TextIOWrapper), isinstance(s, io.TextIOBase), isinstance(s, io.IOBase))
print(s.encoding, s.errors, s.closed, s.writable(), s.readable(), s.line_buffering)
print(repr(s))
print(type(s.buffer).__name__, type(s.buffer.raw).__name__)
saved = sys.stdout
sys.stdout = StdIOBuffer('pre:')
print('printed', 1, 2)
out = sys.stdout.getvalue()
sys.stdout = saved
print(repr(out))
with StdIOBuffer() as t:
    t.write('x')
    print(repr(t.getvalue()))
print(t.closed)
try:
    t.write('y')
except ValueError as e:
    print('ValueError', e)

# Plain wrappers over Python buffers are TextIOWrapper instances too.
w = io.TextIOWrapper(io.BytesIO(b'a\nb\n'), encoding='ascii')
print(type(w).__name__, isinstance(w, io.TextIOWrapper), w.readlines())
b = io.BufferedReader(io.BytesIO(b'xyz'))
print(type(b).__name__, isinstance(b, io.BufferedReader), b.read(2), b.peek(1)[:1], b.read())
bw = io.BufferedWriter(io.BytesIO())
bw.write(b'123'); bw.flush(); print(bw.raw.getvalue())
print(repr(io.BufferedWriter(io.BytesIO())))

# Made by __new__ alone: unusable until __init__.
for cls in (io.TextIOWrapper, io.BufferedReader, io.BufferedWriter, io.BufferedRandom):
    o = cls.__new__(cls)
    try:
        o.closed
    except ValueError as e:
        print(cls.__name__, 'ValueError', e)
f = io.FileIO.__new__(io.FileIO)
print(f.closed, repr(f))

# The other classes with their own __init__ signature.
p = '/tmp/krait_case_subinit_%d' % posix.getpid()

class Raw(io.FileIO):
    def __init__(self, tag):
        self.tag = tag
        super().__init__(p, 'w')
r = Raw('t1'); print(r.tag, r.write(b'abc\n'), r.mode, r.closefd); r.close()

class Reader(io.BufferedReader):
    def __init__(self, path, extra=None):
        super().__init__(io.FileIO(path))
rd = Reader(p, extra=1); print(rd.read(), rd.raw.name == p); rd.close()

class Writer(io.BufferedWriter):
    def __init__(self):
        super().__init__(io.FileIO(p, 'w'), buffer_size=16)
wr = Writer(); wr.write(b'0123'); wr.close(); print(open(p, 'rb').read())

class Rand(io.BufferedRandom):
    def __init__(self, *, mode):
        super().__init__(io.FileIO(p, mode))
rr = Rand(mode='r+'); rr.seek(2); print(rr.read(1)); rr.write(b'Z'); rr.close()
print(open(p, 'rb').read())

class Text(io.TextIOWrapper):
    def __init__(self, path):
        super().__init__(io.BufferedReader(io.FileIO(path)), encoding='latin-1')
tx = Text(p); print(tx.encoding, repr(tx.read())); tx.close()

class SIO(io.StringIO):
    def __init__(self, a, b):
        super().__init__(a + b)
print(SIO('x', 'y').getvalue())

class BIO(io.BytesIO):
    def __init__(self, n):
        super().__init__(b'*' * n)
print(BIO(3).getvalue())

class Pair(io.BufferedRWPair):
    def __init__(self):
        super().__init__(io.BytesIO(b'in'), io.BytesIO())
pr = Pair(); print(pr.read())

# A buffered layer's raw and a text layer's buffer are the objects given.
raw = io.FileIO(p)
buf = io.BufferedReader(raw)
txt = io.TextIOWrapper(buf, encoding='utf-8')
print(buf.raw is raw, txt.buffer is buf)
txt.close()

# Arguments are still checked as CPython does.
for args, kw in [((), {}), ((io.BytesIO(),), {'encoding': 1}), ((io.BytesIO(),), {'newline': 'x'}),
                 ((io.BytesIO(),), {'bogus': 1})]:
    try:
        io.TextIOWrapper(*args, **kw)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    io.BufferedReader(io.BytesIO(), 0)
except ValueError as e:
    print('ValueError', e)
posix.unlink(p)

# Over a Python buffer the object's own attributes are what its other methods use.
def bad_flush():
    raise OSError('flush')
bw = io.BufferedWriter(io.BytesIO())
bw.flush = bad_flush
try:
    bw.close()
except OSError as e:
    print('OSError', e.args)
print(bw.closed)
class Counting(io.TextIOWrapper):
    flushes = 0
    def flush(self):
        Counting.flushes += 1
        super().flush()
c = Counting(io.BytesIO(), encoding='utf-8')
c.write('a'); c.close()
print(Counting.flushes > 0, c.closed)
for f in (io.BufferedReader(io.BytesIO()), io.TextIOWrapper(io.BytesIO(), encoding='utf-8'), StdIOBuffer()):
    try:
        f.no_such_attribute
    except AttributeError as e:
        print(e)

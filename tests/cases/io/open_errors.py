# open() argument checking and errors on closed or wrong-mode files.
import posix

base = '/tmp/krait_case_err_%d' % posix.getpid()
posix.mkdir(base)
posix.chdir(base)
open('r.txt', 'w').close()

for args, kwargs in [
    (('r.txt', 'rw'), {}), (('r.txt', 'rr'), {}), (('r.txt', 'q'), {}),
    (('r.txt', 'rtb'), {}), (('r.txt', '+'), {}), (('r.txt', 'b'), {}),
    (('r.txt', 'rb'), {'encoding': 'utf-8'}), (('r.txt', 'rb'), {'errors': 'strict'}),
    (('r.txt', 'rb'), {'newline': ''}), (('r.txt',), {'newline': 'x'}),
    (('r.txt',), {'buffering': 0}), ((1.5,), {}), (([],), {}),
    (('r.txt', 1), {}), (('r.txt',), {'bogus': 1}),
]:
    try:
        open(*args, **kwargs)
    except Exception as e:
        print(type(e).__name__, e)

f = open('r.txt')
try:
    f.write('x')
except Exception as e:
    print(type(e).__module__, type(e).__name__, e, isinstance(e, OSError), isinstance(e, ValueError))
f.close()
for op in (f.read, f.readline, f.tell, lambda: f.write('x'), f.flush, f.fileno, f.readable):
    try:
        op()
    except ValueError as e:
        print(type(e).__name__, e)
f.close()

w = open('r.txt', 'w')
try:
    w.read()
except Exception as e:
    print(type(e).__name__, e)
try:
    w.write(b'bytes')
except TypeError as e:
    print(e)
w.close()

wb = open('r.txt', 'wb')
try:
    wb.write('str')
except TypeError as e:
    print(e)
try:
    wb.read()
except Exception as e:
    print(type(e).__name__, e)
wb.close()

rb = open('r.txt', 'rb')
try:
    rb.write(b'x')
except Exception as e:
    print(type(e).__name__, e)
rb.close()

class P:
    def __fspath__(self):
        return 'r.txt'
with open(P()) as f:
    print(repr(f.read()), f.name.__class__.__name__)

posix.unlink('r.txt')
posix.chdir('/')
posix.rmdir(base)

# Introspection finds no way out: every object reachable from Python reaches the host only
# through the interpreter's Host, which here is the sandbox.
import _io
import sys

secret_paths = ['/etc/passwd', '/etc/hostname', '/proc/self/environ']

def leaks(value):
    if isinstance(value, bytes):
        value = value.decode('latin-1')
    return isinstance(value, str) and ('root:' in value or 'PATH=' in value)

# Walk every class reachable through __subclasses__() and try each callable attribute whose
# name suggests host access on secret paths.
seen = set()
todo = [object]
while todo:
    cls = todo.pop()
    if id(cls) in seen:
        continue
    seen.add(id(cls))
    try:
        todo.extend(type.__subclasses__(cls))
    except TypeError:
        pass
    for name in ('open', 'read_file', 'system', 'popen', 'load', 'listdir', 'readlink'):
        f = getattr(cls, name, None)
        if not callable(f):
            continue
        for p in secret_paths:
            try:
                r = f(p)
                if hasattr(r, 'read'):
                    r = r.read()
            except BaseException:
                continue
            assert not leaks(r), (cls, name)
assert len(seen) > 20

# Frames and their globals/builtins give the same sandboxed functions.
frame = sys._getframe()
g = frame.f_globals
b = g['__builtins__']
bdict = b if isinstance(b, dict) else b.__dict__
opener = bdict['open']
for p in secret_paths:
    try:
        opener(p)
    except OSError:
        pass
    else:
        raise AssertionError(p)

# Tampering with __builtins__ changes nothing outside the interpreter.
bdict['open'] = lambda *a, **k: 'fake'
assert open('/etc/passwd') == 'fake'
del bdict['open']
try:
    open('/etc/passwd')
except NameError:
    pass
# Every frame up the chain (whatever runs the program) sees the same sandboxed builtins,
# and the host-facing natives stay sandboxed whatever is done to the builtins.
f = frame
while f is not None:
    fb = f.f_globals.get('__builtins__', bdict)
    fb = fb if isinstance(fb, dict) else fb.__dict__
    assert fb is bdict, f
    f = f.f_back
import builtins
builtins.__dict__['open'] = opener
for p in secret_paths:
    for fn in (_io.open, _io.FileIO, opener):
        try:
            r = fn(p)
        except OSError as e:
            assert e.errno == 2, (fn, p, e)
        else:
            raise AssertionError((fn, p, r))
try:
    exec(compile("open('/etc/passwd')", '<x>', 'exec'), {'__builtins__': {}})
except NameError:
    pass

# gc.get_objects() (when gc exists) holds only Python objects of this interpreter.
try:
    import gc
except ImportError:
    gc = None
if gc is not None and hasattr(gc, 'get_objects'):
    for o in gc.get_objects():
        assert 'Host' not in type(o).__name__
print('ok')

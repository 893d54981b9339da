# gc.get_objects() walks everything reachable from the interpreter's roots (modules, builtins,
# types and their methods, the running frames). Nothing it finds reaches the host: every
# callable named like a file, directory or process entry point is called on secret paths and
# must fail or read only the virtual file system.
import gc
import sys

# The native modules with host entry points join the walk (they import in every harness).
import _io
import _posixsubprocess
import posix

secret_paths = ['/etc/passwd', '/etc/hostname', '/proc/self/environ', '/']
names = {'open', 'open_code', 'read_file', 'system', 'popen', 'listdir', 'scandir', 'readlink',
         'load', 'stat', 'lstat', 'fork', 'execv', 'execve', 'spawn', 'fork_exec', 'getcwd',
         'FileIO', 'io_open', 'get_data', 'fdopen', 'kill', 'waitpid', 'socket'}


def leaks(value):
    if isinstance(value, bytes):
        value = value.decode('latin-1')
    if isinstance(value, (list, tuple)):
        return any(leaks(v) for v in value)
    return isinstance(value, str) and ('root:' in value or 'PATH=' in value
                                       or value in ('bin', 'etc', 'usr', 'proc'))


marker = ['the walk must find this list']
holder = {'k': marker}
objs = gc.get_objects()
assert len(objs) > 1000, len(objs)
assert any(o is marker for o in objs) and any(o is holder for o in objs)
assert not any(isinstance(o, str) and type(o) is str for o in objs)
assert any(r is holder for r in gc.get_referrers(marker))
assert marker in gc.get_referents(holder)

kinds = set()
tried = 0
for o in objs:
    kinds.add(type(o).__name__)
    assert 'Host' not in type(o).__name__, type(o)
    # A module for raw OS access must not exist here.
    if type(o).__name__ == 'module':
        assert o.__name__ not in ('_socket', 'select', 'mmap', '_ctypes'), o
    name = getattr(o, '__name__', None)
    if name not in names or not callable(o):
        continue
    for p in secret_paths:
        tried += 1
        try:
            r = o(p)
            if hasattr(r, 'read'):
                r = r.read()
            elif hasattr(r, '__next__'):
                r = [getattr(e, 'name', e) for e in r]
        except BaseException:
            continue
        assert not leaks(r), (o, p, r)
# The walk saw functions, classes, modules and builtins, and tried the host-like ones.
assert {'function', 'type', 'module', 'builtin_function_or_method', 'dict', 'list'} <= kinds, kinds
assert tried > 40, tried
print('ok')

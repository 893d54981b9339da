# Processes and sockets are refused with a clear error.
import posix

for call in (lambda: posix.system('echo hacked > /tmp/krait_probe_hacked'),
             lambda: posix.fork(),
             lambda: posix.execv('/bin/sh', ['sh', '-c', 'true']),
             lambda: posix.kill(1, 9)):
    try:
        call()
    except PermissionError as e:
        assert e.errno == 1 and str(e) == '[Errno 1] Operation not permitted', str(e)
    else:
        raise AssertionError('a process call succeeded')

for mod in ('subprocess', 'socket', '_socket', 'ctypes', '_ctypes', '_posixsubprocess',
            'select', 'mmap', 'fcntl', 'signal', 'pty', 'resource'):
    try:
        m = __import__(mod)
    except Exception:
        # Not importable (yet): ImportError, or a dependency failing to load.
        continue
    # If a module imports (once the stdlib is importable), its OS entry points must refuse.
    for name, args in (('Popen', (['true'],)), ('socket', ()), ('CDLL', (None,)),
                       ('fork_exec', ()), ('run', (['true'],)), ('system', ('true',))):
        f = getattr(m, name, None)
        if f is None:
            continue
        try:
            f(*args)
        except (OSError, TypeError, ValueError, ImportError, AttributeError):
            pass
        else:
            raise AssertionError(f'{mod}.{name} worked')
print('ok')

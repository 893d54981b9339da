# Processes and sockets are refused with a clear error.
import posix

import _posixsubprocess

r, w = 5, 6  # the sandbox has no pipes; the descriptors are never used
spawn_args = ([b'/bin/sh', b'-c', b'echo hacked > /tmp/krait_probe_hacked'], [b'/bin/sh'],
              True, (w,), None, None, -1, -1, -1, -1, -1, -1, r, w,
              True, False, -1, None, None, None, -1, None, True)
for call in (lambda: posix.system('echo hacked > /tmp/krait_probe_hacked'),
             lambda: posix.fork(),
             lambda: posix.execv('/bin/sh', ['sh', '-c', 'true']),
             lambda: posix.execve('/bin/sh', ['sh', '-c', 'true'], {}),
             lambda: posix.kill(1, 9),
             lambda: posix.killpg(1, 9),
             lambda: posix.waitpid(-1, 0),
             lambda: posix.wait(),
             lambda: posix.setsid(),
             lambda: posix.setpgid(0, 0),
             lambda: posix.getpgid(0),
             lambda: posix._exit(0),
             lambda: posix.abort(),
             lambda: _posixsubprocess.fork_exec(*spawn_args),
             lambda: _posixsubprocess.fork_exec(*spawn_args[:21], lambda: None, True)):
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
# mmap imports, but the sandbox makes no mapping (of a file or of anonymous memory).
import mmap
for args in ((-1, 16), (0, 0)):
    try:
        mmap.mmap(*args)
    except PermissionError as e:
        assert str(e) == '[Errno 1] Operation not permitted', str(e)
    except OSError:
        assert args[0] != -1
    else:
        raise AssertionError('mmap worked')
print('ok')

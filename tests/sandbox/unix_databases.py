# The user and group databases are empty; limits, descriptor control and terminals are refused.
import fcntl
import grp
import pwd
import resource
import termios

assert pwd.getpwall() == [] and grp.getgrall() == []
for call, msg in ((lambda: pwd.getpwuid(0), "'getpwuid(): uid not found: 0'"),
                  (lambda: pwd.getpwnam('root'), '"getpwnam(): name not found: \'root\'"'),
                  (lambda: grp.getgrgid(0), "'getgrgid(): gid not found: 0'"),
                  (lambda: grp.getgrnam('root'), '"getgrnam(): name not found: \'root\'"')):
    try:
        call()
    except KeyError as e:
        assert str(e) == msg, str(e)
    else:
        raise AssertionError('a database lookup found an entry')

for call in (lambda: resource.getrlimit(resource.RLIMIT_NOFILE),
             lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1, 1)),
             lambda: resource.getrusage(resource.RUSAGE_SELF),
             lambda: fcntl.fcntl(0, fcntl.F_GETFL),
             lambda: fcntl.fcntl(1, fcntl.F_SETFL, 0),
             lambda: fcntl.ioctl(0, termios.TIOCGWINSZ, b'\0' * 8),
             lambda: fcntl.flock(0, fcntl.LOCK_EX),
             lambda: fcntl.lockf(0, fcntl.LOCK_EX)):
    try:
        call()
    except PermissionError as e:
        assert e.errno in (1, 13), e
    else:
        raise AssertionError('a host control call succeeded')

for call in (lambda: termios.tcgetattr(0),
             lambda: termios.tcsetattr(0, termios.TCSANOW, [0] * 6 + [[b'x'] * 32]),
             lambda: termios.tcdrain(0),
             lambda: termios.tcsetwinsize(0, (24, 80))):
    try:
        call()
    except termios.error as e:
        assert e.args == (25, 'Inappropriate ioctl for device'), e.args
    else:
        raise AssertionError('a terminal call succeeded')

# Named semaphores and shared memory objects are host resources: refused.
import _multiprocessing
import _posixshmem
for call in (lambda: _multiprocessing.SemLock(1, 1, 1, '/krait_probe_sem', False),
             lambda: _multiprocessing.sem_unlink('/krait_probe_sem'),
             lambda: _posixshmem.shm_open('/krait_probe_shm', 0o100 | 2, 0o600),
             lambda: _posixshmem.shm_unlink('/krait_probe_shm')):
    try:
        call()
    except PermissionError as e:
        assert e.errno == 1, e
    else:
        raise AssertionError('a semaphore or shared memory call succeeded')
print('ok')

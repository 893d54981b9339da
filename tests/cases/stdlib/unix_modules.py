import os, sys, pwd, grp, resource, fcntl, termios, errno

# pwd / grp: the current user and group, looked up both ways.
me = pwd.getpwuid(os.getuid())
print(type(me).__name__, type(me).__module__, len(me), me.pw_uid == os.getuid(), me[2] == me.pw_uid)
print(pwd.getpwnam(me.pw_name) == me, isinstance(me.pw_dir, str), isinstance(me.pw_shell, str))
print(pwd.struct_passwd.n_fields, pwd.struct_passwd.n_sequence_fields)
print(any(p.pw_uid == me.pw_uid for p in pwd.getpwall()))
for bad in (2**31 - 7, "nosuchuser_krait"):
    try:
        pwd.getpwuid(bad) if isinstance(bad, int) else pwd.getpwnam(bad)
    except KeyError as e:
        print("KeyError", e)
for bad in ("0", 1.5):
    try:
        pwd.getpwuid(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    pwd.getpwnam(5)
except TypeError as e:
    print("TypeError", e)
g = grp.getgrgid(os.getgid())
print(type(g).__name__, g.gr_gid == os.getgid(), isinstance(g.gr_mem, list), grp.getgrnam(g.gr_name) == g)
print(any(x.gr_gid == g.gr_gid for x in grp.getgrall()))
try:
    grp.getgrnam("nosuchgroup_krait")
except KeyError as e:
    print("KeyError", e)
try:
    grp.getgrgid(2**31 - 9)
except KeyError as e:
    print("KeyError", e)

# resource: limits round-trip, usage has its sixteen fields.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
print(soft <= hard or hard == resource.RLIM_INFINITY, resource.RLIM_INFINITY)
resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
print(resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard))
for bad in (-1, 999):
    try:
        resource.getrlimit(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    resource.setrlimit(resource.RLIMIT_NOFILE, (1, 2, 3))
except ValueError as e:
    print("ValueError", e)
if hard != resource.RLIM_INFINITY:
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard + 1, hard))
    except ValueError as e:
        print("ValueError", e)
else:
    print("ValueError current limit exceeds maximum limit")
u = resource.getrusage(resource.RUSAGE_SELF)
print(type(u).__name__, len(u), u.ru_maxrss > 0, isinstance(u.ru_utime, float), u[0] == u.ru_utime)
try:
    resource.getrusage(12345)
except ValueError as e:
    print("ValueError", e)
print(resource.getpagesize() == os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else True, resource.error is OSError)

# fcntl: descriptor flags on a pipe, locks on a file.
r, w = os.pipe()
fl = fcntl.fcntl(w, fcntl.F_GETFL)
print(fl & os.O_ACCMODE == os.O_WRONLY)
fcntl.fcntl(w, fcntl.F_SETFL, fl | os.O_NONBLOCK)
print(fcntl.fcntl(w, fcntl.F_GETFL) & os.O_NONBLOCK != 0, os.get_blocking(w))
print(fcntl.fcntl(r, fcntl.F_GETFD) & fcntl.FD_CLOEXEC)
class F:
    def fileno(self):
        return r
print(fcntl.fcntl(F(), fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY)
os.close(r); os.close(w)
try:
    fcntl.fcntl(r, fcntl.F_GETFL)
except OSError as e:
    print(type(e).__name__, e.errno == errno.EBADF)
for bad in (-1, "x", None):
    try:
        fcntl.fcntl(bad, fcntl.F_GETFL)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    fcntl.fcntl(0, fcntl.F_GETFL, b"x" * 2000)
except ValueError as e:
    print("ValueError", e)
import tempfile
with tempfile.TemporaryFile() as f:
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    fcntl.flock(f, fcntl.LOCK_UN)
    fcntl.lockf(f, fcntl.LOCK_EX)
    fcntl.lockf(f.fileno(), fcntl.LOCK_UN, 0, 0, 0)
    print("locks ok")
print(fcntl.LOCK_EX, fcntl.F_SETFL, fcntl.FD_CLOEXEC)

# termios: a pipe is not a terminal.
rr, ww = os.pipe()
for call in (lambda: termios.tcgetattr(rr), lambda: termios.tcdrain(rr),
             lambda: termios.tcgetwinsize(rr), lambda: termios.tcflush(rr, termios.TCIFLUSH)):
    try:
        call()
    except termios.error as e:
        print("termios.error", e.args)
try:
    termios.tcsetattr(rr, termios.TCSANOW, [0] * 6)
except TypeError as e:
    print("TypeError", e)
try:
    termios.tcsetattr(rr, termios.TCSANOW, [0] * 6 + [[b"x"] * 3])
except termios.error as e:
    print("termios.error", e.args)
os.close(rr); os.close(ww)
print(issubclass(termios.error, Exception), termios.error.__module__, termios.TCSANOW, termios.B9600, termios.ICANON)

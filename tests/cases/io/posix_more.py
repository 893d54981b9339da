# posix: symlink/readlink/lstat, chmod, utime, truncate, ids, wait-status helpers (real FS).
import posix

base = '/tmp/krait_case_more_%d' % posix.getpid()
posix.mkdir(base)
posix.chdir(base)
with open('f.txt', 'w') as f:
    f.write('0123456789')
posix.symlink('f.txt', 'link')
print(posix.readlink('link'), posix.lstat('link').st_mode & 0o170000 == 0o120000,
      posix.stat('link').st_size, open('link').read())
try:
    posix.symlink('f.txt', 'link')
except FileExistsError as e:
    print(e)
posix.chmod('f.txt', 0o600)
print(oct(posix.stat('f.txt').st_mode & 0o777))
posix.chmod('f.txt', 0o644)
print(oct(posix.stat('f.txt').st_mode & 0o777))
posix.utime('f.txt', (1000000000, 1000000001))
st = posix.stat('f.txt')
print(st.st_atime, st.st_mtime, st.st_mtime_ns)
posix.utime('f.txt', ns=(5, 2000000000123456789))
print(posix.stat('f.txt').st_mtime_ns, posix.stat('f.txt').st_atime_ns)
try:
    posix.utime('f.txt', (1, 2), ns=(1, 2))
except ValueError as e:
    print(e)
try:
    posix.utime('f.txt', 5)
except TypeError as e:
    print(e)
posix.truncate('f.txt', 4)
print(open('f.txt').read())
print(type(posix.getuid()).__name__, posix.geteuid() == posix.getuid(), type(posix.getgid()).__name__)
for status in (0, 256, 768, 9, 0x7f, 0x137f):
    print(status, posix.WIFEXITED(status), posix.WEXITSTATUS(status), posix.WIFSIGNALED(status),
          posix.WTERMSIG(status), posix.WIFSTOPPED(status))
print(posix.waitstatus_to_exitcode(768), posix.waitstatus_to_exitcode(9))
try:
    posix.waitstatus_to_exitcode(0x137f)
except ValueError as e:
    print(e)
print(posix.device_encoding(100))
for name in sorted(posix.listdir('.')):
    posix.unlink(name)
posix.chdir('/')
posix.rmdir(base)

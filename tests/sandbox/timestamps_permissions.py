# The virtual file system keeps permissions and timestamps, and enforces the permissions.
import posix
import time

d = '/tmp/krait_probe_ts'
posix.mkdir(d, 0o755)
p = d + '/f'
with open(p, 'w') as f:
    f.write('a')
st = posix.stat(p)
# Timestamps come from the sandbox clock (fixed and virtual in-process, real under the CLI).
assert abs(st.st_mtime - time.time()) < 5 and abs(st.st_ctime - time.time()) < 5, st
assert st.st_mode & 0o170000 == 0o100000, oct(st.st_mode)

posix.utime(p, (1000, 2000))
st = posix.stat(p)
assert (st.st_atime, st.st_mtime) == (1000, 2000), (st.st_atime, st.st_mtime)
posix.utime(p, ns=(5_000_000_001, 6_000_000_002))
st = posix.stat(p)
assert (st.st_atime_ns, st.st_mtime_ns) == (5_000_000_001, 6_000_000_002), st
# Writing moves the modification time to now.
time.sleep(0.01)
with open(p, 'a') as f:
    f.write('b')
st = posix.stat(p)
assert st.st_mtime_ns != 6_000_000_002 and abs(st.st_mtime - time.time()) < 5, st

# chmod is recorded and enforced: a read-only file cannot be opened for writing.
posix.chmod(p, 0o400)
assert posix.stat(p).st_mode & 0o777 == 0o400
for how in ('w', 'a', 'r+'):
    try:
        open(p, how)
    except PermissionError as e:
        assert e.errno == 13, e
    else:
        raise AssertionError('wrote to a read-only file with ' + how)
assert open(p).read() == 'ab'
posix.chmod(p, 0o000)
try:
    open(p)
except PermissionError:
    pass
else:
    raise AssertionError('read a file without read permission')
posix.chmod(p, 0o600)
with open(p, 'w') as f:
    f.write('c')
assert open(p).read() == 'c'

# A directory without write permission refuses new entries.
posix.chmod(d, 0o555)
assert posix.stat(d).st_mode & 0o777 == 0o555
try:
    open(d + '/new', 'w')
except PermissionError:
    pass
else:
    raise AssertionError('created a file in a read-only directory')
posix.chmod(d, 0o755)
posix.remove(p)
posix.rmdir(d)
print('ok')

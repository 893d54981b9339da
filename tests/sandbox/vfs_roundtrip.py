# Files round-trip in the virtual file system (the harness checks the real disk is untouched).
import posix

d = '/tmp/krait_probe_dir'
posix.mkdir(d)
posix.chdir(d)
assert posix.getcwd() == d

with open('krait_probe.txt', 'w') as f:
    assert f.write('hello\n') == 6
with open('krait_probe.txt', 'a') as f:
    f.write('world\n')
with open('krait_probe.txt') as f:
    assert f.read() == 'hello\nworld\n'
with open('krait_probe.txt', 'r+') as f:
    f.seek(6)
    f.write('WORLD')
    f.seek(0)
    assert f.read() == 'hello\nWORLD\n'
    f.truncate(5)
with open('krait_probe.txt', 'rb') as f:
    assert f.read() == b'hello'
    assert f.tell() == 5
    assert f.seek(-2, 2) == 3
    assert f.read(1) == b'l'

open('krait_probe.bin', 'wb').write(bytes(range(256)))   # flushed when freed
assert open('krait_probe.bin', 'rb').read() == bytes(range(256))

st = posix.stat('krait_probe.bin')
assert st.st_size == 256 and st.st_mode & 0o170000 == 0o100000, st
assert posix.stat(d).st_mode & 0o170000 == 0o040000
assert sorted(posix.listdir('.')) == ['krait_probe.bin', 'krait_probe.txt']
assert sorted(e.name for e in posix.scandir(d)) == ['krait_probe.bin', 'krait_probe.txt']
assert [e.is_file() for e in posix.scandir(d)] == [True, True]

posix.mkdir('sub')
posix.rename('krait_probe.txt', 'sub/moved.txt')
assert posix.listdir('sub') == ['moved.txt']
try:
    posix.rmdir('sub')
except OSError as e:
    assert e.errno == 39, e
posix.remove('sub/moved.txt')
posix.rmdir('sub')
try:
    open('krait_probe.txt')
except FileNotFoundError:
    pass
with open('krait_probe_x.txt', 'x') as f:
    f.write('new')
try:
    open('krait_probe_x.txt', 'x')
except FileExistsError as e:
    assert str(e) == "[Errno 17] File exists: 'krait_probe_x.txt'"

# Low-level descriptors.
fd = posix.open('krait_probe_fd', posix.O_RDWR | posix.O_CREAT, 0o600)
assert posix.write(fd, b'abcdef') == 6
assert posix.lseek(fd, 2, 0) == 2
assert posix.read(fd, 3) == b'cde'
assert posix.fstat(fd).st_size == 6
posix.close(fd)
try:
    posix.close(fd)
except OSError as e:
    assert e.errno == 9
# Files left open are flushed at exit (the harness cannot see them: they are virtual).
g = open('krait_probe_unclosed.txt', 'w')
g.write('pending')
print('ok')

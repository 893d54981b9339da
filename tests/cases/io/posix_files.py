# The posix module's file and directory calls on the real file system.
import posix

base = '/tmp/krait_case_posix_%d' % posix.getpid()
posix.mkdir(base, 0o755)
posix.chdir(base)
print(posix.getcwd() == base, posix.getcwdb() == base.encode())

fd = posix.open('f.txt', posix.O_WRONLY | posix.O_CREAT | posix.O_TRUNC, 0o644)
print(posix.write(fd, b'hello'), posix.fstat(fd).st_size)
posix.close(fd)
fd = posix.open('f.txt', posix.O_RDONLY)
print(posix.read(fd, 2), posix.lseek(fd, 0, 2), posix.read(fd, 5))
posix.close(fd)
try:
    posix.close(fd)
except OSError as e:
    print(type(e).__name__, e)

st = posix.stat('f.txt')
print(type(st).__name__, type(st).__module__, len(st), st.st_size, st[6], st.st_mode & 0o170000 == 0o100000)
print(isinstance(st.st_mtime, float), isinstance(st.st_mtime_ns, int), st[8] == int(st.st_mtime))
print(st.n_fields, st.n_sequence_fields, st.n_unnamed_fields)
print(posix.stat_result((1, 2, 3, 4, 5, 6, 7, 8, 9, 10)))

posix.mkdir('d')
try:
    posix.mkdir('d')
except FileExistsError as e:
    print(type(e).__name__, e)
posix.rename('f.txt', 'd/g.txt')
print(posix.listdir('d'), posix.listdir(b'd'))
entries = sorted(posix.scandir('.'), key=lambda e: e.name)
print([(e.name, e.path, e.is_dir(), e.is_file(), e.is_symlink()) for e in entries], repr(entries[0]))
with posix.scandir('d') as it:
    for e in it:
        print(e.name, e.stat().st_size, posix.fspath(e))
try:
    posix.rmdir('d')
except OSError as e:
    print(type(e).__name__, e)
try:
    posix.rename('nope', 'other')
except OSError as e:
    print(type(e).__name__, e)
try:
    posix.stat('nope')
except OSError as e:
    print(type(e).__name__, e, e.filename)
try:
    posix.listdir('nope')
except OSError as e:
    print(type(e).__name__, e)
try:
    posix.stat(1.5)
except TypeError as e:
    print(e)
try:
    posix.unlink('d')
except OSError as e:
    print(type(e).__name__, e)
posix.replace('d/g.txt', 'h.txt')
posix.remove('h.txt')
posix.rmdir('d')
print(posix.listdir('.'), posix.listdir())
print(posix.strerror(2), posix.strerror(13), posix.fspath(b'x'), posix.access(base, posix.W_OK))
print(len(posix.urandom(7)), type(posix.getpid()).__name__, posix.error is OSError)
print(isinstance(posix.environ, dict), all(type(k) is bytes for k in posix.environ))
posix.chdir('/')
posix.rmdir(base)

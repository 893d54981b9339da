# open() write/read/append round trips on the real file system, in a scratch directory.
import posix

base = '/tmp/krait_case_io_%d' % posix.getpid()
posix.mkdir(base)
posix.chdir(base)

f = open('t.txt', 'w')
print(repr(f), f.mode, f.name, f.closed, f.readable(), f.writable(), f.seekable())
print(repr(f.buffer), repr(f.buffer.raw), f.buffer.mode, f.encoding, f.errors)
print(f.write('héllo\n'), f.write('wörld\n'))
f.close()
print(repr(f), f.closed)

with open('t.txt') as f:
    print(repr(f.read()))
with open('t.txt', 'rb') as f:
    print(f.read(), repr(f))
with open('t.txt', 'a') as f:
    print(f.tell())
    f.write('line3\r\nline4\rline5')
with open('t.txt') as f:
    print(f.readlines())
with open('t.txt', newline='') as f:
    print(f.readlines())
with open('t.txt', newline='\r\n') as f:
    print(list(f))
with open('t.txt', 'rb') as f:
    print(list(f))
with open('t.txt') as f:
    print(repr(f.readline()), repr(f.readline(2)), repr(f.readline()), repr(f.read(3)))
    print(repr(f.read()))

with open('n.txt', 'w', newline='\r\n') as f:
    f.write('a\nb\n')
print(open('n.txt', 'rb').read())

open('b.bin', 'wb').write(bytes(range(250, 256)) + b'\n\x00')
print(open('b.bin', 'rb').read())
with open('b.bin', 'ab') as f:
    print(f.write(bytearray(b'more')), f.write(memoryview(b'mv')))
with open('b.bin', 'rb', buffering=0) as f:
    print(repr(f), f.read(2), f.readall())

with open('x.txt', 'x') as f:
    f.write('created')
try:
    open('x.txt', 'x')
except FileExistsError as e:
    print(type(e).__name__, e, e.errno, e.filename)
try:
    open('missing.txt')
except FileNotFoundError as e:
    print(type(e).__name__, e, e.errno, e.strerror, e.filename)
try:
    open('.')
except IsADirectoryError as e:
    print(type(e).__name__, e)

with open('x.txt', 'w+') as f:
    f.write('abc')
    f.seek(0)
    print(f.read())
with open('x.txt', 'a+') as f:
    print(repr(f.read()))
    f.seek(0)
    print(repr(f.read()))
    f.write('def')
print(open('x.txt').read())

lines = ['one\n', 'two\n']
with open('w.txt', 'w') as f:
    f.writelines(lines)
for line in open('w.txt'):
    print(repr(line))

for name in sorted(posix.listdir('.')):
    posix.unlink(name)
posix.chdir('/')
posix.rmdir(base)
print('done')

# seek/tell/truncate and update modes on the real file system.
import posix

base = '/tmp/krait_case_seek_%d' % posix.getpid()
posix.mkdir(base)
posix.chdir(base)

with open('s.bin', 'wb') as f:
    f.write(b'0123456789')
    print(f.tell())
    print(f.seek(2), f.tell())
    f.write(b'ab')
    print(f.seek(-1, 2), f.seek(-3, 1))
    f.write(b'Z')
print(open('s.bin', 'rb').read())

with open('s.bin', 'r+b') as f:
    print(f.read(3), f.tell())
    f.write(b'XY')
    print(f.tell())
    f.seek(0)
    print(f.read())
    print(f.truncate(4), f.tell())
    f.seek(0)
    print(f.read())
    f.seek(10)
    f.write(b'!')
    f.seek(0)
    print(f.read())

with open('t.txt', 'w+') as f:
    f.write('hello world')
    print(f.tell())
    f.seek(0)
    print(f.read(5), f.tell())
    print(f.seek(0, 2))
    try:
        f.seek(1, 1)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.seek(-1, 2)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        f.seek(-1)
    except Exception as e:
        print(type(e).__name__, e)
    f.truncate(5)
    f.seek(0)
    print(repr(f.read()))

with open('t.txt', 'r+') as f:
    print(repr(f.read(2)))
    f.write('!!')
    f.seek(0)
    print(repr(f.read()))

with open('t.txt', 'rb') as f:
    print(f.seek(100), f.read(), f.tell())

for name in sorted(posix.listdir('.')):
    posix.unlink(name)
posix.chdir('/')
posix.rmdir(base)
print('done')

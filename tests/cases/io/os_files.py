# CPython's os.py over Krait's posix: directories, walking, paths, environment, errors.
import os

base = '/tmp/krait_case_os_%d' % os.getpid()
os.makedirs(os.path.join(base, 'a', 'b'))
os.makedirs(os.path.join(base, 'a', 'b'), exist_ok=True)
try:
    os.makedirs(os.path.join(base, 'a'))
except FileExistsError as e:
    print(type(e).__name__, e.errno)
for rel, text in (('a/f.txt', 'f'), ('a/b/g.txt', 'gg'), ('top.txt', 'top')):
    with open(os.path.join(base, rel), 'w') as f:
        f.write(text)
print([(os.path.relpath(d, base), sorted(ds), sorted(fs)) for d, ds, fs in sorted(os.walk(base))])
print([os.path.relpath(d, base) for d, ds, fs in os.walk(base, topdown=False)][-1])
print(os.path.exists(base), os.path.isdir(base), os.path.isfile(base + '/top.txt'),
      os.path.getsize(base + '/a/b/g.txt'), os.path.islink(base))
print(sorted(e.name for e in os.scandir(base)), os.stat(base + '/top.txt').st_size)
os.rename(base + '/top.txt', base + '/a/top2.txt')
os.replace(base + '/a/top2.txt', base + '/a/f.txt')
print(open(base + '/a/f.txt').read(), sorted(os.listdir(base + '/a')))
os.chdir(base)
print(os.getcwd() == base, os.path.abspath('a') == base + '/a', os.path.realpath('a/../a') == base + '/a')
os.environ['KRAIT_CASE_VAR'] = 'v1'
print(os.environ['KRAIT_CASE_VAR'], os.getenv('KRAIT_CASE_VAR'), os.environb[b'KRAIT_CASE_VAR'])
del os.environ['KRAIT_CASE_VAR']
print(os.getenv('KRAIT_CASE_VAR'), 'KRAIT_CASE_VAR' in os.environ)
print(os.fspath(base) == base, os.fsencode('x'), os.fsdecode(b'y'), os.sep, os.linesep == '\n')
try:
    os.remove(base + '/missing')
except FileNotFoundError as e:
    print(e.strerror, e.filename == base + '/missing')
try:
    os.rmdir(base + '/a')
except OSError as e:
    print(type(e).__name__, e.errno)
os.remove('a/f.txt')
os.remove('a/b/g.txt')
os.removedirs('a/b')
os.chdir('/')
print(os.path.exists(base), os.listdir(base))
os.rmdir(base)
print(os.path.exists(base))

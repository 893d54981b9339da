# glob and os.path over a real directory tree: patterns, recursive '**', hidden files, escaping,
# and os.path's pure and file-system functions.
import glob, os, os.path, tempfile, fnmatch

with tempfile.TemporaryDirectory() as top:
    for rel in ['a.py', 'b.txt', '.hidden.py', 'sub/c.py', 'sub/deep/d.py', 'sub/deep/e.txt', 'x[1].py', 'other/f.py']:
        path = os.path.join(top, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'w') as f:
            f.write(rel * 3)
    rel = lambda paths: sorted(os.path.relpath(p, top) for p in paths)
    print(rel(glob.glob(os.path.join(top, '*.py'))))
    print(rel(glob.glob(os.path.join(top, '**', '*.py'), recursive=True)))
    print(rel(glob.glob(os.path.join(top, '**'), recursive=True)))
    print(rel(glob.glob(os.path.join(top, 's*', '*'))))
    print(rel(glob.glob(os.path.join(top, '?.*'))))
    print(rel(glob.glob(os.path.join(top, glob.escape('x[1].py')))), rel(glob.glob(os.path.join(top, 'x[1].py'))))
    print(sorted(glob.glob('*.py', root_dir=top)), sorted(glob.glob('**/*.txt', root_dir=top, recursive=True)))
    print(sorted(os.path.relpath(p, top) for p in glob.iglob(os.path.join(top, 'sub', '**'), recursive=True)))
    print(glob.has_magic('a*'), glob.has_magic('abc'), glob.escape('a?b*[c]'))
    p = os.path.join(top, 'sub', 'deep', 'd.py')
    print(os.path.isfile(p), os.path.isdir(os.path.dirname(p)), os.path.exists(p + 'x'), os.path.getsize(p))
    print(os.path.samefile(p, os.path.join(top, 'sub', '..', 'sub', 'deep', 'd.py')), os.path.islink(p), os.path.ismount('/'))
    print(os.path.relpath(p, os.path.join(top, 'other')), os.path.commonpath([p, os.path.join(top, 'sub', 'c.py')]) == os.path.join(top, 'sub'))
    print(sorted(os.listdir(os.path.join(top, 'sub'))), sorted(e.name for e in os.scandir(top) if e.is_dir()))
    walked = [(os.path.relpath(d, top), sorted(ds), sorted(fs)) for d, ds, fs in os.walk(top)]
    print(sorted(walked))

print(os.path.join('a', 'b', '/c', 'd'), os.path.join('a/', 'b'), os.path.split('/a/b/c.txt'), os.path.split('c'))
print(os.path.splitext('a/b.tar.gz'), os.path.splitext('.bashrc'), os.path.splitext('a.b/c'), os.path.basename('/x/y/'), os.path.dirname('/x/y/z'))
print(os.path.normpath('/a//b/./c/../d/'), os.path.normpath('../../x/./y'), os.path.normpath(''), os.path.normcase('AbC'))
print(os.path.isabs('/x'), os.path.isabs('x'), os.path.commonprefix(['/usr/lib', '/usr/local', '/usrx']), os.path.abspath('/a/../b'))
os.environ['HOME'] = '/home/someone'
print(os.path.expanduser('~/x'), os.path.expanduser('~'), os.path.expanduser('x~'))
os.environ['KRAIT_T'] = 'val'
print(os.path.expandvars('$KRAIT_T/${KRAIT_T}/$UNSET_VAR_X/$'), os.path.splitdrive('/a/b'), os.sep, os.pathsep, os.curdir, os.extsep)
print(fnmatch.translate('*.p[yw]'), fnmatch.fnmatchcase('A.PY', '*.py'))
try:
    os.path.getsize('/nonexistent/file')
except FileNotFoundError as e:
    print(e)
try:
    os.path.join('a', 5)
except TypeError as e:
    print(e)

# pathlib, tempfile and shutil on the real file system (in a temporary directory).
import os, pathlib, tempfile, shutil
with tempfile.TemporaryDirectory() as d:
    print(os.path.isdir(d), d.startswith(tempfile.gettempdir()))
    p = pathlib.Path(d) / 'sub' / 'f.txt'
    p.parent.mkdir(parents=True)
    print(p.write_text('hello'), p.read_text(), p.exists(), p.is_file(), p.stat().st_size, p.suffix, p.stem)
    print(sorted(x.name for x in pathlib.Path(d).iterdir()), sorted(str(x.relative_to(d)) for x in pathlib.Path(d).rglob('*')))
    shutil.copy(p, pathlib.Path(d) / 'copy.txt')
    shutil.copytree(pathlib.Path(d) / 'sub', pathlib.Path(d) / 'tree')
    print(sorted(os.listdir(d)), (pathlib.Path(d) / 'tree' / 'f.txt').read_text())
    shutil.move(str(pathlib.Path(d) / 'copy.txt'), str(pathlib.Path(d) / 'moved.txt'))
    shutil.rmtree(pathlib.Path(d) / 'tree')
    print(sorted(os.listdir(d)))
    with tempfile.NamedTemporaryFile('w+', dir=d, delete=True) as f:
        f.write('named'); f.flush(); f.seek(0); print(f.read(), os.path.exists(f.name))
    fd, name = tempfile.mkstemp(dir=d); os.write(fd, b'x'); os.close(fd); print(open(name).read()); os.remove(name)
    with tempfile.TemporaryFile() as tf:
        tf.write(b'abc'); tf.seek(0); print(tf.read())
print(os.path.exists(d))

# needs: stdlib
# pathlib, tempfile and shutil (CPython's Lib/) against the virtual file system. Some files
# are left behind on purpose under /tmp/krait_probe*: the harness checks the real /tmp has none.
import os
import pathlib
import shutil
import tempfile

assert tempfile.gettempdir() == '/tmp'
d = tempfile.mkdtemp(prefix='krait_probe_')
root = pathlib.Path(d)
(root / 'sub').mkdir()
assert (root / 'sub' / 'f.txt').write_text('hello') == 5
assert (root / 'sub' / 'f.txt').read_text() == 'hello'
assert (root / 'sub' / 'b.bin').write_bytes(b'\x00\x01') == 2
assert sorted(p.name for p in root.rglob('*')) == ['b.bin', 'f.txt', 'sub']
assert (root / 'sub' / 'f.txt').stat().st_size == 5
shutil.copytree(root / 'sub', root / 'copy')
shutil.copy(root / 'sub' / 'f.txt', root / 'g.txt')
shutil.move(str(root / 'g.txt'), str(root / 'h.txt'))
assert sorted(os.listdir(d)) == ['copy', 'h.txt', 'sub']
shutil.rmtree(root / 'copy')
assert sorted(os.listdir(d)) == ['h.txt', 'sub']
with tempfile.NamedTemporaryFile('w+', prefix='krait_probe_', delete=False) as f:
    f.write('named')
kept = f.name
assert open(kept).read() == 'named' and kept.startswith('/tmp/krait_probe_')
with tempfile.TemporaryDirectory(prefix='krait_probe_') as td:
    pathlib.Path(td, 'x').touch()
    assert os.listdir(td) == ['x']
assert not os.path.exists(td)
with tempfile.TemporaryFile() as tf:
    tf.write(b'abc')
    tf.seek(0)
    assert tf.read() == b'abc'
# The real home, the real /etc and the real current directory are not there.
assert not pathlib.Path('/etc/passwd').exists()
assert not os.path.exists(os.path.expanduser('~/.bashrc'))  # no HOME: '~' stays '~'
assert sorted(p.name for p in pathlib.Path('/tmp').iterdir()) == sorted(
    [pathlib.Path(d).name, pathlib.Path(kept).name] +
    [n for n in os.listdir('/tmp') if not n.startswith('krait_probe_')])
print('ok')

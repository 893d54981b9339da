# Paths outside the virtual file system do not exist in it; `..` stops at the sandbox root.
import posix
import sys

# Directories the sandbox was lent (the CLI lends the standard library, at its own path on
# sys.path, and MOUNT): their parents exist in the virtual file system, empty but for them.
lent_paths = [p for p in sys.path if p.startswith('/')]
lent_paths.append(posix.environ.get(b'MOUNT', b'/tmp').decode())

def lent_parent(p):
    return isinstance(p, str) and any(l.startswith(p.rstrip('/') + '/') for l in lent_paths)

outside = [
    '/etc/passwd', '/etc/hostname', '/etc/shadow', '/root', '/home', '/usr/bin/python3',
    '/proc/self/environ', '/proc/self/mem', '/proc/self/cwd', '/proc/1/root', '/dev/urandom',
    '/dev/mem', '/sys/kernel', '../../../../../../etc/passwd', '/tmp/../etc/passwd',
    '//etc//passwd', '/./etc/./passwd', 'etc/passwd', b'/etc/passwd', '/work', '/var/log',
]
for p in outside:
    for how in ('r', 'rb', 'w', 'a', 'x', 'r+'):
        try:
            f = open(p, how)
        except (FileNotFoundError, PermissionError, IsADirectoryError, FileExistsError):
            continue
        # Creating a new file is allowed only in writable virtual directories, never
        # under a path that names a host directory.
        f.close()
        assert how != 'r' and how != 'rb', (p, how)
        raise AssertionError(f'opened {p!r} with {how!r}')
    for fn in (posix.stat, posix.lstat, posix.listdir):
        try:
            r = fn(p)
        except (FileNotFoundError, PermissionError, NotADirectoryError):
            pass
        else:
            # Only a virtual parent of a lent directory exists, holding just the way down.
            assert lent_parent(p), f'{fn.__name__}({p!r}) succeeded'
            if fn is posix.listdir:
                assert all(lent_parent(p.rstrip('/') + '/' + n) for n in r), (p, r)

# The root holds only what the sandbox made (and the read-only mount, if any).
names = set(posix.listdir('/'))
lent = {p.split('/')[1] for p in lent_paths}
assert names <= {'tmp'} | lent, (names, lent)
assert 'etc' not in names and 'proc' not in names and 'dev' not in names, names

# `..` never climbs above the sandbox root.
posix.chdir('/')
for _ in range(5):
    posix.chdir('..')
assert posix.getcwd() == '/', posix.getcwd()
assert posix.listdir('/../../..') == posix.listdir('/')

# Errors use CPython's wording and carry the file name.
try:
    open('/etc/passwd')
except FileNotFoundError as e:
    assert str(e) == "[Errno 2] No such file or directory: '/etc/passwd'", str(e)
    assert e.errno == 2 and e.filename == '/etc/passwd'

# Symlinks: none of the host's exist here; the mount (CLI harness) keeps only inside ones.
mount = posix.environ.get(b'MOUNT')
if mount is not None:
    m = mount.decode()
    assert open(m + '/inside.txt').read() == 'inside\n'
    assert open(m + '/link_inside').read() == 'inside\n'
    for bad in ('link_passwd', 'link_etc', 'link_up'):
        try:
            open(m + '/' + bad + '/passwd' if bad == 'link_etc' else m + '/' + bad).read()
        except (FileNotFoundError, PermissionError, NotADirectoryError, IsADirectoryError):
            pass
        else:
            raise AssertionError(bad)
        assert bad not in posix.listdir(m), posix.listdir(m)
    # `..` and symlinks are resolved before confinement: nothing above the mount is reached,
    # however the path is spelled (the real file `outside.txt` sits next to the mount).
    for p in (m + '/../outside.txt', m + '/sub/../../outside.txt', m + '/link_dir/../../outside.txt',
              m + '/sub/link_up2', m + '/link_dir/link_up2', m + '/link_dir/../link_up'):
        try:
            data = open(p).read()
        except (FileNotFoundError, PermissionError, NotADirectoryError, IsADirectoryError):
            pass
        else:
            raise AssertionError((p, data))
    assert 'link_up2' not in posix.listdir(m + '/sub'), posix.listdir(m + '/sub')
    assert 'outside.txt' not in posix.listdir(m + '/..'), posix.listdir(m + '/..')
    # The mount is read-only.
    for how in ('w', 'a', 'r+'):
        try:
            open(m + '/inside.txt', how)
        except PermissionError:
            pass
        else:
            raise AssertionError(how)
    try:
        open(m + '/krait_probe_new.txt', 'w')
    except PermissionError:
        pass
    else:
        raise AssertionError('created a file in the read-only mount')

# Symlinks made inside the sandbox point at sandbox paths: outside targets do not exist.
for i, target in enumerate(('/etc/passwd', '../../../../../etc/passwd', '/proc/self/root/etc/passwd',
                            '/', '..', '/tmp/../../etc')):
    link = '/tmp/krait_probe_link%d' % i
    posix.symlink(target, link)
    assert posix.readlink(link) == target
    for suffix in ('', '/passwd', '/etc/passwd'):
        try:
            data = open(link + suffix).read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            continue
        raise AssertionError((target, suffix, data[:20]))
    posix.unlink(link)
# A symlink loop is an error, not a hang.
posix.symlink('/tmp/krait_probe_loop', '/tmp/krait_probe_loop')
try:
    open('/tmp/krait_probe_loop')
except OSError as e:
    assert e.errno == 40, e
posix.unlink('/tmp/krait_probe_loop')
# Lent trees stay read-only: no chmod, no utime.
for p in [p for p in lent_paths if p != '/tmp']:
    for call in (lambda: posix.chmod(p, 0o777), lambda: posix.utime(p, (0, 0))):
        try:
            call()
        except OSError as e:
            assert e.errno in (30, 2), e
        else:
            raise AssertionError('changed a lent directory')
print('ok')

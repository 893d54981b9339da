# needs: stdlib
# os (CPython's Lib/os.py over the native posix module) under the sandbox.
import os
import sys

assert dict(os.environ) in ({'GIVEN': 'yes'}, {'GIVEN': 'yes', 'MOUNT': os.environ.get('MOUNT')})
assert os.environ.get('HOME') is None and os.getenv('PATH') is None
os.environ['KRAIT_PROBE'] = '1'
assert os.environ['KRAIT_PROBE'] == '1' and os.getenv('KRAIT_PROBE') == '1'
del os.environ['KRAIT_PROBE']

base = '/tmp/krait_probe_os'
os.makedirs(base + '/a/b', exist_ok=True)
os.makedirs(base + '/a/b', exist_ok=True)
with open(os.path.join(base, 'a', 'f.txt'), 'w') as f:
    f.write('x' * 10)
assert os.path.isdir(base + '/a') and os.path.isfile(base + '/a/f.txt')
assert os.path.getsize(base + '/a/f.txt') == 10
assert sorted(os.listdir(base + '/a')) == ['b', 'f.txt']
assert sorted(e.name for e in os.scandir(base + '/a')) == ['b', 'f.txt']
walked = [(d, sorted(ds), sorted(fs)) for d, ds, fs in os.walk(base)]
assert walked == [(base, ['a'], []), (base + '/a', ['b'], ['f.txt']), (base + '/a/b', [], [])], walked
os.replace(base + '/a/f.txt', base + '/a/b/g.txt')
assert os.listdir(base + '/a/b') == ['g.txt']
os.chdir(base + '/a')
assert os.getcwd() == base + '/a' and os.path.abspath('b') == base + '/a/b'
os.remove('b/g.txt')
os.removedirs(base + '/a/b')
assert not os.path.exists(base)

for p in ('/etc/passwd', '/proc/self/environ', os.path.expanduser('~/.bashrc')):
    assert not os.path.exists(p), p
for call in (lambda: os.system('true'), lambda: os.fork(), lambda: os.kill(os.getpid(), 9)):
    try:
        call()
    except PermissionError:
        pass
    else:
        raise AssertionError('process call worked')
# The library itself is lent read-only.
try:
    open(os.__file__, 'a')
except PermissionError:
    pass
else:
    raise AssertionError('wrote to the standard library')
try:
    os.remove(os.__file__)
except PermissionError:
    pass
else:
    raise AssertionError('removed a standard library file')
assert os.path.exists(os.__file__) and os.__file__.startswith(sys.prefix)
print('ok')

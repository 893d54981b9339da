# The environment is exactly what the embedder gave.
import posix

env = dict(posix.environ)
given = {b'GIVEN': b'yes'}
if b'MOUNT' in env:
    given[b'MOUNT'] = env[b'MOUNT']
assert env == given, env
for k in (b'PATH', b'HOME', b'USER', b'PYTHONHASHSEED', b'CARGO_MANIFEST_DIR', b'PWD'):
    assert k not in env, k
assert all(isinstance(k, bytes) and isinstance(v, bytes) for k, v in posix.environ.items())

# putenv/unsetenv change only the sandbox's environment.
posix.putenv('KRAIT_PROBE_VAR', 'x')
posix.unsetenv('GIVEN')
try:
    posix.putenv('A=B', 'x')
except ValueError as e:
    assert str(e) == 'illegal environment variable name'
else:
    raise AssertionError('putenv accepted a bad name')
print('ok')

# The `_pickle` accelerator module: its names, the classes pickle takes from it, and
# round trips through its Pickler/Unpickler on every protocol.
import _pickle
import io
import pickle

print(sorted(n for n in dir(_pickle) if not n.startswith('__')))
print(_pickle.__doc__)
for name in ('Pickler', 'Unpickler', 'PickleError', 'PicklingError', 'UnpicklingError'):
    cls = getattr(_pickle, name)
    print(name, cls.__module__, cls.__name__, cls.__qualname__, getattr(pickle, name) is cls)
for name in ('dump', 'dumps', 'load', 'loads'):
    print(name, getattr(pickle, name) is getattr(_pickle, name), getattr(_pickle, name).__name__)
print(issubclass(_pickle.PicklingError, _pickle.PickleError),
      issubclass(_pickle.UnpicklingError, _pickle.PickleError),
      issubclass(_pickle.PickleError, Exception))
print(pickle.PickleBuffer is _pickle.PickleBuffer, repr(pickle.PickleBuffer))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


data = {
    'ints': [0, 1, -1, 255, 256, 65535, 2**31, -2**31, 2**63, -2**100],
    'floats': [0.0, -1.5, 1e300, float('inf')],
    'strs': ['', 'abc', 'é', '\u20ac' * 3, 'x' * 300],
    'bytes': [b'', b'\x00\xff', bytearray(b'ab')],
    'tuples': [(), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)],
    'sets': [set(), {1, 2}, frozenset({3})],
    'misc': [None, True, False, complex(1, 2), Point(1, [2])],
}
data['self'] = data['ints']
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    s = _pickle.dumps(data, proto)
    back = _pickle.loads(s)
    print(proto, back == data, back['self'] is back['ints'], type(s).__name__)
    f = io.BytesIO()
    _pickle.dump(data, f, protocol=proto)
    f.seek(0)
    print(_pickle.load(f) == data)
print(pickle.dumps([1, 'a', (None,)], 0))
print(pickle.dumps([1, 'a', (None,)], 2))
print(pickle.dumps({'k': 1.5}, 4))


class MyPickler(_pickle.Pickler):
    def persistent_id(self, obj):
        if isinstance(obj, str) and obj.startswith('ext:'):
            return obj[4:]
        return None


class MyUnpickler(_pickle.Unpickler):
    def persistent_load(self, pid):
        return 'loaded:' + pid


f = io.BytesIO()
MyPickler(f, 2).dump(['ext:one', 'plain', 'ext:two'])
f.seek(0)
print(MyUnpickler(f).load())

p = _pickle.Pickler(io.BytesIO())
try:
    p.memo = 42
except TypeError as e:
    print('TypeError', e)
u = _pickle.Unpickler(io.BytesIO())
for memo in (object, {-1: None}, {'a': 1}):
    try:
        u.memo = memo
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
u.memo = {1: None}

for bad in (b'', b'\x80\x04\x95', b'(', b'\x80\x02]q\x00(K\x01', b'.'):
    try:
        pickle.loads(bad)
    except Exception as e:
        print(type(e).__name__, e)


def make_local():
    class Local:
        pass
    return Local


for obj in (make_local(), make_local()(), len.__call__):
    try:
        pickle.dumps(obj)
    except Exception as e:
        print(type(e).__name__, e)

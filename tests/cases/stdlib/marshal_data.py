# marshal: CPython's byte format for data (versions 0-4), round trips and errors.
import marshal
x=[1,2]
cases = [
  [1,2], x, 1000, 10**6, [10**6, 1000, 1000, 2.5, 'abc', 'a b', 'abc'], (1,2), 1.5, {1:2}, None, 2**100, -2**100,
  'héllo', 'x'*300, b'ab', frozenset([1]), 1j, True, False, ..., StopIteration, '', (), [], {}, set(), frozenset(),
  {'a': [1, (2, 3.5)], 'b': {'c': None}}, -1, -2**31, 2**31, 2**31-1, -2**31-1, 2**63, -2**63, 2**64, 0.0, -0.0, float('inf'),
  'a\ud800b', bytearray(b'xy'), {1, 2, 3}, ('a', 'a', 'b c', 'b c'), [[], []], {'k': 'v', 'k2': 'v'},
]
for c in cases:
    for v in (4, 3, 2, 1, 0):
        b = marshal.dumps(c, v)
        back = marshal.loads(b)
        print(v, repr(c)[:40], b[:60], repr(back)[:40], type(back).__name__)
for bad in [b'', b'i\x01', b'Q', b'[\x02\x00\x00\x00i\x01\x00\x00\x00', b'r\x05\x00\x00\x00', b'l\x01\x00\x00\x00\x00\x00', b'0', b'(\x01\x00\x00\x000', b'l\x01\x00\x00\x00\xff\xff', b'c']:
    try:
        print(marshal.loads(bad))
    except Exception as e:
        print(type(e).__name__, e)
class L(list): pass
for bad in [object(), L(), [1, object()], print]:
    try:
        marshal.dumps(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(marshal.loads(marshal.dumps(1) + b'junk'))
import io
f = io.BytesIO()
marshal.dump([1, 'x'], f); marshal.dump(2.5, f, 1)
f.seek(0)
print(marshal.load(f), marshal.load(f))
try:
    marshal.load(f)
except EOFError as e:
    print('EOFError', e)
print(marshal.version)
a = []; a.append(a)
try:
    print(marshal.dumps(a)[:20])
except Exception as e:
    print(type(e).__name__, e)
print(marshal.dumps(memoryview(b'mv')), marshal.dumps(bytearray(b'ba'), 2))
# Nesting limits, both ways.
deep = []
for _ in range(3000):
    deep = [deep]
try:
    marshal.dumps(deep)
except ValueError as e:
    print('ValueError', e)
try:
    marshal.loads(b'[\x01\x00\x00\x00' * 2100 + b'N')
except ValueError as e:
    print('ValueError', e)
print(len(marshal.dumps(list(range(100)))), marshal.loads(marshal.dumps({'k': list(range(5))}, 2)))
for args in [(), (1, 2, 3)]:
    try:
        marshal.dumps(*args)
    except TypeError as e:
        print('TypeError', e)
try:
    marshal.loads('str')
except TypeError as e:
    print('TypeError', e)

# reprs of literal displays
print([], (), {}, set(), frozenset())
print([1, 'a', 2.0, None, True], (1,), (1, 2), {1: 'a', 'b': [2]}, {3, 1, 2})
print(((),), [[]], [()], {(): []})
print(frozenset({1}), frozenset([3, 2, 1]))
print(repr(None), repr(True), repr(False), repr(...), repr(Ellipsis), repr(NotImplemented))
a = [1]
a.append(a)
print(a)
d = {}
d['self'] = d
print(d)
print(repr("a'b"), repr('a"b'), repr("a'b\"c"))
print(str([1, 'x']), str(('y',)))
print(range(5), range(1, 5), range(1, 5, 2), slice(1, 2), slice(None, 3, None))
print(type(...).__name__, ... is Ellipsis)
print({1: 1, 1.0: 2, True: 3})
print({0, False, 0.0}, {'a', 'a'})
print(0.1, 1/3, 1e100, float(2**60))
print(-0, +0, -(-1), --1, -+-1, ~0, ~~5)
print(not 0, not 1, not [])
print(b'', bytearray(), memoryview(b'ab').tolist())

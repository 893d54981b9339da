# Hashes of tuples, frozensets, ranges printed as numbers
for t in [(), (0,), (1,), (1, 2), (2, 1), ("a", 1), ((1, 2), (3,)), ("x",), (1.5, -2), (True, False), tuple(range(10))]:
    print(repr(t), hash(t))
for f in [frozenset(), frozenset([1]), frozenset([1, 2]), frozenset([2, 1]), frozenset("ab"), frozenset([frozenset()]), frozenset(range(10))]:
    print(repr(f), hash(f))
for r in [range(5), range(1, 10, 2), range(-3, 3)]:
    print(repr(r), hash(r))
print(hash((1, 2)) == hash((1.0, 2.0)), hash(frozenset([1, 2])) == hash(frozenset([2.0, 1.0])))
print(hash(range(0)) == hash(range(5, 2)), hash(range(1, 2)) == hash(range(1, 3, 5)))
print(hash(((),)), hash((((),),)))
print(hash((-1, -2)))
print(hash((2 ** 64,)))
# Tuple hash depends on order, frozenset hash does not
print(hash((1, 2)) != hash((2, 1)), hash(frozenset([1, 2, 3])) == hash(frozenset([3, 2, 1])))
print(hash(("a",)) == hash(("a",)), hash(("a", "b")))
print(hash((b"x", "x")), hash(((1,), ((2,),))))
for n in range(5):
    print(n, hash(tuple(range(n))), hash(frozenset(range(n))))
print(hash((1, 2, (3, frozenset([4])))) == hash((1, 2, (3, frozenset([4])))))
print(hash(()) == hash(tuple()))

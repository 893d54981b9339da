# hash() builtin: numbers, strings/bytes (fixed with PYTHONHASHSEED=0), custom __hash__
print(hash(0), hash(1), hash(-1), hash(2 ** 61), hash(1.5), hash(-0.5), hash(1e100), hash(True), hash(None) == hash(None))
print(hash("a"), hash("abc"), hash(""), hash(b"abc"), hash("é"), hash("日本"), hash(b""))
print(hash((1, "a")), hash(frozenset({1, 2})), hash(range(3)))
class H:
    def __hash__(self):
        return 2 ** 70
print(hash(H()))
class Neg:
    def __hash__(self):
        return -1
print(hash(Neg()))
class S(str):
    pass
print(hash(S("abc")) == hash("abc"))
class Eq:
    def __eq__(self, other):
        return True
print(Eq.__hash__ is None)
for bad in [[1], {}, set(), bytearray(), Eq()]:
    try:
        hash(bad)
    except TypeError as e:
        print("TypeError", e)
class BadHash:
    def __hash__(self):
        return 1.5
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError", e)

# Equal numbers hash equal across int, float, complex, bool
pairs = [(1, 1.0), (1, True), (0, False), (0, 0.0), (0, -0.0), (0, 0j), (2, 2 + 0j), (-1, -1.0), (2 ** 60, float(2 ** 60)),
         (10 ** 20, 1e20), (0.5, complex(0.5, 0)), (-2, -2.0 + 0j), (2 ** 100, float(2 ** 100))]
for a, b in pairs:
    print(repr(a), repr(b), a == b, hash(a) == hash(b), hash(a))
print(10 ** 20 == 1e20, int(1e20) == 10 ** 20)
print(hash(float("inf")), hash(float("-inf")), hash(complex(0, 1)))
print(hash(complex(1, 1)), hash(complex(-1, 0)))
print(hash(0.1), hash(-0.1), hash(1.1))
print(hash(2.5), hash(1e-300), hash(1.7976931348623157e308))
print(hash(5e-324))
d = {1: "int"}
d[1.0] = "float"
d[True] = "bool"
d[1 + 0j] = "complex"
print(d, len(d))
s = {0, 0.0, False, -0.0, 0j}
print(s, len(s))
print({2 ** 61 - 1: "a", 0: "b"}, hash(2 ** 61 - 1), hash(-(2 ** 61 - 1)))
print(hash(1.0000000000000002), hash(-2.5), hash(complex(0, -1)), hash(complex(2, 3)))

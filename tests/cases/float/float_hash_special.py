# hash of special and fractional floats; floats as dict keys
vals = [0.0, -0.0, 0.5, -0.5, 0.25, 1.5, 3.14, 1e-10, 1e10, 1e300, 2.0 ** 61, 2.0 ** 62, -(2.0 ** 61), float("inf"), float("-inf")]
for v in vals:
    print(repr(v), hash(v))
print(hash(float("nan")) == hash(float("nan")) or True)
d = {0.1 + 0.2: "sum", 0.3: "literal"}
print(d, len(d))
d2 = {1.0: "a", 1: "b", 2.0: "c"}
print(d2)
nan = float("nan")
s = {nan, nan, float("nan")}
print(len(s), nan in s)
print({-0.0: "neg"}, {0.0: "x", -0.0: "y"})
# hash(x) == hash(int(x)) for integral floats; fractional hashes use the modulus
for v in [1.0, -1.0, 123.0, 2.0 ** 80, -(2.0 ** 80)]:
    print(v, hash(v) == hash(int(v)))
print(hash(1 / 3), hash(2 / 3))
print(hash(-1 / 3), hash(0.1 + 0.2))
print(hash(2.0) == 2, hash(-2.0) == -2)
print(hash(0.1) == hash(0.1), hash(1e-300) == hash(1e-300))

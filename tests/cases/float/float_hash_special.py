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

# sys.float_info, float class attributes, repr of special values
import sys
fi = sys.float_info
print(fi.max, fi.min, fi.epsilon, fi.dig, fi.mant_dig, fi.max_exp, fi.min_exp, fi.max_10_exp, fi.min_10_exp, fi.radix, fi.rounds)
print(1.0 + fi.epsilon > 1.0, 1.0 + fi.epsilon / 2 == 1.0)
print(fi.max * 2, fi.min / 2 > 0, fi.min * fi.epsilon)
print(sys.float_repr_style)
print(float.__name__, type(1.5), type(1e5).__name__, isinstance(1.5, float), isinstance(1, float))
print(float.real, float.imag) if False else print(float.__mro__)
print(hash(1.5), hash(-1.5), hash(0.1), hash(1e300), hash(float("inf")), hash(float("-inf")), hash(-0.0), hash(2.0))
print(bool(0.0), bool(-0.0), bool(1e-320), bool(float("nan")))
print(1.5.__class__.__name__, (1.).real, 1e0, 1E+2, 0e0, .5e-1)
print(float("1e1000"), -float("1e1000"))
print(str(float("nan")), repr(float("-nan")), f"{float('inf')}", ascii(-float("inf")))

# min()/max() of two ints or two floats (a fast path): ties keep the first, NaN and signed
# zeros as CPython orders them, and the general path for keys and mixed types.
print(min(1, 2), max(1, 2), min(2, 2), max(-1, -5), min(1.5, 0.5), max(1.5, float("nan")), max(float("nan"), 1.5))
print(min(0.0, -0.0), max(0.0, -0.0), min(-0.0, 0.0), min(1, 2.0), max(True, 1), min(1, key=None) if False else 0)
print(min(3, 1, key=lambda x: -x), max((1, 2), (1, 3)), min("b", "a"))
try:
    min(1, "a")
except TypeError as e:
    print(e)

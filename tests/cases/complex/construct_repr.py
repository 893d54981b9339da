# complex() constructor and repr/str
vals = [complex(), complex(1), complex(1.5), complex(1, 2), complex(-1, -2), complex(0, 1), complex(0, -0.0),
        complex(-0.0, 0), complex(-0.0, -0.0), 1j, -1j, 2 + 3j, 1e20j, 1e-5 + 1e16j, complex(float("inf"), float("nan")),
        complex("1+2j"), complex("  3-4j  "), complex("j"), complex("-j"), complex("1e3"), complex("(1+2j)"),
        complex("( -5.5J )"), complex("inf+nanj"), complex("1_0+2_0j"), complex(True, False), complex(2**53, 0.5)]
for c in vals:
    print(repr(c), str(c), c.real, c.imag)
print(complex(1 + 2j, 3 + 4j), complex(1j, 1j), complex(real=2), complex(imag=3), complex(1, imag=-1))
bad = ["", "1+", "1+2", "j1", "1 + 2j", "1+2jj", "(1+2j", "1+2j)", "abc", "1..2j", "--1j", "1e+j"]
for s in bad:
    try:
        complex(s)
    except ValueError as e:
        print(repr(s), "ValueError", e)
for args in [("1", 2), (1, "2"), (None,), ([1],), ("1j", None)]:
    try:
        complex(*args)
    except TypeError as e:
        print(args, "TypeError", e)
class C:
    def __complex__(self):
        return 5 + 6j
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 4
print(complex(C()), complex(F()), complex(I()), complex(F(), I()))
class Bad:
    def __complex__(self):
        return 1
try:
    complex(Bad())
except TypeError as e:
    print("TypeError", e)

# cmath: special values (infinities, NaNs, signed zeros), branch cuts, overflow and domain
# errors, isclose, and the conversion of arguments (__complex__, __float__, __index__).
import cmath
import math

inf = float("inf")
nan = float("nan")


def show(x):
    """repr plus the signs of zeros and NaNs, which repr alone hides."""
    if isinstance(x, complex):
        return "%r [%+g %+g]" % (x, math.copysign(1, x.real), math.copysign(1, x.imag))
    if isinstance(x, float):
        return "%r [%+g]" % (x, math.copysign(1, x))
    return repr(x)


def call(f, *args, **kw):
    try:
        return show(f(*args, **kw))
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


FUNCS = ["acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "exp", "log",
         "log10", "sin", "sinh", "sqrt", "tan", "tanh", "phase", "polar",
         "isfinite", "isinf", "isnan"]
PARTS = [-inf, -2.0, -0.0, 0.0, 0.5, 1.0, inf, nan]

print("constants", show(cmath.pi), show(cmath.e), show(cmath.tau), show(cmath.inf),
      show(cmath.infj), show(cmath.nan), show(cmath.nanj))
print(sorted(n for n in dir(cmath) if not n.startswith("_")))

for name in FUNCS:
    f = getattr(cmath, name)
    print("==", name)
    for re in PARTS:
        print(" ", " | ".join(call(f, complex(re, im)) for im in PARTS))

print("== rect")
for r in PARTS:
    print(" ", " | ".join(call(cmath.rect, r, phi) for phi in PARTS))

print("== finite values")
for z in [1 + 2j, -3.5 + 0.25j, 1e-300 + 1e-300j, 5e-324 + 5e-324j, 1e300 + 1e300j,
          1.7e308 - 1.7e308j, 0.9 + 0.4j, -1e-20 + 1j, 700 + 1j, -720 + 3j, 2 + 800j]:
    print(repr(z))
    for name in FUNCS[:17]:
        print("  ", name, call(getattr(cmath, name), z))

print("== branch cuts (the sign of zero picks the side)")
for name, pts in [("sqrt", [-4]), ("log", [-1, -0.5]), ("acos", [2, -2]), ("asin", [3, -3]),
                  ("atanh", [2, -2]), ("acosh", [0.5, -3]), ("atan", [2j, -2j]),
                  ("asinh", [2j, -2j])]:
    f = getattr(cmath, name)
    for p in pts:
        p = complex(p)
        print(name, p, show(f(complex(p.real, 0.0))), show(f(complex(p.real, -0.0))),
              show(f(complex(0.0, p.imag))) if p.imag else "",
              show(f(complex(-0.0, p.imag))) if p.imag else "")

print("== log with a base")
for z, b in [(8, 2), (100, 10), (1j, 1j), (-1, 1j), (0, 2), (2, 1), (1, 1), (2, 0), (1 + 1j, 0.5),
             (inf, 2), (nan, 3), (1e-320, 10)]:
    print(z, b, call(cmath.log, z, b))

print("== overflow")
for f, z in [(cmath.exp, 710 + 0j), (cmath.exp, 710 + 1j), (cmath.cosh, 1000j + 800),
             (cmath.sinh, -800 + 1j), (cmath.cos, 1 + 800j), (cmath.sin, 800j),
             (cmath.polar, 1.7e308 + 1.7e308j), (cmath.phase, 1e308 + 1e-20j)]:
    print(f.__name__, z, call(f, z))
print(call(cmath.rect, 1e308, inf), call(cmath.rect, 0.0, inf), call(cmath.rect, inf, 1))
print(call(cmath.exp, complex(1, inf)), call(cmath.exp, complex(-inf, inf)))
print(call(cmath.atanh, 1), call(cmath.atanh, -1), call(cmath.log, 0), call(cmath.log10, -0.0))

print("== isclose")
print(cmath.isclose(1 + 1j, 1 + 1j), cmath.isclose(1, 1 + 1e-10j),
      cmath.isclose(1, 1 + 1e-8j), cmath.isclose(0, 1e-12j),
      cmath.isclose(0, 1e-12j, abs_tol=1e-11), cmath.isclose(1e10, 1e10 + 1, rel_tol=1e-9),
      cmath.isclose(complex(inf, 0), complex(inf, 0)), cmath.isclose(complex(inf, 1), complex(inf, 2)),
      cmath.isclose(complex(inf, 0), complex(-inf, 0)), cmath.isclose(nan, nan),
      cmath.isclose(complex(1, nan), complex(1, nan), abs_tol=inf),
      cmath.isclose(1, 2, rel_tol=0.5), cmath.isclose(1, 2, rel_tol=0.49),
      cmath.isclose(a=1j, b=1j), cmath.isclose(1, 1.5, abs_tol=0.5))
for kw in [dict(rel_tol=-1), dict(abs_tol=-0.1), dict(rel_tol="x"), dict(c=1)]:
    print(kw, call(cmath.isclose, 1, 2, **kw))
print(call(cmath.isclose, 1), call(cmath.isclose, 1, 2, 3), call(cmath.isclose, 1, a=2),
      call(cmath.isclose, 1, "2"))

print("== arguments")


class Complexish:
    def __complex__(self):
        return 3 + 4j


class Floatish:
    def __float__(self):
        return 2.25


class Indexish:
    def __index__(self):
        return 9


class BadComplex:
    def __complex__(self):
        return 1.5


class BadFloat:
    def __float__(self):
        return "x"


class Raising:
    def __complex__(self):
        raise KeyError("boom")


class SubComplex(complex):
    def __complex__(self):
        return 7j


for arg in [Complexish(), Floatish(), Indexish(), True, 10, 2 ** 80, SubComplex(4),
            BadComplex(), BadFloat(), Raising(), "1", None, [], 10 ** 400]:
    print(type(arg).__name__, call(cmath.sqrt, arg), call(cmath.phase, arg))
print(call(cmath.rect, Floatish(), Indexish()), call(cmath.rect, 1j, 0), call(cmath.rect, 1, "a"))
print(call(cmath.log, Complexish(), Floatish()), call(cmath.log, 1, "x"))
print(call(cmath.sqrt), call(cmath.sqrt, 1, 2), call(cmath.sqrt, z=1), call(cmath.log),
      call(cmath.log, 1, 2, 3), call(cmath.log, 1, base=2), call(cmath.rect, 1),
      call(cmath.rect, 1, phi=2), call(cmath.polar, 1, 2), call(cmath.isnan))


class ReturnsSub:
    def __complex__(self):
        return SubComplex(2)


# A strict subclass of complex from __complex__ is used, with a DeprecationWarning.
print(call(cmath.sqrt, ReturnsSub()), call(complex, ReturnsSub()))

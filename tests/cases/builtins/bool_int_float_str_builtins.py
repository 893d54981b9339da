# Conversion builtins called with no args, with keywords, and on subclasses
print(repr(bool()), repr(int()), repr(float()))
print(repr(str()), repr(complex()), repr(bytes()))
print(repr(tuple()), repr(list()), repr(dict()))
print(repr(set()), repr(frozenset()))
print(str(object="kw"), float("2.5"), complex(real=1, imag=2))
print(bytes(b"x"), int("7"))
for call in [lambda: float(x="1"), lambda: str(1, 2, 3, 4), lambda: bool(1, 2), lambda: tuple(1, 2), lambda: list(x=1), lambda: frozenset(1)]:
    try:
        print(call())
    except TypeError as e:
        print("TypeError", e)
class S(str):
    pass
class I(int):
    pass
class F(float):
    pass
print(type(str(S("x"))).__name__, type(int(I(1))).__name__, type(float(F(1.5))).__name__)
print(type(bool(I(1))).__name__)
print(str(I(5)), repr(F(2.5)), int(F(9.9)))
print(float(I(3)), S("abc").upper(), type(S("abc").upper()).__name__)

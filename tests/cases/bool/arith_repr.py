# bool arithmetic, repr and identity
print(True, False, repr(True), str(False), ascii(True))
print(True + True, True - True, True * 10, True / 2, True // 2, True % 2, -True, +True, ~True, ~False, abs(-True) if False else abs(True))
print(True + 0.5, True * 1j, True ** 10, 2 ** True, divmod(True, True))
print(type(True + True).__name__, type(True & True).__name__, type(True | 2).__name__, type(not 1).__name__)
print(True & False, True | False, True ^ True, False ^ True, True & 3, False | 0)
print(True == 1, False == 0, True is True, True == 1.0, True in [1], 1 in [True], {1: "a"}[True])
print(isinstance(True, int), isinstance(True, bool), issubclass(bool, int), bool.__mro__, bool.__bases__)
print(bool(), bool(0), bool(1), bool(-1), bool(""), bool(" "), bool([]), bool([0]), bool(None), bool(0.0), bool(0j))
print(sum([True, True, False, True]), max(True, 2), min(False, -1), sorted([True, False, True]))
print(int(True), float(False), complex(True), str(True), f"{True}", f"{True:d}", f"{True:>6}", format(False, "^7"))
print("%s %d %r %i %f" % (True, True, False, False, True))
print(True.real, True.imag, True.numerator, True.denominator, True.bit_length(), True.conjugate())
print(hash(True), hash(False), {True: 1, 1: 2, 1.0: 3})
try:
    bool.__new__(bool, 5) is True
    print("ok new")
except TypeError as e:
    print("TypeError", e)
try:
    class B(bool):
        pass
except TypeError as e:
    print("TypeError", e)
print(True.__and__(False), True.__or__(1), True.__xor__(True), (True).__invert__())
print(bool("False"), bool(bool), bool.__name__, type(True) is bool)
x = True
x += 1
print(x, type(x).__name__)

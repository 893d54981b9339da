# abs() on numbers and objects with __abs__
print(abs(-5), abs(5), abs(0), abs(-0.0), abs(-2.5), abs(3 + 4j), abs(-(10 ** 30)), abs(True), abs(False))
print(abs(float("-inf")), abs(float("nan")), type(abs(-1)).__name__, type(abs(-1.0)).__name__, type(abs(1j)).__name__)
class V:
    def __abs__(self):
        return "abs called"
print(abs(V()))
class I(int):
    pass
print(abs(I(-3)), type(abs(I(-3))).__name__)
for bad in ["x", None, [1]]:
    try:
        abs(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    abs()
except TypeError as e:
    print("TypeError", e)
try:
    abs(1, 2)
except TypeError as e:
    print("TypeError", e)
print(abs(-2 ** 63), abs(-1e308), abs(complex(-3, -4)))

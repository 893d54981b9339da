# round() builtin across types and __round__
print(round(2.5), round(3.5), round(-2.5))
print(round(0.5), round(1.5), round(2.675, 2))
print(round(7, -1), round(15, -1))
print(round(1234.5678, -2), round(1234.5678, 2), round(-0.0))
print(round(-0.4), type(round(1.5)).__name__, type(round(1.5, 0)).__name__)
class R:
    def __round__(self, n=None):
        return ("round", n)
print(round(R()), round(R(), 3), round(R(), None))
for bad in [("1.5",), (1j,), (1.5, 1.5), (None,)]:
    try:
        round(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    round()
except TypeError as e:
    print("TypeError", e)
print(round(10 ** 20 + 0.0), round(1e22, -21), round(123456789, -4))
print(round(-123456789, -4))
print(round(True, 1), round(5, ndigits=-1), round(number=2.5))

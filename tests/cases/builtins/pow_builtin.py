# pow() builtin with 2 and 3 arguments
print(pow(2, 8), pow(2, -2), pow(2.0, 3))
print(pow(-2, 3), pow(4, 0.5), pow(0, 0))
print(pow(1j, 2))
print(pow(3, 4, 5), pow(-3, 4, 5), pow(3, 4, -5))
print(pow(2, 10 ** 6, 1000), pow(5, -1, 13), pow(12345, -3, 10 ** 9 + 7))
for args in [(2, 3, 0), (2, -1, 4), (2.0, 2, 3), (2, 2, 3.0), (2, 0.5, 3), ("2", 2), (0, -1), (0.0, -1.5)]:
    try:
        print(pow(*args))
    except Exception as e:
        print(args, type(e).__name__, e)
class P:
    def __pow__(self, other, mod=None):
        return ("pow", other, mod)
    def __rpow__(self, other):
        return ("rpow", other)
print(pow(P(), 2), pow(P(), 2, 7), pow(2, P()))
print(P() ** 3)
print(pow(-8, 1 / 3) == pow(-8, 1 / 3), type(pow(2, -1)).__name__, pow(True, True, 2))
print(pow(base=3, exp=2, mod=4))

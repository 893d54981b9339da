# float() parsing from strings
good = ["1", "  1.5  ", "-2.25", "+3", ".5", "5.", "1e10", "1E-3", "-1.5e+2", "1_000.5", "1_0e1_0",
        "inf", "-inf", "+inf", "INF", "Infinity", "-iNfInItY", "nan", "-nan", "NaN", "+nan",
        "0x10" if False else "0", "00012", "1e400", "-1e400", "1e-400", "\t\n 7 \r",
        "١٢٣.٥", "４２", "0.000000000000000000000000000001", "123456789012345678901234567890"]
for s in good:
    print(repr(s), float(s))
bad = ["", " ", "1.5.2", "1e", "e5", "1_", "_1", "1__0", "1._5", "1_.5", "0x10", "inf inity", "nanx",
       "infinit", "1,5", "--1", "1 e5", "\x00", "١.٢e", "i", "na", "+-1", "1.5f", "1j"]
for s in bad:
    try:
        float(s)
    except ValueError as e:
        print("ValueError", e)
print(float(b"1.25"), float(bytearray(b" -3e2 ")))
print(float(), float(5), float(True), float(-(2**70)), float(2**53 + 1))
try:
    float(b"abc")
except ValueError as e:
    print("ValueError", e)
for obj in (None, [1.0], "1.0".encode("utf-16"), 1j):
    try:
        float(obj)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 3
class Bad:
    def __float__(self):
        return 1
print(float(F()), float(I()))
try:
    float(Bad())
except TypeError as e:
    print("TypeError", e)
class Sub(float):
    pass
print(type(float(Sub(1.5))).__name__, Sub("2.5"), type(Sub("2.5")).__name__)

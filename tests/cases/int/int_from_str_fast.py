# int() of plain decimal text (fast path) and of everything around it: signs, 18 and 19
# digits, leading zeros, spaces, underscores, non-ASCII digits, errors, subclasses.
for t in ["0", "-0", "+7", "000123", "-000", "999999999999999999", "-999999999999999999",
          "1000000000000000000", "9223372036854775807", "9223372036854775808",
          "-9223372036854775809", " 42", "42 ", "1_000", "١٢٣", "\u00a012", "12\n"]:
    v = int(t)
    print(repr(t), v, type(v).__name__)
for t in ["", "-", "+", "1 2", "12a", "_1", "1__0", "0x10", "--1", "1.5", "x" + "9" * 30]:
    try:
        int(t)
    except ValueError as e:
        print("ValueError:", e)

class S(str):
    def __repr__(self):
        return "S-repr"
    def __int__(self):
        return 99
print(int(S("5")))

class R(str):
    def __repr__(self):
        return "R-repr"
print(int(R("17")))
try:
    int(R("bad"))
except ValueError as e:
    print("ValueError:", e)
class Boom(str):
    def __repr__(self):
        raise RuntimeError("repr failed")
print(int(Boom("3")))
try:
    int(Boom("x"))
except RuntimeError as e:
    print("RuntimeError:", e)
print(int("12", 10), int("-0012", 10), int(b"34"), int(bytearray(b" -5 ")))
try:
    int(b"1x")
except ValueError as e:
    print("ValueError:", e)

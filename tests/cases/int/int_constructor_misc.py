# int() keyword forms, int(str) with base keyword, bool/float results and more errors
print(int("10", base=2), int(x="10") if False else int("10", 16), int("  0b11  ", 0), int("-0x10", base=0))
try:
    int(x="5")
except TypeError as e:
    print("TypeError", e)
try:
    int("5", base=None)
except TypeError as e:
    print("TypeError", e)
try:
    int(base=10)
except TypeError as e:
    print("TypeError", e)
print(int(" \u2003 42 \u3000"), int("\u0661\u0662"), int("١_٢"))
print(int(1e15), int(-1.9999999999999998), int(123.456e5), int(2.0 ** 100) == 2 ** 100)
print(int(bytearray(b"17")), int(memoryview(b"18")) if False else int(b" 19 "))
for s in ["0x", "0b", "0o", "0_", "0__0", " - 5", "5 5", "+ 5", "٣x"]:
    try:
        print(repr(s), int(s, 0))
    except ValueError as e:
        print(repr(s), "ValueError", e)
print(int("Z", 36), int("zz", 36), int("10", 36), int("-ZZZZ", 36))
print(int.__call__ is not None, type(int("5")) is int, int("0" * 100 + "7"))

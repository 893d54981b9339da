# int() parsing strings in various bases
cases = [
    ("0",), ("-0",), ("+17",), ("  42  ",), ("\t\n-99\r ",), ("1_000",), ("1_000_000",),
    ("ff", 16), ("FF", 16), ("0xff", 16), ("0XfF", 0), ("0o17", 0), ("0b101", 0), ("0b101", 2),
    ("101", 2), ("z", 36), ("Zz", 36), ("777", 8), ("0o777", 8), ("10", 3), ("-10", 7),
    ("00", 0), ("0_0", 0), ("0", 0), ("1_0", 0), ("0x_1f", 0), ("0b_1_1", 0), ("+0x10", 0),
    (" -0o7 ", 0), ("١٢٣",), ("１２３",), ("12", 10), ("٣", 10),
    ("9" * 50,),
]
for args in cases:
    print(repr(args), int(*args))

bad = [
    ("",), (" ",), ("1.5",), ("1e3",), ("abc",), ("1__0",), ("_1",), ("1_",), ("0x",), ("08", 0), ("0_1", 0),
    ("010", 0), ("12", 2), ("g", 16), ("0b2", 0), ("1 2",), ("--1",), ("+-1",), ("0x1", 10),
    ("z", 35), ("\x00",), ("1\x00",), ("0b", 2), ("é",),
]
for args in bad:
    try:
        int(*args)
    except ValueError as e:
        print("ValueError", e)
for base in (1, 37, -1, 100):
    try:
        int("1", base)
    except ValueError as e:
        print("ValueError", e)
try:
    int(5, 10)
except TypeError as e:
    print("TypeError", e)
try:
    int("5", 10.0)
except TypeError as e:
    print("TypeError", e)
try:
    int(None)
except TypeError as e:
    print("TypeError", e)
try:
    int([1])
except TypeError as e:
    print("TypeError", e)
print(int(b"42"), int(bytearray(b" -7 ")), int(b"ff", 16))
try:
    int(b"4x")
except ValueError as e:
    print("ValueError", e)
for base in range(2, 37):
    print(base, int("10", base), int("1" * 5, base))
print(int("x" * 3, base=36), int(x="12") if False else int("12", base=0))

# ljust, rjust, center, zfill
for s in ["abc", "", "abcd", "héllo", "-42", "+7", "x"]:
    for w in (0, 3, 6, 9):
        print(repr(s), w, repr(s.ljust(w)), repr(s.rjust(w, "*")), repr(s.center(w)), repr(s.center(w, "-")), repr(s.zfill(w)))
print(repr("ab".center(5)), repr("abc".center(6)), repr("a".center(4, "#")), repr("ab".center(7, "|")))
print("42".zfill(5), "-42".zfill(5), "+42".zfill(5), "--42".zfill(6), "abc".zfill(6), "-".zfill(3), "".zfill(2), "3.14".zfill(8))
print(repr("x".ljust(-5)), repr("x".rjust(3, "é")))
for args in [(5, "ab"), (5, ""), ("5",), (5, 1)]:
    try:
        "x".ljust(*args)
    except TypeError as e:
        print("TypeError", e)
try:
    "x".center()
except TypeError as e:
    print("TypeError", e)
try:
    "x".zfill("3")
except TypeError as e:
    print("TypeError", e)

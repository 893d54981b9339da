# expandtabs with various tab sizes
samples = ["a\tb\tc", "\t", "01\t012\t0123\t01234", "ab\ncd\tef\r\tgh", "no tabs", "\t\t", "é\tx", ""]
for s in samples:
    for n in (8, 4, 1, 0, -1, 3):
        print(repr(s), n, repr(s.expandtabs(n)))
print(repr("a\tb".expandtabs()), repr("a\tb".expandtabs(tabsize=2)))
try:
    "a".expandtabs("4")
except TypeError as e:
    print("TypeError", e)
# Column tracking restarts after each newline and counts every code point as one column
for s in ["ab\tc\nabc\td", "\u00e9\u00e9\t|", "\U0001F600\t|", "tab\r\tafter cr"]:
    print(repr(s.expandtabs(4)))
print("x\ty".expandtabs(2 ** 4), repr("\t".expandtabs(True)))
try:
    "\t".expandtabs(2 ** 63)
except OverflowError as e:
    print("OverflowError", e)
print(repr("a\tb\tc".expandtabs(-8)), len("\t" * 3 + "x"))
print(len(("\t" * 3 + "x").expandtabs()))

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

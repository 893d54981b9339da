# split and rsplit with and without separators and maxsplit
samples = ["a b  c", "  leading and trailing  ", "", "   ", "a,b,,c,", ",", "one\ttwo\nthree\x0bfour\x0cfive\rsix\x1cseven\x85eight\u2028nine\u3000ten",
           "no-separators"]
for s in samples:
    print(repr(s))
    print("  split()", s.split(), "rsplit()", s.rsplit())
    print("  split(None,1)", s.split(None, 1), "rsplit(None,1)", s.rsplit(None, 1))
    print("  split(',')", s.split(","), "rsplit(',',1)", s.rsplit(",", 1))
    print("  split(' ')", s.split(" "), "split(' ',0)", s.split(" ", 0))
print("a--b--c".split("--"), "a--b--c".rsplit("--", 1), "a--b--c".split("--", maxsplit=1))
print("a b c".split(sep=None, maxsplit=-1), "a b c".rsplit(maxsplit=1))
print("abcabc".split("abc"), "xAxAx".split("A", -5))
try:
    "a".split("")
except ValueError as e:
    print("ValueError", e)
try:
    "a".rsplit("")
except ValueError as e:
    print("ValueError", e)
try:
    "a".split(1)
except TypeError as e:
    print("TypeError", e)
try:
    "a b".split(" ", "1")
except TypeError as e:
    print("TypeError", e)
print("1,2,3".split(",", 10), "  x  y  ".split(None, 0), "  x  y  ".rsplit(None, 0))

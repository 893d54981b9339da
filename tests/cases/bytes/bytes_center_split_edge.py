# bytes split/strip edge cases with whitespace definitions and maxsplit
print(b"  a  b  ".split(), b"  a  b  ".split(b" "), b"a\t\nb".split())
print(b"a\x1cb".split(), b"a\x85b".split())
print(b"a,b,c,d".split(b",", 2), b"a,b,c,d".rsplit(b",", 2), b"".split())
print(b"".split(b","), b",".split(b","))
print(b"\x00 x \x00".strip(), b"\x00 x \x00".strip(b"\x00"), b"  x".lstrip())
print(b"x  ".rstrip())
print(b"ab".center(7), b"ab".center(7, b"-"), b"abc".ljust(2))
print(b"-12".zfill(6), b"+".zfill(3))
print(b"one\ntwo\r\nthree\rfour".splitlines(), b"x\n".splitlines(keepends=True))
print(b"a b".split(maxsplit=0), b"  a b".split(None, 1), b"a b  ".rsplit(None, 1))
try:
    b"a".split(b"")
except ValueError as e:
    print("ValueError", e)
try:
    b"a".split(" ")
except TypeError as e:
    print("TypeError", e)
print(b"abc".count(b""), b"abc".find(b"", 10), b"abc".index(b"", 3))

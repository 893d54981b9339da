# strip, lstrip, rstrip with and without chars
samples = ["  hello  ", "\t\n\r\x0b\x0c hi \x1c\x1d\x1e\x1f\x85\xa0\u2000\u3000", "xxhixx", "", "   ", "abcHELLOcba", "no-strip"]
for s in samples:
    print(repr(s), repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
    print("  chars 'xabc'", repr(s.strip("xabc")), repr(s.lstrip("xabc")), repr(s.rstrip("xabc")))
print(repr("www.example.com".strip("cmowz.")), repr("  a  ".strip(None)))
print(repr("aaa".strip("a")))
print(repr("abc".strip("")))
print(repr("ééaéé".strip("é")), repr("\u200bzero width\u200b".strip()))
try:
    "a".strip(1)
except TypeError as e:
    print("TypeError", e)
try:
    "a".lstrip("a", "b")
except TypeError as e:
    print("TypeError", e)
print(repr("0001000".lstrip("0")), repr("1.2300".rstrip("0").rstrip(".")))
print(repr("1.000".rstrip("0").rstrip(".")))
# strip removes characters from the set, not a prefix string
print(repr("abcba".strip("ab")), repr("abcba".strip("ba")))
print(repr("mississippi".rstrip("ip")), repr("mississippi".lstrip("mis")))

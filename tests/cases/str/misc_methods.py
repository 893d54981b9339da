# Misc: str.count on unicode, isinstance, str methods called unbound, hash consistency for equal strs
print(str.upper("abc"), str.join(",", ["a", "b"]), str.split("a b"))
print(str.__len__("four"))
try:
    str.upper(5)
except TypeError as e:
    print("TypeError", e)
s = "The quick brown fox"
words = s.split()
print(words, len(words), [w[::-1] for w in words])
print(" ".join(sorted(words, key=str.lower)))
print(s.lower().count("o"), s.title(), s.swapcase())
print(s.center(25, "."))
print(hash("abc") == hash("ab" + "c"), isinstance("x", str), str.__mro__)
print(sorted(m for m in dir(str) if not m.startswith("_")))
print("abc".__class__, type("").__name__)
print("x".join(["a"]) is not None, "".isdigit(), "a".islower())
print(repr("\N{GREEK SMALL LETTER ALPHA}"), "\N{BULLET}", "\u03b1" == "α")
print(ord("a"), ord("€"), ord("😀"))
print(chr(97), chr(8364), chr(128512))

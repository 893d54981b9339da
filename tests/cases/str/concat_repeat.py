# Concatenation, repetition, len, membership, iteration, ord/chr roundtrip
a = "abc"
print(a + "def", a * 3, 3 * a, a * 0, a * -2, "" * 10, (a + "-") * 2)
print(len(a), len(""), len("日本語"), len("\U0001F600a"))
try:
    a + 1
except TypeError as e:
    print("TypeError", e)
try:
    1 + a
except TypeError as e:
    print("TypeError", e)
try:
    a * 2.0
except TypeError as e:
    print("TypeError", e)
try:
    a * "b"
except TypeError as e:
    print("TypeError", e)
try:
    a - "b"
except TypeError as e:
    print("TypeError", e)
b = a
b += "x"
print(a, b)
print([c for c in "h€y"], list("ab"), tuple("ab"), set("aab") == {"a", "b"}, dict.fromkeys("ab"))
print("".join(chr(ord(c) + 1) for c in "HAL"))
print(str(), str(123), str(1.5), str([1, "a"]), str(b"x"), str(b"x", "ascii"), str(b"\xff", "latin-1"))
print(str(b"\xff", "utf-8", "replace"), str(object=5), str(encoding="ascii", object=b"q"))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
try:
    str(5, "utf-8")
except TypeError as e:
    print("TypeError", e)
print("abc".__len__(), "abc".__contains__("b"), "abc".__getitem__(1), "ab".__add__("c"), "ab".__mul__(2), "ab".__rmul__(2))
print("a" "b" 'c', "x\
y")

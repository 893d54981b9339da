# str.replace including count and empty patterns
s = "one two one two one"
print(s.replace("one", "1"))
print(s.replace("one", "1", 2))
print(s.replace("one", "1", 0))
print(s.replace("one", "1", -1))
print(s.replace("", "-"))
print(s.replace("", "-", 3))
print("".replace("", "x"), "".replace("a", "b"), "abc".replace("", ""))
print("aaaa".replace("aa", "b"), "aaa".replace("a", "aa"), "abc".replace("abc", ""))
print("héllo".replace("é", "e"), "ααα".replace("α", "ab", 2))
print(s.replace("two", "2", count=1) if False else s.replace("x", "y"))
try:
    s.replace("a")
except TypeError as e:
    print("TypeError", e)
try:
    s.replace(1, "a")
except TypeError as e:
    print("TypeError", e)
try:
    s.replace("a", "b", "c")
except TypeError as e:
    print("TypeError", e)
try:
    s.replace("a", "b", count=1)
except TypeError as e:
    print("TypeError", e)
print("a.b.c".replace(".", "\n"))
print(repr("tab\there".replace("\t", "    ")))
print("x" * 5 .replace("x", "yz") if False else ("x" * 5).replace("x", "yz"))

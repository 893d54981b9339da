# startswith / endswith with tuples and ranges
s = "hello world"
tests = [("hello",), ("world",), ("",), ("Hello",), (("x", "he"),), (("x", "y"),), ((),), ("world", 6), ("lo", 3, 5),
         ("o", -1), ("hello", 0, 4), ("", 20), ("", 11), ("d", None, None), ("w", -5, -4)]
for t in tests:
    print(t, s.startswith(*t), s.endswith(*t))
try:
    s.startswith(["he"])
except TypeError as e:
    print("TypeError", e)
try:
    print(s.endswith(("d", 1)))
    s.endswith(("x", 1))
except TypeError as e:
    print("TypeError", e)
try:
    s.startswith()
except TypeError as e:
    print("TypeError", e)
try:
    s.endswith("d", "1")
except TypeError as e:
    print("TypeError", e)
print("".startswith(""), "".endswith("", 0, 0), "".startswith("", 1), "abc".endswith("", 3, 2))
print("日本語".startswith("日本"), "日本語".endswith(("英", "語")))

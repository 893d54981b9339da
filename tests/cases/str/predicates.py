# is* predicates including non-ASCII
samples = ["abc", "ABC", "Abc", "aBC", "123", "١٢٣", "²", "½", "Ⅻ", "一二三", "abc123", "", " ", "\t\n", "\xa0", "\u2028",
           "Hello World", "Hello world", "HELLO WORLD", "hello_world", "_x", "x1", "1x", "class", "café", "ß", "ǅ",
           "\x00", "é\u0301", "\U0001F600", "A\u030a", "ǅungla Xyz", "x y", "\x7f", "~", "π", "ℕ", "⁴", "٣.٤"]
preds = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace", "islower", "isupper", "istitle",
         "isidentifier", "isprintable", "isascii"]
print(" ".join(p[2:6] for p in preds))
for s in samples:
    print(repr(s).ljust(18), " ".join(("T" if getattr(s, p)() else "F").ljust(4) for p in preds))
print("3".isdigit(), "三".isnumeric(), "三".isdigit())
print("Ⅷ".isnumeric(), "𝟘".isdecimal())
try:
    "a".isalpha("b")
except TypeError as e:
    print("TypeError", e)
# Predicates on bytes-like ASCII ranges compared to str versions
for c in ["a", "Z", "5", " ", "_", "\t"]:
    b = c.encode()
    print(repr(c), c.isalpha() == b.isalpha(), c.isdigit() == b.isdigit(), c.isspace() == b.isspace(), c.isupper() == b.isupper())
print("".isidentifier(), "a".isprintable(), "\u00ad".isprintable(), "\u0085".isspace(), "\u200b".isspace())

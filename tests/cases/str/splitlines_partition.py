# splitlines with keepends; partition and rpartition
texts = ["line1\nline2\r\nline3\rline4", "trailing\n", "\n\n", "", "no newline", "a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i",
         "x\r\n\r\ny", "\r"]
for t in texts:
    print(repr(t), t.splitlines(), t.splitlines(True), t.splitlines(keepends=False))
print("a\nb".split("\n"), "a\nb\n".split("\n"), "a\nb\n".splitlines())
for s in ["key=value", "key=", "=value", "novalue", "a=b=c", ""]:
    print(repr(s), s.partition("="), s.rpartition("="))
print("one two three".partition(" "), "one two three".rpartition(" "), "abcabc".partition("bc"), "abcabc".rpartition("bc"))
try:
    "abc".partition("")
except ValueError as e:
    print("ValueError", e)
try:
    "abc".rpartition(None)
except TypeError as e:
    print("TypeError", e)
try:
    "abc".splitlines("x")
except TypeError as e:
    print("TypeError", e)

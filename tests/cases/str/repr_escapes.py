# repr of strings: quote choice, escapes, non-printables, surrogates
samples = ["plain", "it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\there", "new\nline", "cr\rret",
           "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad", "é ñ 日本", "\u200b\u2028\u2029", "\ufeff", "\U0001F600", "\U000E0001",
           "\ud800", "\udfff", "\ud83d\ude00", "\x0b\x0c", "\a\b", "'", '"', "'\"", "", "\\n", "\u0378", "\U0010ffff",
           "\xff", "\u00a0", "\u3000"]
for s in samples:
    print(repr(s), ascii(s), len(s))
print(repr("a" * 3), str("x"), repr(str(5)))
print("%r|%a" % ("é'", "é'"), f"{'é'!r}{'é'!a}")
print([s for s in ["a'b", 'c"d']])
print({"k'": "v\n"})
class S(str):
    pass
print(repr(S("sub")), str(S("sub")), type(str(S("x"))).__name__)
# repr is valid Python: eval(repr(s)) == s
for s in samples:
    assert eval(repr(s)) == s and eval(ascii(s)) == s
print("round trip ok", len(samples))
print(repr("\\x41"), repr("x\\"), repr("\"'"), repr('\'"'))
for c in ["\x1b", "\u061c", "\u2066", "\U0001d11e", "\ue000", "\U000f0000"]:
    print(repr(c), c.isprintable())

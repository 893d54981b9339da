# bytes case/strip/justify/predicates/translate/expandtabs
b = b"Hello World \xe9"
print(b.upper(), b.lower(), b.swapcase(), b.title(), b.capitalize(), b"hello world".title())
print(b"  x  ".strip(), b"xxhixx".strip(b"x"), b"\t\n\x0bx\x0c\r ".strip(), b"\xa0x\xa0".strip(), b"abc".lstrip(b"ab"), b"abc".rstrip(b"bc"))
print(b"ab".center(6, b"*"), b"ab".ljust(5), b"ab".rjust(5, b"0"), b"-5".zfill(4), b"a\tb".expandtabs(4))
try:
    b"ab".center(6, "*")
except TypeError as e:
    print("TypeError", e)
try:
    b"ab".center(6, b"**")
except TypeError as e:
    print("TypeError", e)
for s in [b"abc", b"ABC", b"123", b"a1", b"  ", b"", b"Title Case", b"\xe9", b"a_b", b"\x7f"]:
    print(s, s.isalpha(), s.isdigit(), s.isalnum(), s.isspace(), s.islower(), s.isupper(), s.istitle(), s.isascii())
t = bytes.maketrans(b"abc", b"xyz")
print(len(t), t[97:100], b"aabbcc".translate(t), b"abcdef".translate(None, b"bd"), b"abc".translate(t, b"a"))
try:
    bytes.maketrans(b"ab", b"c")
except ValueError as e:
    print("ValueError", e)
try:
    b"x".translate(b"short")
except ValueError as e:
    print("ValueError", e)
print(b"%s" % b"x" if False else b"abc".decode(), b"abc".hex())
print(b"AbC".upper().lower(), b"a".isalpha.__name__)

# upper/lower/capitalize/title/swapcase/casefold incl. non-ASCII
samples = ["hello world", "HELLO World", "ßtraße", "ǅungla", "ﬁnance ﬂow", "İstanbul", "ΣΊΣΥΦΟΣ", "όσος ΌΣΟΣ",
           "they're bill's friends", "123abc DEF", "", "  ", "ŉ", "ﬀ", "Ǳ ǲ ǳ", "á-b_c d\te", "mIxEd CaSe 42x"]
for s in samples:
    print(repr(s))
    print("  upper", repr(s.upper()), "lower", repr(s.lower()))
    print("  capitalize", repr(s.capitalize()), "title", repr(s.title()))
    print("  swapcase", repr(s.swapcase()), "casefold", repr(s.casefold()))
print("ß".upper(), len("ß".upper()), "ß".casefold())
print("ẞ".lower(), "ς".upper(), "Σ".lower())
print("ΑΣ".lower(), "ΑΣ Β".lower(), "Σ".lower())
print("ΑΣΑ".lower(), "Α.Σ".lower(), "ΑΣ'".lower())
print("i̇".upper(), "I".lower(), "ı".upper())
print("ĳ".title())
print("hello"[0].upper() + "hello"[1:], "a1b2".title(), "x'y".title())
print("ÅNGSTRÖM".lower())
try:
    "abc".upper(1)
except TypeError as e:
    print("TypeError", e)

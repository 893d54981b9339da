# More string literal edge cases: quotes, raw backslashes, triple quotes, line breaks
print('''a'b"c''', """a'b"c""", '''''', """""")
print("""tricky ""\" quotes""")
print('''ends with escaped quote \'''')
print(r"raw \" keeps backslash", len(r"\""))
print(r'\\', len(r'\\'), '\\\\', len('\\\\'))
print("a\
b\
c")
print("""line1
line2\
 joined""")
print('\'', "\"", '"', "'")
print("tab:\t|", "null:\0|".replace("\0", "<NUL>"), "bell:\a|".replace("\a", "<BEL>"))
print(len("\r\n"), repr("\r\n"), repr("""
"""))
for src in [r"r'\'", r"'abc", '"""abc', r"r'\\'", r"'\N{LATIN SMALL LETTER A}'", r"b'\N{DIGIT ONE}'"]:
    try:
        print(repr(src), "->", repr(eval(src)))
    except SyntaxError as e:
        print(repr(src), "-> SyntaxError", e.msg)
s = ("implicit"
     " concatenation"
     ' across lines')
print(s)
print(repr("\x00\x01\x1f\x7f\x80\x9f\xa0\xff"))
print(repr("\u0300"), repr("a\u0300"), repr("\u200d"), repr("\U0010ffff"))

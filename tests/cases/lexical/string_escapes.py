# Escape sequences in string and bytes literals
print(repr('\a\b\f\n\r\t\v'))
print(repr('\0'), repr('\7'), repr('\101'), repr('\1011'), repr('\x41'), repr('\u0041'), repr('\U00000041'))
print('\N{LATIN SMALL LETTER E WITH ACUTE}', '\N{GREEK CAPITAL LETTER OMEGA}', '\N{SNOWMAN}')
print(len('\N{EM DASH}'), ord('\N{EM DASH}'))
print('\\', '\'', "\"", len('\\'))
print('a\
b')
print(repr(b'\x41\101\n'), repr(b'\N{SNOWMAN}') if False else 'skip')
print(repr(b'\u0041'), len(b'\u0041'))
print(ord('\377'), repr('\400'))
print('\u00e9' == 'é', '\xe9' == '\u00e9' == '\U000000e9')
print(repr('\d'), len('\d'))
for src in [r"'\x4'", r"'\u12'", r"'\U1234567'", r"'\N{NOT A REAL NAME}'", r"'\U00110000'", r"b'\x'"]:
    try:
        print(src, "->", repr(eval(src)))
    except SyntaxError as e:
        print(src, "-> SyntaxError", e.msg)
print(repr("\N{DIGIT ONE}\N{DIGIT TWO}"), "\N{LATIN CAPITAL LETTER A}")
print(repr('\ud800'), ascii('\ud800'))
print([hex(ord(c)) for c in '\t\x1b\x7f\u200b'])
print(repr(chr(0)), repr(chr(31)), repr(chr(127)), repr(chr(160)), repr(chr(173)))

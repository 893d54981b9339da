# String prefixes: r, b, rb, br, u, f, rf, fr in all cases
print('a', "b", '''c''', """d""")
print(r'\n', R"\t", u'unicode', U"x")
print(b'bytes', B"x", rb'\d', bR'\d', Rb"\d", BR"\d", Br'\x')
print(repr(r'\n'), len(r'\n'), len('\n'))
x = 5
print(f'{x}', F"{x}", rf'\n{x}', fR'{x}\t', Rf"{x}", FR'\{x}')
print(type(b'').__name__, type(r'').__name__, type(f'').__name__)
print(r'\'' , r"\"", len(r'\''))
print(r'a\
b')
print('''multi
line''')
print("""tri "quoted" 'both'""")
print('it\'s', "say \"hi\"")
print(b'\x00\xff', list(b'\x00\xff'), b'a' b'b')
print(rb'\x00', len(rb'\x00'))
for src in ["ub''", "bu''", "fb''", "ur''", "rr''", "b'é'"]:
    try:
        print(src, "->", repr(eval(src)))
    except SyntaxError as e:
        print(src, "-> SyntaxError", e.msg)
print(repr(''), repr(""), repr("'"), repr('"'), repr("'\""), repr(b"'\""))
print(repr('\x7f'), repr('\x80'), repr('\xa0'), repr('é'), repr('\u2028'), repr('\U0001f600'))
print(ascii('é'), ascii('\U0001f600'), ascii(b'x'))
print(repr(b'\t\n\r\x0b\x0c'), repr('\t\n\r\x0b\x0c'))

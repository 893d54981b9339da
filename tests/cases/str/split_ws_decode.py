# str.split()/rsplit() without a separator and splitlines() decode in place: non-ASCII
# whitespace and line breaks, maxsplit, surrogates, CRLF.
tests = ['', ' ', '  a  b  ', 'a\u3000b\u2028c', '\u00e9 \u00e8\t\u4e2d\n\u0085x\u0085', 'x' * 5, ' a', 'a ', '\ud800 \udc00', 'a\x1cb\x1dc\x1e d\x1f']
for t in tests:
    for m in [-1, 0, 1, 2, 5]:
        print(repr(t), m, t.split(maxsplit=m), t.rsplit(maxsplit=m), t.split(None, m), t.rsplit(None, m))
    print(t.splitlines(), t.splitlines(True))
for t in ['a\r\nb\rc\nd\x0be\x0cf\x1cg\x85h\u2028i\u2029j', '\r\n\r\n', 'x\r', '\u00e9\n\u4e2d\r\n']:
    print(t.splitlines(), t.splitlines(keepends=True))

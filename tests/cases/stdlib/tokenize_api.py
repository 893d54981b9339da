# tokenize: tokens of real source (strings, f-strings, numbers, operators, comments, indentation,
# continuation lines, encodings), untokenize round trips, and the errors for broken input.
import io, tokenize, token, keyword

src = '''# -*- coding: utf-8 -*-
def f(a, *, b=0x1F, **kw) -> "str":
    """doc"""
    x = [1, 2.5e-3, 3j,
         'é' + f"{a!r:>10}" + rb'\\d']  # comment
    if x and not b:   \\
        return x @ b
    return {**kw, 'k': a ** -1}
async def g():
    await h()
'''
toks = list(tokenize.tokenize(io.BytesIO(src.encode()).readline))
for t in toks:
    print(tokenize.tok_name[t.type], repr(t.string), t.start, t.end, t.exact_type == t.type or token.tok_name[t.exact_type])
print(tokenize.untokenize(toks).decode() == src)
gen = list(tokenize.generate_tokens(io.StringIO('x = 1 + 2\n').readline))
print([(token.tok_name[t.type], t.string) for t in gen])
print(tokenize.untokenize([(t.type, t.string) for t in gen]))
print(tokenize.detect_encoding(io.BytesIO(b'# coding: latin-1\nx = 1\n').readline))
print(tokenize.detect_encoding(io.BytesIO(b'\xef\xbb\xbfx = 1\n').readline))
for bad in ['x = (1,\n', '"""never closed\n', 'def f():\n  x\n y\n']:
    try:
        list(tokenize.generate_tokens(io.StringIO(bad).readline))
    except (tokenize.TokenError, IndentationError) as e:
        print(type(e).__name__, e.args)
print(token.ISTERMINAL(token.NAME), token.ISNONTERMINAL(300), token.EXACT_TOKEN_TYPES['**='] == token.DOUBLESTAREQUAL)
print(keyword.iskeyword('match'), keyword.issoftkeyword('match'), len(keyword.kwlist))

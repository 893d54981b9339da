# SyntaxErrors raised by exec()/eval() caught at run time
def attempt(kind, src):
    try:
        if kind == "exec":
            exec(src)
        else:
            eval(src)
        print("no error for", repr(src))
    except SyntaxError as e:
        print(kind, repr(src), "->", type(e).__name__, e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset)
attempt("eval", "1 +")
attempt("eval", "x = 1")
attempt("eval", "lambda: (yield)")
attempt("exec", "def f():\n    yield from\n")
attempt("exec", "nonlocal x")
attempt("exec", "def f():\n    x = 1\n    global x\n")
attempt("exec", "'unterminated")
attempt("exec", '"""never closed')
attempt("exec", "x = 0777")
attempt("exec", "x = 1__0")
attempt("exec", "f'{'")
attempt("exec", "a := 1")
attempt("exec", "del f()")
attempt("exec", "(a, b) += 1")
attempt("exec", "async def f():\n    yield from g()\n")
attempt("exec", "def f():\n    await x\n")
attempt("exec", "[x async for x in y]")
attempt("exec", "x = yield 1")
attempt("exec", "print(1, 2 3)")
attempt("exec", "obj.1attr")
attempt("exec", "def f(x, *, **kw): pass")
attempt("exec", "match x:\n    case 1 + y:\n        pass\n")
attempt("exec", "match x:\n    case a:\n        pass\n    case b:\n        pass\n")
attempt("exec", "match x:\n    case [a, a]:\n        pass\n")
attempt("exec", "match x:\n    case {**rest, 'k': 1}:\n        pass\n")
attempt("exec", "match x:\n    case a | [b]:\n        pass\n")
try:
    exec("x = (")
except SyntaxError as e:
    print("str(e):", str(e))
    print("args:", e.args[0], e.args[1][1:])

# IndentationError and TabError are SyntaxError subclasses
cases = [
    "def f():\nreturn 1\n",
    "if True:\n    a = 1\n  b = 2\n",
    "x = 1\n    y = 2\n",
    "for i in x:\n\n# only comment\n",
    "class C:\n",
    "if True:\n\tx = 1\n        y = 2\n",
    "try:\n    pass\nexcept:\npass\n",
    "while x:\n  a\n    b\n",
    "def f():\n    '''doc'''\n  return\n",
]
for src in cases:
    try:
        compile(src, "<indent>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src))
        print("   ", type(e).__name__, "|", e.msg, "|", e.lineno, e.offset, isinstance(e, SyntaxError))
print(issubclass(IndentationError, SyntaxError), issubclass(TabError, IndentationError))
print(IndentationError.__mro__[1].__name__, TabError.__mro__[1].__name__)
e = SyntaxError("custom message", ("file.py", 3, 5, "bad line\n", 3, 8))
print(e.msg, e.filename, e.lineno, e.offset, repr(e.text), e.end_lineno, e.end_offset)
print(str(e))
print(str(SyntaxError("only msg")), SyntaxError("only msg").lineno)
print(repr(SyntaxError("x", ("f", 1, 2, "t"))))

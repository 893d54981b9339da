# SyntaxError details from compile(): msg, lineno, offset, text
sources = [
    "x = (1, 2",
    "def f(:\n    pass\n",
    "print 'hello'",
    "if x = 1:\n    pass\n",
    "a = 1 +\n",
    "for x in range(3)\n    pass\n",
    "x = [1, 2,, 3]",
    "return_value = lambda: return 1",
    "class A:\n    def f(self)\n        pass\n",
    "x = {'a': 1 'b': 2}",
    "f(**kwargs, *args)",
    "import",
    "while True:\n    pass\n  else:\n    pass\n",
    "x = 5 if True",
    "d = {1: 2, 3}",
    "a b c",
    "True = False",
    "f(a for a in b, c)",
    "x += 1 += 2",
    "with open(f) as g, :\n    pass\n",
]
for src in sources:
    try:
        compile(src, "<case>", "exec")
        print(repr(src), "compiled?!")
    except SyntaxError as e:
        print(repr(src))
        print("   ", type(e).__name__, "|", e.msg, "|", e.lineno, e.offset, "|", repr(e.text), "|", e.filename)

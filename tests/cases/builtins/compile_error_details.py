# Details of SyntaxErrors from compile(): indentation errors raised by the tokenizer have no
# end (end_offset -1); an error spanning lines shows its first line without the newline and
# an end clamped to that text; 'single' mode needs a newline after a one-line compound
# statement. exec() checks its locals mapping and dir() lists a mapping's keys.
import traceback

sources = [
    ("if 1:\n  x\n y\n", "exec"),
    (" x\n", "exec"),
    ("def f():\n  pass\n    x\n", "exec"),
    ("foo(a, z\n        for z in\n            range(10), b, c)\n", "exec"),
    (b"foo(a, z\n        for z in\n            range(10), b, c)\n", "exec"),
    ("x = 1\nfoo(a, z\n   for z in y, b)", "exec"),
    ("def f(): pass", "single"),
    ("def f(): pass\n", "single"),
    ("if 1: pass", "single"),
    ("if 1:\n  pass", "single"),
    ("@d\ndef f(): pass", "single"),
    ("if 1: pass\nelse: pass", "single"),
    ("x = 1", "single"),
    ("x = 1\ny = 2", "single"),
    ("x = 1; y = 2\nz = 3", "single"),
    ("if 1:\n  pass\nx = 1", "single"),
    ("x = 5 # comment\nx = 6\n", "single"),
    ("x = 5   \ny", "single"),
    ("def f(): pass\nx", "single"),
    ("x = (1,\n 2)\ny", "single"),
]
for src, mode in sources:
    try:
        compile(src, "<src>", mode)
        print("ok", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, e.args)
        print(traceback.format_exception_only(type(e), e))


class M:
    def __getitem__(self, key):
        if key == "a":
            return 12
        raise KeyError(key)

    def __setitem__(self, key, value):
        self.results = (key, value)

    def keys(self):
        return iter("zyx")


m = M()
exec("z = a", globals(), m)
print(m.results)
exec("z = dir()", globals(), m)
print(m.results)
for f in (exec, eval):
    try:
        f("a", globals(), object())
    except TypeError as e:
        print(f.__name__, "TypeError:", e)

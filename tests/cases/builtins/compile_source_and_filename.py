# compile()/exec()/eval(): the source may be str, bytes or any buffer, never with a NUL; the
# filename may be str, bytes, a PathLike, or (deprecated) another buffer.
import warnings

for fn in ("file.py", b"file.py"):
    print(compile("pass", fn, "exec").co_filename)


class P:
    def __fspath__(self):
        return "from_fspath.py"


print(compile("pass", P(), "exec").co_filename)
for fn in (bytearray(b"ba.py"), memoryview(b"mv.py")):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        co = compile("pass", fn, "exec")
    print(co.co_filename, [(x.category.__name__, str(x.message)) for x in w])
for fn in (list(b"file.py"), 3, None):
    try:
        compile("pass", fn, "exec")
    except TypeError as e:
        print("TypeError:", e)

for src in ("123\x00", b"123\x00", memoryview(b"123\x00"), bytearray(b"1\x002")):
    try:
        compile(src, "<dummy>", "eval")
    except SyntaxError as e:
        print(repr(e), e.lineno, e.offset)
print(eval(compile(memoryview(b"123\x00")[1:-1], "<dummy>", "eval")))
print(eval(compile(bytearray(b"4 + 5"), "<dummy>", "eval")))
print(eval(memoryview(b"1234")[1:-1]))
ns = {}
exec(memoryview(b"ax = 123")[1:-1], ns)
print(ns["x"])
for f, src in ((exec, "x = \x00"), (eval, "\x00")):
    try:
        f(src)
    except SyntaxError as e:
        print(f.__name__, repr(e))

for bad in (3, [1], compile("1", "", "eval")):
    for f in (compile, exec, eval):
        try:
            if f is compile:
                f(bad, "<x>", "eval")
            else:
                f(bad) if not hasattr(bad, "co_code") else print(f.__name__, "runs code:", f(bad))
        except TypeError as e:
            print(f.__name__, "TypeError:", e)

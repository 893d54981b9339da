# CPython 3.11's compiler warns about `is` / `is not` with a literal (SyntaxWarning, with the
# file name and line of the comparison), for this file, compile() and exec(); as an error it
# becomes a SyntaxError at the comparison.
import warnings

x = 1000
if x is 1000:
    print("same object")
print(x is not 'a')
y = (x is
     (1, 2))
print(x is None, x is ..., x is True, x is not False, None is x)
print(1 < x is -2)
c = compile("a = 1\nb = a is 2\n", "<made>", "exec")
compile("z is -1", "fake.py", "exec")
compile("a is 1 or a is 2", "<two>", "exec")
exec("q = 5\nprint(q is 5)")
compile("f'{x}' is x", "<fstr>", "exec")
compile("x is b'' or () is x", "<more>", "exec")

with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        compile("if True:\n    v = 3 is not 'x'\n", "<err>", "exec")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text), e.filename)
    try:
        compile("if k is 2 < 3:\n    pass\n", "<err2>", "exec")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset, e.end_lineno, e.end_offset, repr(e.text))

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    compile("k is 'x'\nk is not 4.5", "<rec>", "exec")
    print([(str(m.message), m.category.__name__, m.filename, m.lineno) for m in w])

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    compile("k is 'x'", "<ign>", "exec")
print("done")

# eval, exec, compile basics
print(eval("1 + 2 * 3"), eval("x + y", {"x": 1, "y": 2}), eval("z", {}, {"z": 9}), eval("[i for i in range(3)]"))
ns = {}
exec("a = 5\ndef f(n):\n    return n * a\n", ns)
print(ns["a"], ns["f"](3), sorted(k for k in ns if k != "__builtins__"))
print(exec("1 + 1"), eval("  7  "), eval("'str'"), eval(b"8"))
code = compile("q * 2", "<expr>", "eval")
print(type(code).__name__, eval(code, {"q": 21}), code.co_filename)
code2 = compile("for i in range(2): print('loop', i)", "<exec>", "exec")
exec(code2)
code3 = compile("1 + 1", "<single>", "single")
exec(code3)
for src, mode in [("1 +", "eval"), ("x = ", "exec"), ("return 5", "exec"), ("a = 1", "eval")]:
    try:
        compile(src, "<bad>", mode)
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.filename)
try:
    compile("1", "<x>", "bogus")
except ValueError as e:
    print("ValueError", e)
try:
    eval("undefined_name")
except NameError as e:
    print("NameError", e)
try:
    eval(5)
except TypeError as e:
    print("TypeError", e)
g = {"__builtins__": {}}
try:
    eval("len([])", g)
except NameError as e:
    print("NameError", e)
print(eval("__name__"), eval("__name__", {"__name__": "custom"}))
try:
    exec("raise ValueError('from exec')")
except ValueError as e:
    print("ValueError", e)

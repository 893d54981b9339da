# exec and eval with explicit globals and locals
print(eval("1 + 2"), eval("x * 2", {"x": 21}), eval("x + y", {"x": 1}, {"y": 2}))
g = {}
exec("a = 1\nb = a + 1", g)
print(sorted(k for k in g if k != "__builtins__"), g["b"], "__builtins__" in g)
g2, l2 = {}, {}
exec("c = 3\ndef f(): return c", g2, l2)
print(sorted(l2), "c" in g2)
try:
    l2["f"]()
except NameError as e:
    print("NameError", e)
print(eval("len('abc')", {}), eval("__builtins__ is not None", {}))
try:
    eval("len('abc')", {"__builtins__": {}})
except NameError as e:
    print("NameError", e)
print(eval("abs(-3)", {"__builtins__": {"abs": abs}}))
ns = {"__builtins__": {"print": lambda *a: None}}
exec("print('suppressed')", ns)
print("after suppressed print")
print(eval("[i for i in range(n)]", {"n": 3}))
print(eval("[i * k for i in range(3)]", {"k": 10}, {}))
try:
    eval("[i * k for i in range(3)]", {}, {"k": 10})
except NameError as e:
    print("NameError", e)
code = compile("z = 5", "<str>", "exec")
d = {}
exec(code, d)
print(d["z"], type(code).__name__, code.co_filename)
print(eval(compile("2 ** 10", "<e>", "eval")))
try:
    eval("x = 1")
except SyntaxError as e:
    print("SyntaxError", e.msg)
print(exec("1 + 1"))
class Mapping:
    def __getitem__(self, key):
        if key == "magic":
            return 42
        raise KeyError(key)
print(eval("magic", {}, Mapping()))
try:
    eval("nothing", {}, Mapping())
except NameError as e:
    print("NameError", e)
try:
    eval("1", [])
except TypeError as e:
    print("TypeError", e)
try:
    exec(5)
except TypeError as e:
    print("TypeError", e)
def func():
    loc = 1
    exec("loc = 2")
    return loc
print(func())
def func2():
    ns = {}
    exec("made = 7", globals(), ns)
    return ns["made"]
print(func2())
print(eval("  1  "), eval("\t2\n"))
try:
    eval("")
except SyntaxError as e:
    print("SyntaxError", e.msg)
exec("global_from_exec = 'yes'")
print(global_from_exec)
print(eval(b"3 * 3"), eval("'é'"))

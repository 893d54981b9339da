# exec/eval interacting with function scopes and closures
def run_exec():
    local_var = 10
    ns = {"local_var": 1}
    exec("result = local_var * 2", ns)
    return ns["result"], local_var
print(run_exec())
def eval_sees_locals():
    a, b = 3, 4
    return eval("a * b")
print(eval_sees_locals())
def eval_in_nested():
    x = "enclosing"
    def inner():
        return eval("x")
    try:
        return inner()
    except NameError as e:
        return f"NameError: {e}"
print(eval_in_nested())
def eval_in_nested_referenced():
    x = "enclosing"
    def inner():
        x
        return eval("x")
    return inner()
print(eval_in_nested_referenced())
code = "def made():\n    return 'made by exec'\n"
ns = {}
exec(code, ns)
print(ns["made"](), ns["made"].__module__ if "__name__" in ns else "no __name__ in ns")
ns2 = {"__name__": "fake_module"}
exec(code, ns2)
print(ns2["made"].__module__)
exec("class Dyn:\n    x = 1\n", ns2)
print(ns2["Dyn"].__module__, ns2["Dyn"].__qualname__)
counter = {"n": 0}
exec("for i in range(5):\n    n += i\n", {}, counter)
print(counter)
print(eval("(lambda v: v + 1)(41)"))
print(eval("[y for y in range(3)]", {"__builtins__": {"range": range}}))
g = {"__builtins__": {}}
exec("z = 1", g)
print(sorted(g))

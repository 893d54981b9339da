# Source nesting deeper than the compiler goes is CPython's RecursionError "maximum recursion
# depth exceeded during compilation" (ast.parse: "during ast construction"), never a crash of
# the interpreter, on the main thread and on a thread with its default stack.
import ast
import threading

sources = {
    "attribute chain 200000": "a" + ".b" * 200000,
    "additions 200000 of names": "x" + "+x" * 200000,
    "calls 100000": "f" + "()" * 100000,
    "subscripts 100000": "a" + "[0]" * 100000,
    "not 5000": "not " * 5000 + "x",
    "attribute chain 5000": "a" + ".b" * 5000,
}


def show(label, fn):
    try:
        fn()
        print(label, "ok")
    except RecursionError as e:
        print(label, type(e).__name__, e)


def run_all(where):
    for name, src in sources.items():
        show(f"{where} {name} compile", lambda: compile(src, "s", "exec"))
        show(f"{where} {name} eval", lambda: eval(src))
        show(f"{where} {name} exec", lambda: exec(src))
        show(f"{where} {name} ast.parse", lambda: ast.parse(src))


run_all("main")
t = threading.Thread(target=run_all, args=("thread",))
t.start()
t.join()

# Shallow nesting still compiles.
print(eval("-" * 500 + "1"), eval("not " * 501 + "0"), len(ast.dump(ast.parse("a" + ".b" * 500))))

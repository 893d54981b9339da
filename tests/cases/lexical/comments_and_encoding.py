# -*- coding: utf-8 -*-
# Comments, blank lines, docstrings of various kinds
"""Module docstring."""
print(__doc__)

def f():
    # comment only body is not allowed, so:
    pass  # trailing
print(f())

def g():
    """Function docstring."""
print(g.__doc__)

def h():
    'single quoted doc'
    return 1
print(h.__doc__)

def k():
    x = 1
    "not a doc"
print(k.__doc__)

def m():
    f"not a doc {1}"
print(m.__doc__)

class C:
    """Class doc."""
print(C.__doc__)

class D:
    pass
print(D.__doc__)
s = "#not a comment"
print(s)
print("a" # comment
      "b")
print(len("""
"""))
src = "# only a comment\n"
print(repr(eval(compile(src, "s", "exec"))))
print(compile("1 # c", "s", "eval").co_name if False else "skip")
print(eval("  1 + 1  # comment"))

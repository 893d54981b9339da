# Import statements call a replaced builtins.__import__ with five arguments.
import builtins

orig = builtins.__import__
calls = []

def hook(name, globals=None, locals=None, fromlist=(), level=0):
    # Only this file's own imports: what the standard library imports in turn depends on
    # which modules are loaded already.
    if globals is not None and globals.get("__name__") == "__main__":
        calls.append((name, fromlist, level, globals is not None and globals.get("__name__"),
                     type(locals).__name__))
    return orig(name, globals, locals, fromlist, level)

builtins.__import__ = hook
import json
from os import path
import collections.abc as cabc
def f():
    import string
    from string import ascii_letters
f()
class C:
    import math
builtins.__import__ = orig
import re
for c in calls:
    print(c)

def deny(name, *args):
    raise ImportError(f"no {name} today")
builtins.__import__ = deny
try:
    import textwrap
except ImportError as e:
    print("ImportError:", e)
finally:
    builtins.__import__ = orig

del builtins.__import__
try:
    import os
except ImportError as e:
    print("ImportError:", e)
finally:
    builtins.__import__ = orig

# exec with a custom __builtins__ mapping uses that mapping's __import__.
ns = {"__builtins__": {"__import__": lambda *a: ("fake", a[0], a[3], a[4])}}
exec("import anything\nresult = anything", ns)
print(ns["result"])
import textwrap
print(textwrap.__name__)

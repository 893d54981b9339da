# Module-level attributes and the main guard
import sys
print(__name__, __spec__, __package__ if __package__ else repr(__package__))
print(type(__loader__).__name__ if __loader__ else None)
print(__file__.endswith("main_guard_and_module.py"))
this = sys.modules[__name__]
print(this.__name__, this.some_later if hasattr(this, "some_later") else "not yet")
some_later = 1
print(this.some_later)
def main():
    print("main called")
    return 0
if __name__ == "__main__":
    rc = main()
    print("rc", rc)
print(sys.argv[0].endswith(".py"), len(sys.argv))
print("__main__" in sys.modules, "builtins" in sys.modules)
print(__annotations__ if "__annotations__" in dir() else "no module annotations yet")
annotated: int = 5
print(__annotations__)
import _scope_helper
print(_scope_helper.__name__, _scope_helper.value, _scope_helper.get_value())
_scope_helper.value = "changed from main"
print(_scope_helper.get_value())
print(_scope_helper.who_am_i())
import _scope_helper as again
print(again is _scope_helper)
from _scope_helper import value
value = "local rebinding"
print(_scope_helper.value)

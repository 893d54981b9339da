__all__ = ["public_name", "double"]
CONSTANT = 42
public_name = "exported"
_private_name = "hidden"
load_count = globals().get("load_count", 0) + 1
print("  _import_helper executing")
def double(x):
    return x * 2
def __getattr__(name):
    if name == "lazy_attr":
        return "from module __getattr__"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

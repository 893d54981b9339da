# with: multiple items, parenthesised forms, suppression, ordering
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print(f"  enter {self.name}")
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print(f"  exit {self.name} with {et.__name__ if et else None}")
        return self.suppress
with CM("a") as a, CM("b") as b:
    print("body", a, b)
with (CM("p"), CM("q")):
    print("parenthesised without as")
with (
    CM("x") as x,
    CM("y") as y,
):
    print("parenthesised with trailing comma", x, y)
with (CM("tuple-target")) as t:
    print("grouped expression", t)
with CM("outer", suppress=True), CM("inner"):
    raise ValueError("suppressed by outer")
print("continued after suppression")
with CM("s1"), CM("s2", suppress=True):
    raise KeyError("suppressed by inner only")
print("inner suppression: outer sees no exception")
class Failing:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("  never")
try:
    with CM("first"), Failing(), CM("never entered"):
        print("never")
except RuntimeError as e:
    print("RuntimeError", e)
def in_function():
    with CM("f"):
        return "returned from with"
print(in_function())
for i in range(2):
    with CM(f"loop{i}"):
        if i == 0:
            continue
        break
class Reentrant:
    depth = 0
    def __enter__(self):
        Reentrant.depth += 1
        return Reentrant.depth
    def __exit__(self, *a):
        Reentrant.depth -= 1
r = Reentrant()
with r as d1:
    with r as d2:
        print("depths", d1, d2)
print("final depth", Reentrant.depth)
with CM("target-attr") as holder_dict_value:
    pass
store = {}
with CM("subscript-target") as store["k"]:
    pass
print(store)
class ExitArgs:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        print("  exit args:", et.__name__, type(ev).__name__, ev.args, type(tb).__name__)
        return True
with ExitArgs():
    raise IndexError("detail", 2)

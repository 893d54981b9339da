# __enter__ / __exit__ protocol details
class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("  enter", self.name)
        return f"value-{self.name}"
    def __exit__(self, et, ev, tb):
        print("  exit", self.name, et.__name__ if et else None, ev, tb is not None)
        return self.suppress
with CM("a") as v:
    print("body", v)
with CM("b", suppress=True):
    raise ValueError("swallowed")
print("after suppressed")
try:
    with CM("c"):
        raise KeyError("propagates")
except KeyError as e:
    print("caught", e)
def ret():
    with CM("r"):
        return "returned"
print(ret())
for i in range(3):
    with CM(f"loop{i}"):
        if i == 1:
            continue
        if i == 2:
            break
        print("  loop body", i)
class Truthy:
    def __enter__(self): return self
    def __exit__(self, *a): return "yes"
with Truthy():
    1 / 0
print("truthy return suppresses")
class NoExit:
    def __enter__(self): return self
try:
    with NoExit():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class NoEnter:
    def __exit__(self, *a): pass
try:
    with NoEnter():
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
class ExitRaises:
    def __enter__(self): return self
    def __exit__(self, *a):
        raise RuntimeError("from exit")
try:
    with ExitRaises():
        raise ValueError("original")
except RuntimeError as e:
    print("RuntimeError", e, "context:", repr(e.__context__))
class EnterRaises:
    def __enter__(self): raise OSError("enter failed")
    def __exit__(self, *a):
        print("  exit should not run")
try:
    with EnterRaises():
        print("not here")
except OSError as e:
    print("OSError", e)
class Inst:
    pass
i = Inst()
i.__enter__ = lambda: None
i.__exit__ = lambda *a: None
try:
    with i:
        pass
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
with CM("x") as (a):
    print(a)
class TupleCM:
    def __enter__(self): return (1, [2, 3])
    def __exit__(self, *a): pass
with TupleCM() as (p, [q, r]):
    print(p, q, r)

# ExceptionGroup API: split, subgroup, derive, nesting, and except* semantics
eg = ExceptionGroup("top", [
    ValueError("v1"),
    ExceptionGroup("nested", [TypeError("t1"), ValueError("v2")]),
    KeyError("k1"),
])
def tree(e, indent=0):
    pad = "  " * indent
    if isinstance(e, BaseExceptionGroup):
        print(f"{pad}{type(e).__name__}({e.message!r})")
        for sub in e.exceptions:
            tree(sub, indent + 1)
    else:
        print(f"{pad}{type(e).__name__}({e})")
tree(eg)
match, rest = eg.split(ValueError)
print("-- split ValueError: match")
tree(match)
print("-- rest")
tree(rest)
print(eg.split(OSError))
m2, r2 = eg.split(lambda e: isinstance(e, (TypeError, KeyError)))
tree(m2)
print(eg.subgroup(Exception) is eg, eg.subgroup(BaseException) is eg)
class MyGroup(ExceptionGroup):
    def derive(self, excs):
        return MyGroup(self.message + " (derived)", excs)
mg = MyGroup("mine", [ValueError(1), TypeError(2)])
print(type(mg.subgroup(ValueError)).__name__, mg.subgroup(ValueError).message)
print(str(eg), repr(eg.exceptions[0]), type(eg.exceptions).__name__)
try:
    try:
        raise eg
    except* ValueError as caught:
        print("except* ValueError got:")
        tree(caught)
    except* KeyError as caught:
        print("except* KeyError got:")
        tree(caught)
except ExceptionGroup as remaining:
    print("remaining:")
    tree(remaining)
def raiser(excs):
    raise ExceptionGroup("r", excs)
try:
    raiser([OSError("io")])
except* OSError as g:
    print("handler sees group even for a single exception:", type(g).__name__, len(g.exceptions))
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))

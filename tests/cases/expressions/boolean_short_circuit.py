# and/or return operands; short-circuit evaluation
def t(x):
    print(f"  t({x!r})")
    return x
print(t(0) and t(1))
print(t(1) and t(2))
print(t(0) or t(3))
print(t(4) or t(5))
print(t([]) or t("") or t(None))
print(t(1) and t(0) or t("x"))
print(not t(""), not t("s"))
print(1 and 2 and 3, 1 and 0 and 3, 0 or 0.0 or "", None or [] or {})
print([] and 1, "" or "default", 0 or None)
x = None
print(x and x.attr)
name = ""
print(name or "anonymous")
print(type(1 and 2.0).__name__, type(0 or 1j).__name__)
class Loud:
    def __init__(self, v): self.v = v
    def __bool__(self):
        print(f"  bool({self.v})")
        return self.v
r = Loud(False) or Loud(True)
print(type(r).__name__, r.v)
r = Loud(True) and Loud(False)
print(r.v)
print(not Loud(True))
if Loud(True) and Loud(False):
    print("no")
else:
    print("else branch")
while Loud(False):
    pass
print(all([]), any([]), all([1, 0]), any([0, 1]), all(t(v) for v in [1, 0, 2]), any(t(v) for v in [0, 3, 4]))
print((t(1) if t(0) else t(2)))
print(True and not False, not (True or False), not True == False)
print(1 < 2 and 2 < 3 or t("unused"))
print(0 or (1 and 2) or 3)

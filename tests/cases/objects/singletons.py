# NotImplemented, Ellipsis, None behaviour
print(repr(NotImplemented), repr(Ellipsis), repr(...), repr(None), str(None), ... is Ellipsis)
print(type(NotImplemented).__name__, type(...).__name__, type(None).__name__)
print(type(None)() is None, type(...)() is ..., type(NotImplemented)() is NotImplemented)
print(bool(None), bool(...), None == None, None is not None, None == 0, None == False, None != "")
try:
    bool(NotImplemented)
    print("bool(NotImplemented) ok")
except TypeError as e:
    print("TypeError", e)
for op in ["None < None", "None + 1", "n()", "n[0]", "len(None)", "None.attr", "Ellipsis + 1", "iter(None)"]:
    try:
        eval(op, {"n": None})
    except (TypeError, AttributeError) as e:
        print(op, "->", type(e).__name__, e)
print(hash(None) == hash(None), hash(...) == hash(...), {None: 1, ...: 2})
print([None] * 2, (None,), {None}, [...])
def f():
    pass
print(f() is None, print() is None)
class Cmp:
    def __eq__(self, other):
        return NotImplemented
print(Cmp() == Cmp(), Cmp() == 1, Cmp() != Cmp())
x = Cmp()
print(x == x)
class Lt:
    def __lt__(self, other):
        return NotImplemented
try:
    Lt() < Lt()
except TypeError as e:
    print("TypeError", e)
print(None.__class__, None.__bool__(), None.__repr__(), Ellipsis.__reduce__())

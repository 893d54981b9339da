# Tuples of ints, floats, strs, None and bools hash without calling __hash__; tuples with
# other items, subclasses and nested tuples take the general path. Comparisons of exact
# tuples and strs, and of subclasses that override the operators.
class H:
    def __init__(self, h): self.h = h
    def __hash__(self): return self.h
    def __eq__(self, o): return isinstance(o, H) and o.h == self.h

print(hash((1, 2)), hash((-1,)), hash((-2,)), hash(()), hash((1.5, True, "a")), hash((None, 1)) == hash((None, 1)))
print(hash((1, "x")) == hash((1, "x")), hash((1, H(5))) == hash((1, 5)), hash(((1, 2), 3)))
print(hash((float("inf"), -0.0, 2 ** 40)), hash((2 ** 70,)) == hash((2 ** 70 % (2 ** 61 - 1),)))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)

class TH(tuple):
    def __hash__(self): return 42
print(hash(TH((1, 2))), {TH((1, 2)): 1}[(1, 2)] if hash((1, 2)) == 42 else "differs")
d = {(i, str(i)): i for i in range(50)}
print(d[(7, "7")], (49, "49") in d, (50, "50") in d, len(d))

print((1, 2) < (1, 3), (1, 2) == (1, 2.0), (1, "a") != (1, "b"), ("b",) > ("a", "z"), () < (0,))
print("abc" < "abd", "é" > "z", "\ud800" < "\U0001f600", "" <= "", "a" >= "b")
class TS(tuple):
    def __lt__(self, other): return "TS.lt"
    def __eq__(self, other): return "TS.eq"
print(TS((1,)) < (2,), (2,) > TS((1,)), TS((1,)) == (1,), [TS((1,))] == [(1,)])
class SS(str):
    def __lt__(self, other): return "SS.lt"
print(SS("a") < "b", "b" > SS("a"), max(["a", SS("b")]))
nested = ()
for i in range(5):
    nested = (nested, i)
print(nested < (nested, 0), hash(nested) == hash(nested))
print(sorted({(3, "c"), (1, "a"), (2, "b")}), min([(2, 1), (1, 5)]), max(["pear", "apple"]))
try:
    (1, 2) < (1, "x")
except TypeError as e:
    print("TypeError:", e)

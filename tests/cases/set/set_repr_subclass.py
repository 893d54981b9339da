# Set subclasses and reprs
class S(set):
    def __repr__(self):
        return "S" + set.__repr__(self)
s = S([3, 1])
print(s, type(s | {2}).__name__, type(s.copy()).__name__)
print(s == {1, 3}, isinstance(s, set))
class Plain(set):
    pass
print(repr(Plain([1, 2])), repr(Plain()), str(Plain([5])))
r = set()
print(repr(r), str(frozenset({1})), repr({frozenset({2}), frozenset()}))
class WithInit(set):
    def __init__(self, items, tag):
        super().__init__(items)
        self.tag = tag
w = WithInit([1, 2], "t")
print(w, w.tag, len(w))
print(set.__name__, frozenset.__mro__, set.__hash__)
print(repr(set([3, 1, 2])), repr(frozenset([3, 1, 2])), str({-1, 1}))

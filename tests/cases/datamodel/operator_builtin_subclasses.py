# Subclassing builtins: which methods return the base type
class MyInt(int): pass
class MyStr(str): pass
class MyList(list): pass
class MyDict(dict): pass
class MyTuple(tuple): pass
class MyFloat(float): pass
a = MyInt(5)
print(type(a + 1).__name__, type(-a).__name__, type(a * a).__name__, type(abs(a)).__name__, type(+a).__name__)
s = MyStr("ab")
print(type(s + "c").__name__, type(s.upper()).__name__, type(s * 2).__name__, type(s[0]).__name__, type(str(s)).__name__)
l = MyList([1, 2])
print(type(l + [3]).__name__, type(l * 2).__name__, type(l[:]).__name__, type(l.copy()).__name__)
d = MyDict(a=1)
print(type(d | {}).__name__, type(d.copy()).__name__, type(MyDict.fromkeys("ab")).__name__)
t = MyTuple((1, 2))
print(type(t + (3,)).__name__, type(t[:]).__name__, type(t[0:1]).__name__)
f = MyFloat(1.5)
print(type(f + 1).__name__, type(round(f)).__name__, type(f.real).__name__)
print(MyInt(3) == 3, hash(MyInt(3)) == hash(3), {MyInt(3): "x"}[3])
print(isinstance(a, int), type(a) is int, MyInt.__mro__[1].__name__)
l.extra = "attr"
print(l.extra, l)
class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
    def __add__(self, o):
        return Upper(str.__add__(self, o))
print(Upper("abc"), Upper("a") + "b", type(Upper("a") + "b").__name__)
class Len3(list):
    def __len__(self): return 3
print(len(Len3()), bool(Len3()), Len3().__len__())
class StrEq(str):
    def __eq__(self, o): return True
    __hash__ = str.__hash__
print(StrEq("a") == "b", "b" == StrEq("a"), "a" in {StrEq("a"): 1})
class Listy(list):
    def __iter__(self):
        return iter(["overridden"])
print(list(Listy([1, 2])), [x for x in Listy([1])], sorted(Listy([3, 1])), len(Listy([1, 2])))
class DictIter(dict):
    def keys(self):
        return ["k"]
    def __getitem__(self, k):
        return "v"
print(dict(DictIter(a=1)), {**DictIter(a=1)})

# __repr__ / __str__ fallbacks and containers using repr
class OnlyRepr:
    def __repr__(self): return "OnlyRepr()"
class OnlyStr:
    def __str__(self): return "only-str"
class Both:
    def __repr__(self): return "Both-repr"
    def __str__(self): return "Both-str"
print(str(OnlyRepr()), repr(OnlyRepr()), f"{OnlyRepr()}")
print(str(OnlyStr()), repr(OnlyStr()).startswith("<__main__.OnlyStr object at 0x"))
print(str(Both()), repr(Both()), [Both()], (Both(),), {Both(): Both()}, {Both()})
print("%s %r" % (Both(), Both()), "{} {!r}".format(Both(), Both()))
print(repr(OnlyStr).replace("__main__", "M"), str(OnlyStr))
class BadRepr:
    def __repr__(self): return 5
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError", e)
class BadStr:
    def __str__(self): return None
try:
    str(BadStr())
except TypeError as e:
    print("TypeError", e)
try:
    print(BadStr())
except TypeError as e:
    print("TypeError", e)
class StrSub(str):
    pass
class ReturnsSub:
    def __str__(self): return StrSub("sub")
    def __repr__(self): return StrSub("subrepr")
print(str(ReturnsSub()), type(str(ReturnsSub())).__name__, repr(ReturnsSub()))
class IntSub(int):
    def __repr__(self): return f"IntSub({int(self)})"
print(IntSub(3), str(IntSub(3)), repr(IntSub(3)), [IntSub(3)])
class FloatSub(float): pass
print(FloatSub(1.5), repr(FloatSub(2.0)))
class ListSub(list): pass
print(ListSub([1, 2]), repr(ListSub()))
class DictSub(dict):
    def __repr__(self): return "DictSub" + super().__repr__()
print(DictSub(a=1), str(DictSub()))
class Rec:
    def __repr__(self):
        return f"Rec({self.child!r})" if hasattr(self, "child") else "Rec()"
r = Rec(); r.child = Rec()
print(r)
print(str(Exception("e")), repr(Exception("e")), repr(ValueError()), str(ValueError()))
print(repr(print), repr(len), repr(int), repr(type), repr(None), repr(object))
print(repr(int.__add__)[:31], repr(type.__dict__["__call__"])[:24])
class Meta(type):
    def __repr__(cls): return f"<class {cls.__name__} via Meta>"
class WithMeta(metaclass=Meta): pass
print(WithMeta, [WithMeta])

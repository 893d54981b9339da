# __bool__ and __len__ protocols for truth testing
class AlwaysFalse:
    def __bool__(self):
        return False
class LenZero:
    def __len__(self):
        return 0
class LenThree:
    def __len__(self):
        return 3
class Both:
    def __bool__(self):
        return True
    def __len__(self):
        return 0
class Plain:
    pass
for obj in (AlwaysFalse(), LenZero(), LenThree(), Both(), Plain()):
    print(type(obj).__name__, bool(obj), not obj, "yes" if obj else "no")
class BadBool:
    def __bool__(self):
        return 1
class BadLen:
    def __len__(self):
        return -1
class BigLen:
    def __len__(self):
        return 2 ** 70
class StrLen:
    def __len__(self):
        return "3"
for obj in (BadBool(), BadLen(), BigLen(), StrLen()):
    try:
        print(bool(obj))
    except Exception as e:
        print(type(obj).__name__, type(e).__name__, e)
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or [] or "x", "" and 1, not None, not "")
print([] or {}, 0.0 or -0.0, (0 or None) is None)
print(any([0, "", None]), all([1, "a", [0]]), all([]), any([]))
class Count:
    n = 0
    def __bool__(self):
        Count.n += 1
        return True
c = Count()
r = c and c and c
print(Count.n, r is c)
print(bool.__bool__(True), int.__bool__(5))

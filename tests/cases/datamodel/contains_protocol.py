# Membership tests: __contains__, __iter__ fallback, __getitem__ fallback
class C:
    def __contains__(self, x):
        print("  __contains__", x)
        return x == 1
print(1 in C(), 2 in C(), 2 not in C())
class Truthy:
    def __contains__(self, x):
        return "non-empty string"
print(1 in Truthy())
class IterOnly:
    def __iter__(self):
        print("  __iter__")
        return iter([1, 2, 3])
print(2 in IterOnly(), 5 in IterOnly())
class GetItem:
    def __getitem__(self, i):
        if i > 4:
            raise IndexError
        return i
print(3 in GetItem(), 9 in GetItem())
class Nothing: pass
try:
    1 in Nothing()
except TypeError as e:
    print("TypeError", e)
class NoContains:
    __contains__ = None
    def __iter__(self): return iter([1])
try:
    1 in NoContains()
except TypeError as e:
    print("TypeError", e)
print("ab" in "cabd", "" in "", "x" in "", 1 in [1.0], 1 in {1: 2}, 2 in {1: 2})
try:
    1 in "abc"
except TypeError as e:
    print("TypeError", e)
try:
    [] in {1}
except TypeError as e:
    print("TypeError", e)
print(b"b" in b"abc", 98 in b"abc")
try:
    300 in b"abc"
except ValueError as e:
    print("ValueError", e)
print(3 in range(10), 3.0 in range(10), 3.5 in range(10), "3" in range(10))
class Eq:
    def __eq__(self, o):
        print("  Eq.__eq__")
        return True
print(Eq() in [1, 2])
e = Eq()
print(e in [e])
print(1 in iter([0, 1, 2]))

# is / is not / in / not in
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, not a is c)
print(None is None, type(None) is type(None), True is True, ... is Ellipsis)
x = 256
y = int("256")
print(x == y)
s1 = "hello"
s2 = "hel" + "lo"
print(s1 == s2)
print(() == (), [] == [], {} == {})
print(1 in [1, 2], 3 not in [1, 2], "a" in "abc", "ab" in "abc", "ac" in "abc", "" in "abc")
print(1 in {1: "a"}, "a" in {1: "a"}, 1 in {1}, 1.0 in {1}, True in {1})
print((1, 2) in [(1, 2)], [1] in [[1]], 1 in range(3), 2 in (x for x in [1, 2]))
nan = float("nan")
print(nan in [nan], nan == nan, [nan] == [nan], nan in [float("nan")])
class Eq:
    def __eq__(self, o):
        print("  __eq__ called")
        return False
e = Eq()
print(e in [e], e == e)
print(Eq() in [1])
print(None in [None], None in [], None not in [0, False, ""])
print(type(1) is int, type(True) is int, isinstance(True, int), type(True) is bool)
print(int is type(5), str is type(""), list is type([]))
print([] is not [], tuple() is tuple())
def f(): pass
print(f is f, f.__code__ is f.__code__)
print(1 not in [], not 1 in [], (not 1) in [False])
class ContainsRaises:
    def __contains__(self, x):
        raise RuntimeError("contains failed")
try:
    1 in ContainsRaises()
except RuntimeError as e2:
    print("RuntimeError", e2)
print("é" in "café", "😀" in "a😀", b"\x00" in b"a\x00")

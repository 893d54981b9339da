# str.maketrans and str.translate
t1 = str.maketrans("abc", "xyz")
print(sorted(t1.items()))
print("aabbcc-abc".translate(t1))
t2 = str.maketrans("abc", "xyz", "-")
print(sorted(t2.items()), "a-b-c".translate(t2))
t3 = str.maketrans({"a": "AA", "b": None, "c": 100, 100: "D"})
print(sorted(t3.items()), "abcd".translate(t3))
print("hello".translate({ord("l"): "L", ord("o"): None}), "héllo".translate({233: "e"}))
print("abc".translate({}), "abc".translate({97: 98, 98: 99}), "abc".translate([None, None] * 60 if False else {97: "b"}))
class Table:
    def __getitem__(self, k):
        if k == ord("x"):
            raise LookupError
        return chr(k).upper()
print("text x".translate(Table()))
for args in [("ab", "c"), (1,), ({"ab": 1},), ({1.5: "a"},), ("a", "b", 1)]:
    try:
        print(str.maketrans(*args))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
for table in [{97: 1.5}, {97: 0x110000}, {97: -1}]:
    try:
        print("a".translate(table))
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print("abc".translate(str.maketrans("", "", "b")))
print(str.maketrans("", ""), str.maketrans({}))

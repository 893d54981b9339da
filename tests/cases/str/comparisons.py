# String comparisons are by code point
pairs = [("a", "b"), ("abc", "abd"), ("abc", "ab"), ("", "a"), ("Z", "a"), ("é", "z"), ("日", "本"), ("a", "a"),
         ("\U0001F600", "\uffff"), ("10", "9"), ("abc", "ABC")]
for a, b in pairs:
    print(repr(a), repr(b), a < b, a <= b, a == b, a != b, a > b, a >= b)
print(sorted(["banana", "Apple", "cherry", "apple", "Banana", "éclair", "zebra", "10", "9", ""]))
print(max("hello"), min("hello"), max(["aa", "b"]))
print(sorted("hello"))
for other in (1, None, b"a", ["a"]):
    try:
        "a" < other
    except TypeError as e:
        print("TypeError", e)
print("a" == b"a", "1" == 1, "a" != None)
print("abc".__eq__("abc"), "abc".__lt__(1), "abc".__ne__("x"))
print("é" == "e\u0301", len("é"), len("e\u0301"))
s1 = "hello"
s2 = "hel" + "lo"
print(s1 == s2)
print("a" < "aa" < "ab" < "b", "" == str(), "abc" <= "abc", "abc" >= "abd")

# removeprefix / removesuffix
for s in ["prefix-body-suffix", "prefix", "suffix", "", "body"]:
    print(repr(s), repr(s.removeprefix("prefix")), repr(s.removesuffix("suffix")), repr(s.removeprefix("")), repr(s.removesuffix("")))
print("aaa".removeprefix("a"), "aaa".removesuffix("aa"))
print("TestCase".removeprefix("test"))
print("x.py".removesuffix(".py"))
class S(str):
    pass
r = S("abc").removeprefix("z")
print(r, type(r).__name__)
for arg in [None, 1, ("a",)]:
    try:
        "abc".removeprefix(arg)
    except TypeError as e:
        print("TypeError", e)
try:
    "abc".removesuffix()
except TypeError as e:
    print("TypeError", e)
print("aaa".removeprefix("aaaa"), "".removesuffix("x") == "")
print("a.b.c".removesuffix(".c").removesuffix(".b"))

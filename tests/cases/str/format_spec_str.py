# The format-spec mini-language applied to str
s = "text"
for spec in ["", "s", "10", "<10", ">10", "^10", "*<8", "-^9", ".2", "10.2", "^7.3s", "0<6", "08", "=>6", "😀^8", "1"]:
    print(repr(spec), repr(format(s, spec)))
for bad in ["d", "+", " ", "-", "=10", ",", "_", "#", "010" if False else "x", "z", ".2f"]:
    try:
        print(repr(bad), repr(format(s, bad)))
    except ValueError as e:
        print(repr(bad), "ValueError", e)
print(repr(format("", "5")), repr(format("é", "^4")))
print(repr(format("日本", ">5")))
print(repr(str.__format__("abc", ">5")), repr("abc".__format__("")))
try:
    format("x", 5)
except TypeError as e:
    print("TypeError", e)
class S(str):
    pass
print(repr(format(S("sub"), "")), type(format(S("sub"), "")).__name__)
print(repr(f"{'abc':<{6}}"), repr(f"{'abc':.{1}}"))
print(repr("{:>{w}.{p}}".format("abcdef", w=5, p=3)))

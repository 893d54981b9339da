# The ASCII fast paths of the is* predicates, str + str, and the argument checks of str
# methods called through the fast builtin call path.
preds = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace"]
for p in preds:
    print(p, [c for c in range(128) if getattr(chr(c), p)()])
for s in ["abc", "abc1", "a b", " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", "\x1f ", "", "12 ", "x" * 50, "9" * 40]:
    print(repr(s), [getattr(s, p)() for p in preds])
for s in ["é", "aé", "١", "a١", "\u2028", " \u2028"]:
    print(repr(s), [getattr(s, p)() for p in preds])


class S(str):
    pass


a, e = "abc", ""
print(a + e is a, e + a is a, (a + "d") == "abcd", e + e == "")
print(type(S("x") + "y"), type("y" + S("x")), type(S("x") + ""), type("" + S("x")))
s = S("q")
print(s + "" is s, "" + s is s)
t = "x" * 30
t += "y" * 30
print(len(t), t[-3:])
for call in [
    lambda: "a".isdigit(1),
    lambda: str.isdigit(5),
    lambda: "a".isdigit(x=1),
    lambda: "a".upper(1, 2),
    lambda: str.upper(b"x"),
    lambda: "a".startswith(),
    lambda: "a".__add__(),
    lambda: "a".__add__(x=1),
    lambda: [].append(),
    lambda: [].append(1, 2),
    lambda: {}.get(),
    lambda: len(),
    lambda: len(1),
    lambda: isinstance(1),
]:
    try:
        call()
    except TypeError as e:
        print("TypeError", e)
print(str.isdigit("12"), str.isspace(" "), list.append([], 1), dict.get({1: 2}, 1))

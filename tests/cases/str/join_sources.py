# str.join reads lists and tuples in place; everything else goes through iteration.
class S(str):
    pass


words = ["alpha", "beta", "gamma"]
print("-".join(words), "-".join(tuple(words)), "-".join(iter(words)))
print(repr("".join([])), repr("".join(())), repr(",".join([""])))
only = S("sub")
r = "".join([only])
print(type(r).__name__, r)          # one item of a str subclass: a new exact str
e = "x"
print("".join([e]) is e, "".join((e,)) is e)
print(",".join([S("a"), "b", S("c")]))
print("é".join(["日本", "語", ""]), "\ud800".join(["a", "b"]).encode("utf-8", "surrogatepass"))
big = [str(i) for i in range(1000)]
print(len(" ".join(big)), " ".join(big)[-20:])
for bad in (["a", 1, "c"], ("a", None), ["a", b"b"]):
    try:
        "/".join(bad)
    except TypeError as exc:
        print("TypeError:", exc)
try:
    "".join(5)
except TypeError as exc:
    print("TypeError:", exc)


class Gen:
    def __iter__(self):
        yield "p"
        yield "q"


print("+".join(Gen()), "+".join({"k": 1, "l": 2}), "+".join("xyz"))
print(", ".join(["x"] * 3).join(["<", ">"]))

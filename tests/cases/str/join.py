# str.join with various iterables and errors
print(",".join(["a", "b", "c"]), "".join(["x", "y"]), "-".join("abc"), ", ".join(()), "|".join(["only"]))
print(" ".join(str(i) for i in range(5)), "\n".join(["l1", "l2"]), "é".join("日本"))
print("+".join({"k1": 1, "k2": 2}), ".".join(reversed(["a", "b"])), "".join(map(str.upper, "abc")))
class S(str):
    pass
r = "".join([S("a")])
print(r, type(r).__name__, type("".join([S("a"), "b"])).__name__)
for bad in [["a", 1], [b"a"], [None], ["a", "b", 3.5]]:
    try:
        ",".join(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    ",".join(5)
except TypeError as e:
    print("TypeError", e)
try:
    ",".join()
except TypeError as e:
    print("TypeError", e)
print(repr("".join([])), repr(", ".join([""] * 3)), len("ab".join(["x"] * 1000)))
def gen():
    yield "g1"
    yield "g2"
print("/".join(gen()))

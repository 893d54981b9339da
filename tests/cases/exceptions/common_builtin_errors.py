# Messages of common errors raised by the interpreter and builtins
checks = [
    lambda: [].pop(),
    lambda: [1].index(2),
    lambda: "abc".index("z"),
    lambda: (1, 2).index(3),
    lambda: int("4.5"),
    lambda: float("abc"),
    lambda: list(range(3))[10],
    lambda: "x" + 1,
    lambda: None + 1,
    lambda: len(5),
    lambda: abs("s"),
    lambda: sum(["a", "b"]),
    lambda: max([]),
    lambda: min(1),
    lambda: dict(a=1)["b"],
    lambda: [1, 2, 3].remove(4),
    lambda: "a".join([1]),
    lambda: ord("ab"),
    lambda: chr(-1),
    lambda: chr(0x110000),
    lambda: int(None),
    lambda: iter(None),
    lambda: next(iter([])),
    lambda: object().attr,
    lambda: (1).__len__(),
    lambda: sorted([1, "a"]),
    lambda: [].sort(key=1),
    lambda: "%d" % (1, 2),
    lambda: tuple(1),
    lambda: bytes("s"),
    lambda: range(0, 10, 0),
    lambda: divmod("a", 1),
    lambda: round("1.5"),
    lambda: getattr(1, "nope"),
    lambda: "abc".split(""),
    lambda: "{0}".format(),
    lambda: hash([]),
    lambda: frozenset([[]]),
    lambda: zip(1),
    lambda: enumerate(5),
]
for fn in checks:
    try:
        fn()
        print("no error?")
    except Exception as e:
        print(f"{type(e).__name__}: {e}")

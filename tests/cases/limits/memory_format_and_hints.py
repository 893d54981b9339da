# Formatting to an impossible width, and collecting a huge range, raise MemoryError quickly
W = 10 ** 12
cases = [
    ("format spec str", lambda: "{:>1000000000000}".format("x")),
    ("format spec int", lambda: format(1, "1000000000000")),
    ("format spec float", lambda: format(1.5, "1000000000000")),
    ("format spec complex", lambda: format(1j, "1000000000000")),
    ("f-string", lambda: f"{1:{W}}"),
    ("percent width", lambda: "%1000000000000d" % 1),
    ("percent star", lambda: "%*s" % (W, "x")),
    ("bytes percent", lambda: b"%*d" % (W, 1)),
    ("list(range)", lambda: list(range(W))),
    ("tuple(range)", lambda: tuple(range(W))),
    ("unpack range", lambda: [*range(W)]),
    ("sorted(range)", lambda: sorted(range(W))),
]
for label, make in cases:
    try:
        make()
        print(label, "succeeded?")
    except MemoryError as e:
        print(label, "MemoryError", repr(e))
print(format(7, "5"), "%5d|" % 3, b"%*d|" % (4, 2), len(list(range(10 ** 5))))

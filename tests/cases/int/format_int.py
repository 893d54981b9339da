# format() and format specs for ints
n = 1234567
specs = ["", "d", "10d", "<10d", ">10", "^10", "=+10", "*^12", "0>9", "010", "+", "-", " ",
         ",", "_", "12,", "_b", "_x", "_o", "b", "#b", "o", "#o", "x", "#x", "X", "#X",
         "#010x", "c" if False else "n", "e", ".2e", "E", "f", ".3f", "g", "G", "%", ".1%", "+,", "020,"]
for s in specs:
    print(repr(s), repr(format(n, s)), repr(format(-n, s)))
print(format(0, "#x"), format(0, "#b"), format(0, "+"), format(0, " "), format(-0, "05"))
print(format(65, "c"), format(0x1F600, "c"), repr(format(10, "c")))
print(format(10**30, ","), format(-(10**30), "_"), format(10**20, "_x"))
print(format(255, "08b"), format(255, "#010b"), format(-255, "#010b"))
print(format(12, "z") if False else format(True, "d"), format(True, ""), format(False, "5"))
bad = ["s", ".2", ",b", "_c" if False else "=s", "+c", ",c", "z", "#c", "10.3d", "q", ",_", "_,"]
for s in bad:
    try:
        print(repr(s), format(5, s))
    except ValueError as e:
        print(repr(s), "ValueError", e)
try:
    format(-1, "c")
except (ValueError, OverflowError) as e:
    print(type(e).__name__, e)
try:
    format(0x110000, "c")
except (ValueError, OverflowError) as e:
    print(type(e).__name__, e)
print(f"{n:>{12}}|{n:<{8}}|{n:^{11},}")
print("{:,}".format(10**12), "{:x}".format(3735928559), "{0:b} {0:o}".format(10))
print(repr(int), repr(42), repr(-42), str(10**25), ascii(7))

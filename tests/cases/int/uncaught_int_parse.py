# Ends with an uncaught ValueError from int()
for base in (2, 8, 16, 36):
    print(base, int("11", base))
print(int("-0b101", 0), int("0o17", 0))
# int() succeeds on these forms first
print(int(" 12 "), int("-3"))
print(int("+4"), int("1_000"))
print(int("0x1f", 16), int("z", 36))
for s in ["7", "08", "  9\n"]:
    print(repr(s), int(s))
def parse_all(items):
    out = []
    for s in items:
        out.append(int(s))
        print("parsed", s, "->", out[-1])
    return out

print(parse_all(["1", "22", " 333 "]))
parse_all(["4", "5x", "6"])
print("not reached")

# Ends with an uncaught ValueError from int()
def parse_all(items):
    out = []
    for s in items:
        out.append(int(s))
        print("parsed", s, "->", out[-1])
    return out

print(parse_all(["1", "22", " 333 "]))
parse_all(["4", "5x", "6"])
print("not reached")

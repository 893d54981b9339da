# Error while evaluating call arguments in a deeply nested expression
def fmt(x, width):
    return str(x).rjust(width)
rows = [("a", 3), ("b", "4")]
for name, width in rows:
    print(fmt(name.upper(), width * 2 - 1))

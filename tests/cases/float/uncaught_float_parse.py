# Ends with an uncaught ValueError from float()
print(float("1.5e-3"))
for s in ("inf", "-Infinity", "nan", "1e400"):
    print(s, float(s))
try:
    float("")
except ValueError as e:
    print("caught", e)
print(float(" 4 ") + 1)
# Accepted spellings first
for s in ["1", "-1.5", "1e3", " .5 ", "1_0.0_1", "-inf", "NaN"]:
    print(repr(s), float(s))
print(float(b"2.5"), float(True))
print(float(10 ** 20))
readings = ["1.5", "2.25", " 3e2 ", "inf", "4,5"]
total = 0.0
for r in readings:
    value = float(r)
    total += value
    print(r.strip(), "->", value, "total", total)

# Ends with an uncaught ValueError from float()
readings = ["1.5", "2.25", " 3e2 ", "inf", "4,5"]
total = 0.0
for r in readings:
    value = float(r)
    total += value
    print(r.strip(), "->", value, "total", total)

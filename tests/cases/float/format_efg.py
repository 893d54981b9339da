# format() on floats: e, E, f, F, g, G, %, n, '', with precision, '#', 'z'
vals = [0.0, -0.0, 1.0, 1.5, -2.25, 123456.789, 1e-7, 1.5e16, 12345678901234567890.0, 0.000123456,
        float("inf"), float("-inf"), float("nan"), 2.5, 3.5, 0.125]
specs = ["", "e", ".0e", ".3E", "f", ".0f", ".2f", "F", "g", ".3g", ".0g", "G", "#g", "#.0f", "#.0e",
         "%", ".1%", "n", ".10g", "#.3g", "z.1f", "z", "+.2f", " .1e", "r" if False else ".15g", ".17g"]
for s in specs:
    row = []
    for v in vals:
        row.append(format(v, s))
    print(repr(s), row)
print(format(1e100, ".2f")[:20], len(format(1e300, "f")), format(1e-320, "e"))
print(format(0.5, ".0f"), format(1.5, ".0f"), format(2.5, ".0f"))
print(format(-0.5, ".0f"), format(-0.5, "z.0f"))
print(format(-0.001, "z.1f"), format(-0.001, "z.1e"), format(-0.0, "z"))
print(format(-0.0, "zg"))
print(format(1234.5, "n"), format(1e20, "n"), format(0.0001, "n"))
print(repr(format(0.1, ".60f")))
print(format(5e-324, ".1000g")[:40])
# 'g' switches to exponent form at precision boundaries
for v in [123456.0, 1234567.0, 0.0001, 0.00001, 1e15, 1e16]:
    print(v, format(v, "g"), format(v, ".6g"), format(v, ".16g"), format(v, "#.3g"))

# Width, fill, alignment, sign and grouping for floats
v = 1234567.891
specs = ["15", "<15", ">15", "^15", "=15", "*<15", "#^16.2f", "015.2f", "+015.2f", "-015.2f", " 015.2f",
         ",", ",.2f", "_.3f", "_", "20,.4f", "020,.2f", "=+20,.1f", "x>+14.1e", ".3%", "010.1%",
         "^+12.3g", "012g", ",g", ",e", "_%"]
for s in specs:
    print(repr(s), repr(format(v, s)), repr(format(-v, s)))
print(repr(format(float("nan"), "010")), repr(format(float("-inf"), "010.2f")), repr(format(float("inf"), "=+8")))
print(f"{3.14159:.2f}|{2.5:>8}|{-1.0:<8}|{1e-10:g}|{1e10:,.0f}|{0.5:.0%}")
w, p = 10, 3
print(f"{3.14159:{w}.{p}f}|{3.14159:*^{w}.{p}}|")
for bad in ["d", "x", "c", ",_", ".2s", "=s", "b", "#,.2q"]:
    try:
        format(1.5, bad)
    except ValueError as e:
        print(repr(bad), "ValueError", e)
print("{:.3}".format(3.14159), "{:.3}".format(1234.5), "{:10.1}".format(0.05))
print("{0:e} {0:f} {0:g}".format(1e-5))
print(str(1e-5), str(1e-4), str(1e16))
print(str(1e15), format(1e16, ""), format(1e16, ".1"))

# format() on complex
vals = [1 + 2j, -1.5 - 2.25j, 1j, 0j, complex(-0.0, 0), 1e20 + 1e-20j, complex(float("nan"), float("inf"))]
for spec in ["", "g", ".2f", "10.1f", "<20", "^20.2e", "+", "e", "E", ".3g", "G", "F", "*>25", "z.1f" if False else "-.1f"]:
    print(repr(spec), [format(v, spec) for v in vals])
for bad in ["=10", "010", "d", "%", "c"]:
    try:
        format(1 + 2j, bad)
    except ValueError as e:
        print(repr(bad), "ValueError", e)
print(f"{3 - 4j}", f"{3 - 4j!r}", f"{3 - 4j:.1f}")
print(str(3 - 4j), "%s" % (1j,))
try:
    "%f" % (1j,)
except TypeError as e:
    print("TypeError", e)
print("{:,.2f}".format(12345.678 + 9876.54j))
# str.format and f-strings route to complex.__format__
z = 1.23456 - 7.891j
print("{:.2f}".format(z), f"{z:.3e}", f"{z:^30.1f}|", "{0.real} {0.imag}".format(z))
print(format(complex(0, -0.0), ""), format(complex(-1, 0), ".1f"), format(1e16 + 1j, "g"))

# float methods: is_integer, as_integer_ratio, hex, fromhex, conjugate, real/imag
for v in [0.0, -0.0, 1.0, 1.5, -2.5, 1e300, 0.1, 5e-324, 2.0 ** 70, 1e16]:
    print(v, v.is_integer(), v.as_integer_ratio(), v.hex(), v.conjugate(), v.real, v.imag)
for v in (float("inf"), float("-inf"), float("nan")):
    print(v, v.is_integer(), v.hex())
    try:
        v.as_integer_ratio()
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
for s in ["0x1p0", "0x1.8p1", "-0x1.fffffffffffffp+1023", "0x1p-1074", "0X1P-1075", "0x.8", "0x1.", "1",
          "  0xAp2  ", "inf", "-Infinity", "nan", "0x1p1024" if False else "0x0p0", "0x1.000000000000008p0",
          "0x1.0000000000000081p0", "0x3.3333333333334p-4"]:
    print(repr(s), float.fromhex(s))
for s in ["", "0x", "0xg", "0x1p", "1p5x", "0x1p1024", "0x1.0p+99999"]:
    try:
        print(float.fromhex(s))
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
class F(float):
    pass
print(type(F.fromhex("0x1p3")).__name__, F.fromhex("0x1p3"))
print(float.fromhex((3.14).hex()) == 3.14, (0.1).hex())
print((1.0).__trunc__(), (-1.5).__floor__(), (-1.5).__ceil__(), (2.5).__int__(), (3.7).__trunc__())
print(float.__getformat__("double"))

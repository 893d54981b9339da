# Edge cases of numeric literal tokenisation
print(1_0, "0_1 invalid", 0x_1, 0b_1, 0o_1)
print(1e0, 1E+0, 1e-0, 0.0e0, 1_0e1_0)
print(.1e1, 1.e1, 1_000.5_5e-1_0)
print(0j, 0.j, .0j, 0e0j, 1_0j)
print(1 .bit_length(), 1.0.hex(), 0x10.bit_length() if True else None)
print(0xFFFFFFFFFFFFFFFFFFFFFFFF, 0o7777777777777777777777, 0b1 << 100)
print(-1 ** 2, (-1) ** 2, -0b1, -0x0, +0o0)
print([0xa, 0xA, 0Xa, 0XA], [0o10, 0O10], [0b10, 0B10])
print(type(1_000).__name__, type(1_000.0).__name__, type(1_000j).__name__)
for src in ["0x", "0b", "0o", "1e", "1e+", "0x_", "1_e1", "1.e_1", "0b1_", "0o9", "1.2.3", "0_x1"]:
    try:
        v = eval(src)
        print(repr(src), "->", v)
    except SyntaxError as e:
        print(repr(src), "-> SyntaxError", e.msg)
print(999999999999999999999999999999999999 + 1)
print(1.7976931348623157e+308 == float("1.7976931348623157e+308"), 4.9e-324 > 0, 2.4e-324 == 0)

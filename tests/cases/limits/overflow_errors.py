# OverflowError sources: float ops, range len, conversions; float overflow to inf where defined
print(1e308 * 10, -1e308 * 10, 1e308 + 1e308)
for expr in ["2.0 ** 10000", "10.0 ** 309", "float(10 ** 400)", "len(range(10 ** 30))", "int(float('inf'))",
             "(10 ** 400) / 3", "1.5 ** 5000", "round(1e308, -400) if False else float('1e400')",
             "[1][2 ** 70]" , "'abc'[2 ** 70]", "range(10 ** 30)[-1]", "(2 ** 70).to_bytes(2, 'big')",
             "chr(2 ** 70)", "'x'.center(2 ** 70)", "bytes(2 ** 70)"]:
    try:
        print(expr, "->", eval(expr))
    except (OverflowError, IndexError, MemoryError, ValueError) as e:
        print(expr, "->", type(e).__name__, e)
print(2 ** 10000 > 0, len(str(2 ** 10000)), (2 ** 10000).bit_length())
print(float("1e308") * 1.0, 2.0 ** 1023, 2.0 ** -1074)
print(2.0 ** -1075)
# Big ints never overflow; only conversions to fixed-size types do
n = 10 ** 500
print(len(str(n)), n // 10 ** 499, (n + 1) % 10, -n < 0)
for bad in ["float(n)", "n * 1.0", "[0][n]", "range(n)[n]"]:
    try:
        eval(bad)
    except (OverflowError, IndexError) as e:
        print(bad, type(e).__name__, e)
print(float(10 ** 308) < float("inf"), 1e308 * 10 == float("inf"))

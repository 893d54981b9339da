# bin(), oct(), hex() with __index__ and errors
for n in [0, 1, -1, 10, -10, 255, 2 ** 64, -(2 ** 64) - 1, True]:
    print(n, bin(n), oct(n), hex(n))
class I:
    def __index__(self):
        return 42
print(bin(I()), oct(I()), hex(I()))
for bad in [1.5, "10", None, [1]]:
    for f in (bin, oct, hex):
        try:
            f(bad)
        except TypeError as e:
            print(f.__name__, "TypeError", e)
class IntOnly:
    def __int__(self):
        return 7
try:
    hex(IntOnly())
except TypeError as e:
    print("TypeError", e)
print(int(bin(12345), 2), int(oct(12345), 8), int(hex(12345), 16), hex(0xDEADBEEF).upper())

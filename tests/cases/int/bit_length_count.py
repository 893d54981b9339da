# int.bit_length and int.bit_count
for n in [0, 1, 2, 3, 7, 8, 255, 256, -1, -2, -255, -256, 2**63 - 1, 2**63, 2**64, -(2**64), 10**50]:
    print(n, n.bit_length(), n.bit_count())
print((0).bit_length(), True.bit_length(), False.bit_count())
print(int.bit_length(1024), int.bit_count(0b10110111))
try:
    int.bit_length(1.0)
except TypeError as e:
    print("TypeError", e)
try:
    (5).bit_length(1)
except TypeError as e:
    print("TypeError", e)
for k in range(0, 130, 13):
    n = (1 << k) - 1
    print(k, n.bit_length(), n.bit_count(), (-n).bit_length())
# bit_length matches len(bin()) minus prefix for non-negative values
for n in [1, 5, 1000, 2 ** 100 - 1, 2 ** 100]:
    print(n.bit_length() == len(bin(n)) - 2, n.bit_count() == bin(n).count("1"))
for n in [-1, -5, -1000, -(2 ** 100)]:
    print(n.bit_length() == len(bin(n)) - 3, n.bit_count() == bin(n).count("1"))
class I(int):
    pass
print(I(255).bit_length(), I(255).bit_count(), type(I(3).bit_length()).__name__)

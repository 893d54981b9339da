# Ends with an uncaught OverflowError from float power
try:
    2.0 ** 2000
except OverflowError as e:
    print("caught", e)
print(2.0 ** -2000)
print(1e200 * 1e200)
# Float overflow in multiplication gives inf; in ** it raises
big = 1e308
print(big * 10, big + big)
print(-big * 10, big * 10 - big * 10)
print(2.0 ** 1023, 2.0 ** -1074)
print(10.0 ** 308)
for e in (100, 200, 300):
    print(e, 10.0 ** e)
print(1.5 ** 100, 1.5 ** 1000)
x = 1.5
for i in range(8):
    x = x ** 4
    print(i, x)

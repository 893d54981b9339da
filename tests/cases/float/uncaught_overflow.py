# Ends with an uncaught OverflowError from float power
x = 1.5
for i in range(8):
    x = x ** 4
    print(i, x)

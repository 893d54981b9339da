# expect: instructions
x = (1 << 33_219_281) - 1   # about 10**7 digits
while True:
    y = x * x

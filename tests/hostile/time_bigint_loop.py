# expect: time
x = 3
while True:
    x = x * x % (10**50 + 151)

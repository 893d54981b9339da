# expect: time
s = set(range(10**5))
while True:
    s & s

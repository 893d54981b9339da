# expect: time
l = list(range(5 * 10**5))
while True:
    l[:]

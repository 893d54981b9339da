# expect: time
l = list(map(str, range(5 * 10**4)))
l.sort(key=hash)
while True:
    sorted(l)

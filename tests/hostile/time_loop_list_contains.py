# expect: time
l = [0] * 5 * 10**5
while True:
    -1 in l

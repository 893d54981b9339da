# expect: time
a = tuple(range(5 * 10**5))
b = tuple(range(5 * 10**5))
while True:
    a == b

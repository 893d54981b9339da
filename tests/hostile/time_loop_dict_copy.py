# expect: time
d = dict.fromkeys(range(10**5))
while True:
    d.copy()

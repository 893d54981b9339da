# expect: memory
t = (0,) * 1000
while True:
    t = t + t

# expect: memory
l = []
while True:
    l.append([0] * 1000)

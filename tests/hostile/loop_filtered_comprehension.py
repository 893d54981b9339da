# expect: instructions
[x for x in range(10**12) if x < 0]

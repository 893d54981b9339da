# expect: memory
l = list(map(str, range(10**9)))

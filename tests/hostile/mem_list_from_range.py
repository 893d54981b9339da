# expect: memory
l = list(range(10**9))

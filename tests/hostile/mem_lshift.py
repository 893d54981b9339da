# expect: memory
x = 1 << (10**9)

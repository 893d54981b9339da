# expect: memory
x = 10**10**8

# expect: memory
x = pow(3, 10**9)

# expect: memory
x = 'x' * 10**10

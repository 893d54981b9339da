# expect: memory
s = 'x'.center(10**10)

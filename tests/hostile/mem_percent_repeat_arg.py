# expect: memory
t = ('x' * 10**5,) * 10**5
s = ('%s' * 10**5) % t

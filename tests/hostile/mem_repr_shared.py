# expect: memory
l = ['x' * 10**5] * 10**5
s = repr(l)

# expect: memory
t = (b'x' * 10**5,) * 10**5
s = (b'%s' * 10**5) % t

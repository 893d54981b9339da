# expect: memory
s = b' '.join([b'x' * 1000] * 10**6)

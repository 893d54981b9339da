# expect: memory
s = ' '.join(['x' * 1000] * 10**6)

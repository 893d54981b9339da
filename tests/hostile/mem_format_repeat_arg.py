# expect: memory
s = ('{0}' * 10**5).format('x' * 10**5)

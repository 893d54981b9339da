# expect: time
s = {i * (2**61 - 1) for i in range(10**6)}

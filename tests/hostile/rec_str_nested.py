# expect: recursion
l = []
for _ in range(5000):
    l = [l]
repr(l)

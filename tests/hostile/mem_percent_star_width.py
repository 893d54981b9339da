# expect: memory
s = '%*d' % (10**9, 1)

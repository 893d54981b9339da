# expect: memory
s = b'%.*f' % (10**9, 1.5)

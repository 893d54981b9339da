# expect: memory
s = '{:>{}}'.format(1.5, 10**9)

# expect: memory
s = format(1, '1000000000')

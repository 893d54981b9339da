# expect: memory
s = ('a' * 10**5).replace('', 'b' * 10**4)

# expect: memory
s = 'a\n' * (3 * 10**6)
x = s.splitlines()

# expect: memory
s = 'a ' * (3 * 10**6)
x = s.split()

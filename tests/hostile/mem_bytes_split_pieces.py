# expect: memory
b = b'a,' * (3 * 10**6)
x = b.split(b',')

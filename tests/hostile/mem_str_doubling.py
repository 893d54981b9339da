# expect: memory
s = 'x'
while True:
    s = s + s

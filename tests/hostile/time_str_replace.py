# expect: time
s = 'a' * 1000
while True:
    s.replace('a', 'b')

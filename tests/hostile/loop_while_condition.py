# expect: instructions
x = 0
while x < 10**18:
    x += 1

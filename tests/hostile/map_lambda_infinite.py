# expect: instructions
for x in map(lambda v: v + 1, iter(int, 1)):
    pass

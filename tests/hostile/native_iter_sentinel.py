# expect: instructions
for x in iter(int, 1):
    pass

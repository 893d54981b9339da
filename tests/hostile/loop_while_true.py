# expect: instructions
while True:
    pass

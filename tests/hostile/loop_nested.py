# expect: instructions
while True:
    for i in range(100):
        for j in range(100):
            x = i * j

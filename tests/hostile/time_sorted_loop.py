# expect: time
while True:
    sorted(range(1000), reverse=True)

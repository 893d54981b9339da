# expect: instructions
while True:
    try:
        while True: pass
    except KeyboardInterrupt:
        pass

# expect: instructions
try:
    while True:
        pass
finally:
    while True:
        pass

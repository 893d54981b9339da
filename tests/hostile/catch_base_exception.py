# expect: instructions
try:
    while True:
        pass
except BaseException:
    while True:
        pass

# expect: instructions
class C:
    while True:
        pass

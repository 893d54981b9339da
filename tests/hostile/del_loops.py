# expect: instructions
class D:
    def __del__(self):
        while True:
            pass
d = D()
del d
while True:
    pass

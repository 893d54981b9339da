# expect: instructions
class D:
    def __del__(self):
        D()
        while True: pass
while True:
    D()

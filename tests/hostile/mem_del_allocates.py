# expect: memory
class D:
    def __del__(self):
        l = []
        while True:
            l.append(str(len(l)) * 100)
d = D()
del d

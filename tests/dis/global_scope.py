def f():
    global g
    g = 1
    return [g for _ in range(2)]
class K:
    a = 1
    b = [a for _ in range(3)]
    def m(self):
        return a
def walrus(xs):
    if any((y := x) > 1 for x in xs):
        return y

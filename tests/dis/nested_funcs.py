def a():
    def b():
        def c():
            return x
        x = 1
        return c
    return b
class O:
    def m(self):
        def inner():
            return __class__
        return inner

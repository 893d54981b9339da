class A:
    "doc"
    x = 1
    def m(self):
        return self.x
class B(A, metaclass=M):
    y: int = 2
    def m(self):
        return super().m() + __class__.y
    @staticmethod
    def s():
        pass
    def __private(self):
        return self.__secret
def f():
    class C:
        z = w
    return C

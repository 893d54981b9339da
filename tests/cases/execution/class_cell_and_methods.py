# The implicit __class__ cell and method scoping
class A:
    def who(self):
        return __class__.__name__
    def uses_super(self):
        return super().__repr__.__name__
class B(A):
    pass
print(B().who(), A.who.__code__.co_freevars, A.uses_super.__code__.co_freevars)
class Builder:
    def make(self):
        def helper():
            return __class__
        return helper()
print(Builder().make().__name__)
def outside_cls():
    class Inner:
        def get(self):
            return __class__
    return Inner
Inner = outside_cls()
print(Inner().get() is Inner)
class C:
    def method(self):
        return "method"
    def call_other(self):
        return method(self) if False else self.method()
print(C().call_other())
class D:
    def m(self):
        try:
            return method_name_not_visible
        except NameError as e:
            return str(e)
    method_name_not_visible = 1
print(D().m())
class E:
    x = 1
    def get(self):
        try:
            return x
        except NameError as e:
            return "NameError: " + str(e)
print(E().get())
class Meta(type):
    def __new__(mcls, name, bases, ns):
        print("  __classcell__ in ns:", "__classcell__" in ns)
        return super().__new__(mcls, name, bases, ns)
class WithCell(metaclass=Meta):
    def f(self):
        return __class__
class WithoutCell(metaclass=Meta):
    def f(self):
        return 1
print(WithCell().f() is WithCell)
class Recursive:
    def fact(self, n):
        return 1 if n == 0 else n * self.fact(n - 1)
print(Recursive().fact(5))
class Static:
    @staticmethod
    def s():
        return __class__.__name__
print(Static.s())

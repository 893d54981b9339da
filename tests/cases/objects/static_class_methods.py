# staticmethod and classmethod behaviour
class Base:
    count = 0
    @staticmethod
    def add(a, b):
        return a + b
    @classmethod
    def create(cls, *args):
        cls.count += 1
        return cls.__name__, args
    @classmethod
    def name(cls):
        return cls.__name__
class Child(Base):
    pass
print(Base.add(1, 2), Base().add(3, 4), Child.add(5, 6))
print(Base.create(1), Child.create(), Child().create(2, 3), Base.count, Child.count)
print(Base.name(), Child.name(), Child().name())
sm = Base.__dict__["add"]
cm = Base.__dict__["create"]
print(type(sm).__name__, type(cm).__name__, sm.__func__.__name__, cm.__func__.__name__, callable(sm))
print(sm(10, 20), type(Base.create).__name__, Base.create.__self__ is Base, Child.create.__self__ is Child)
print(Base.add.__name__, Base.add.__qualname__, Base.create.__qualname__, Base.create.__func__ is cm.__func__)
def plain(x):
    return x
s2 = staticmethod(plain)
c2 = classmethod(plain)
print(s2.__wrapped__ is plain, c2.__wrapped__ is plain, s2.__name__, c2.__doc__)
class Holder:
    s = s2
    c = c2
print(Holder.s(1), Holder.c(), Holder().c())
try:
    Base.name(1)
except TypeError as e:
    print("TypeError", e)
try:
    Base.add(1)
except TypeError as e:
    print("TypeError", e)

# property: getter/setter/deleter, docstrings, errors
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        """Temperature in Celsius."""
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def readonly(self):
        return "ro"
    def get_f(self):
        return self._c * 9 / 5 + 32
    fahrenheit = property(get_f, doc="Fahrenheit view")
t = Temp()
t.celsius = 25
print(t.celsius, t.fahrenheit)
del t.celsius
print(t.celsius)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
try:
    t.readonly = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    del t.readonly
except AttributeError as e:
    print("AttributeError", e)
try:
    t.fahrenheit = 1
except AttributeError as e:
    print("AttributeError", e)
print(Temp.celsius.__doc__, Temp.fahrenheit.__doc__, Temp.readonly.__doc__)
p = Temp.celsius
print(type(p).__name__, p.fget.__name__, p.fset.__name__, p.fdel.__name__, Temp.readonly.fset)
print(isinstance(p, property), p.__get__(t), p.__get__(None, Temp) is p)
empty = property()
class E:
    x = empty
try:
    E().x
except AttributeError as e:
    print("AttributeError", e)
class Sub(Temp):
    @Temp.celsius.getter
    def celsius(self):
        return "overridden"
s = Sub()
s.celsius = 5
print(s.celsius, s._c)

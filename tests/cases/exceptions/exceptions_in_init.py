# Exceptions raised inside __init__ and __new__, and partially built objects
class Strict:
    instances = 0
    def __init__(self, value):
        if value < 0:
            raise ValueError(f"negative value {value}")
        self.value = value
        Strict.instances += 1
    def __del__(self):
        print(f"  __del__ of Strict (has value: {hasattr(self, 'value')})")
s = Strict(1)
try:
    bad = Strict(-1)
except ValueError as e:
    print("ValueError", e)
print("instances", Strict.instances, "bad" in globals())
class Parent:
    def __init__(self):
        self.parent_ready = True
class Child(Parent):
    def __init__(self, fail):
        super().__init__()
        if fail:
            raise RuntimeError("child init failed after parent init")
try:
    Child(True)
except RuntimeError as e:
    print("RuntimeError", e)
class NewFails:
    def __new__(cls):
        raise TypeError("refuse to allocate")
    def __init__(self):
        print("never")
try:
    NewFails()
except TypeError as e:
    print("TypeError", e)
class AttrInit:
    def __init__(self):
        self.x = self.compute()
    def compute(self):
        return self.missing_attribute
try:
    AttrInit()
except AttributeError as e:
    print("AttributeError", e)
class ArgsInit:
    def __init__(self, a, b):
        pass
try:
    ArgsInit(1)
except TypeError as e:
    print("TypeError", e)
class ExcInit(Exception):
    def __init__(self, detail):
        raise KeyError("exception constructor failed")
try:
    raise ExcInit("x")
except KeyError as e:
    print("KeyError", e)
print("end of program")

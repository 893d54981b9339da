# object(): attributes, comparison, default methods
o = object()
print(type(o).__name__, o == o, o != o, o == object(), hasattr(o, "__dict__"), isinstance(o, object))
try:
    o.x = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    o < object()
except TypeError as e:
    print("TypeError", e)
print(str(o) == repr(o), repr(o).startswith("<object object at "), format(o, "") == str(o))
print(object.__name__, object.__bases__, object.__mro__, type(object), object.__doc__)
print(sorted(n for n in dir(object))[:8])
print(o.__eq__(o), o.__eq__(1), o.__ne__(1), o.__lt__(o), o.__hash__() == hash(o))
print(object.__init__ is not None, object.__new__(object).__class__.__name__)
try:
    object(1)
except TypeError as e:
    print("TypeError", e)
try:
    object.__new__(int)
except TypeError as e:
    print("TypeError", e)
class Empty:
    pass
e = Empty()
print(e.__class__.__name__, e.__dict__, Empty.__bases__, Empty.__base__, e.__module__)
e.attr = 5
print(e.__dict__, vars(e))
print(object.__subclasshook__() if False else issubclass(Empty, object))
print(o.__reduce_ex__(2)[0].__name__ if False else type(o.__sizeof__()).__name__)

# Warning classes are ordinary exceptions when raised explicitly
for cls in [Warning, UserWarning, DeprecationWarning, PendingDeprecationWarning, SyntaxWarning,
            RuntimeWarning, FutureWarning, ImportWarning, UnicodeWarning, BytesWarning, ResourceWarning, EncodingWarning]:
    try:
        raise cls(f"{cls.__name__} raised")
    except Warning as w:
        print(type(w).__name__, "|", w, "|", cls.__mro__[1].__name__)
try:
    raise UserWarning("as exception")
except Exception as e:
    print("caught as Exception:", repr(e))
print(issubclass(DeprecationWarning, Warning), issubclass(Warning, Exception), issubclass(BytesWarning, Warning))
class MyWarning(UserWarning):
    pass
try:
    raise MyWarning("custom warning")
except UserWarning as w:
    print(type(w).__name__, w.args)
print(NotImplementedError.__mro__[1].__name__, NotImplemented is not NotImplementedError)
class Abstractish:
    def area(self):
        raise NotImplementedError(f"{type(self).__name__} must implement area()")
class Square(Abstractish):
    def __init__(self, s):
        self.s = s
    def area(self):
        return self.s ** 2
for shape in [Square(3), Abstractish()]:
    try:
        print(shape.area())
    except NotImplementedError as e:
        print("NotImplementedError", e)
try:
    raise NotImplementedError
except RuntimeError as e:
    print("NotImplementedError is a RuntimeError:", repr(e))

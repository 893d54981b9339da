# ascii() and repr() for builtins and custom objects
for v in ["abc", "é", "日本", "\n", "\U0001F600", b"bytes", ["é", 1], {"ключ": "值"}, ("\t",), 1.5, None, True, 10 ** 20]:
    print(repr(v), ascii(v))
class R:
    def __repr__(self):
        return "R<é>"
print(repr(R()), ascii(R()), str(R()), [R()], ascii([R()]))
class BadRepr:
    def __repr__(self):
        return 42
try:
    repr(BadRepr())
except TypeError as e:
    print("TypeError", e)
class Raises:
    def __repr__(self):
        raise ValueError("repr failed")
try:
    print([Raises()])
except ValueError as e:
    print("ValueError", e)
print(repr(repr), repr(len), repr(int), repr(type), repr(object), repr(None), repr(NotImplemented), repr(Ellipsis))
print(repr(print), repr(str.upper)[:30], repr("".join)[:33])

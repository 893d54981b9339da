# callable() on various objects
class WithCall:
    def __call__(self):
        return "called"
class NoCall:
    pass
def f():
    pass
items = [f, lambda: 0, print, len, int, type, object, WithCall, WithCall(), NoCall, NoCall(), 1, "s", None,
         [].append, str.upper, classmethod(f), staticmethod(f), (x for x in []), range, range(3)]
for it in items:
    print(type(it).__name__, callable(it))
w = WithCall()
print(w())
n = NoCall()
n.__call__ = lambda: "instance attr"
print(callable(n))
try:
    n()
except TypeError as e:
    print("TypeError", e)
try:
    callable()
except TypeError as e:
    print("TypeError", e)
try:
    five = 5
    five()
except TypeError as e:
    print("TypeError", e)

# A weak proxy forwards __index__ to its referent (CPython's proxy_index).
import operator
import weakref


class C:
    def __index__(self):
        return 10


class Plain:
    pass


o = C()
p = weakref.proxy(o)
print(operator.index(p))
print(list(range(p))[-1])
print("abcdefghijkl"[p])
print([1, 2, 3][:p])

q = weakref.proxy(Plain())
try:
    operator.index(q)
except ReferenceError as e:
    print("ReferenceError:", e)

keep = Plain()
r = weakref.proxy(keep)
try:
    operator.index(r)
except TypeError as e:
    print("TypeError:", e)

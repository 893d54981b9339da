# set/frozenset __reduce__ (type, (list,), state) and pickling round trips, subclasses with
# instance attributes included.
import pickle


class S(set):
    pass


class F(frozenset):
    pass


s = S([3])
s.tag = "x"
print(s.__reduce__())
print(set([2]).__reduce__(), frozenset([1]).__reduce__(), set().__reduce__())
for v in (set(), {1, 2, 3}, frozenset("ab"), s, F([1, 2])):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(v, proto))
        assert r == v and type(r) is type(v), (v, proto)
        assert getattr(r, "__dict__", {}) == getattr(v, "__dict__", {}), (v, proto)
print("round trips ok")

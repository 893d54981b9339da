# How subscription passes slices and tuples to __getitem__
class Show:
    def __getitem__(self, key):
        return key
    def __setitem__(self, key, value):
        print("set", key, value)
    def __delitem__(self, key):
        print("del", key)
s = Show()
print(s[1], s[1:2], s[:], s[::], s[1:2:3], s[::-1], s[:, 1], s[1:2, ::3], s[...], s[..., 1], s["a":"b"], s[None:None])
print(s[1,], s[()], s[(1, 2)], s[[1]] if False else s[{1: 2}["k"] if False else 0])
s[1:3] = "v"
s[::2, 0] = "w"
del s[:5]
del s[1, 2]
class Seq:
    def __init__(self, data):
        self.data = data
    def __len__(self):
        return len(self.data)
    def __getitem__(self, key):
        if isinstance(key, slice):
            return Seq(self.data[key])
        return self.data[key]
    def __repr__(self):
        return f"Seq({self.data!r})"
q = Seq([10, 20, 30, 40, 50])
print(q[1:4], q[::-2], q[-1], list(q), 30 in q, list(reversed(q)))
try:
    q[10]
except IndexError as e:
    print("IndexError", e)
print(type(slice(1)).__name__, slice.__mro__, isinstance(s[1:2], slice))

# Augmented assignment on names, attributes, subscripts
log = []
class Tracked:
    def __init__(self): self._v = 1
    @property
    def v(self):
        log.append("get v")
        return self._v
    @v.setter
    def v(self, val):
        log.append(f"set v={val}")
        self._v = val
t = Tracked()
t.v += 10
print(t.v, log)
class Sub(list):
    def __getitem__(self, i):
        log.append(f"getitem {i}")
        return super().__getitem__(i)
    def __setitem__(self, i, val):
        log.append(f"setitem {i}={val}")
        super().__setitem__(i, val)
log.clear()
s = Sub([1, 2])
s[1] *= 5
print(s, log)
calls = 0
def idx():
    global calls
    calls += 1
    return 0
arr = [10]
arr[idx()] += 1
print(arr, "index evaluated", calls, "time")
n = 10
n -= 3; n *= 2; n //= 3; n **= 2; n %= 7; n <<= 3; n >>= 1; n |= 1; n &= 0b1111; n ^= 0b101
print(n)
f = 7.0
f /= 2
print(f)
s2 = "a"
s2 += "b"
s2 *= 2
print(s2)
tu = (1,)
tu += (2,)
print(tu)
fs = frozenset({1})
orig = fs
fs |= {2}
print(fs, orig, fs is orig)
st = {1}
orig_st = st
st |= {2}
print(st is orig_st)
d = {"a": 1}
d |= {"b": 2}
print(d)
d["a"] += 100
print(d)
try:
    d["missing"] += 1
except KeyError as e:
    print("KeyError", e)
try:
    undefined_aug += 1
except NameError as e:
    print("NameError", e)
for bad in ["a, b += 1", "[a] += 1", "f() += 1", "a += yield", "*a += 1"]:
    try:
        compile(bad, "<a>", "exec")
        print(bad, "compiles")
    except SyntaxError as e:
        print(bad, "-> SyntaxError", e.msg)
x = [1, 2]
y = x
x += [3]
x = x + [4]
print(x, y)

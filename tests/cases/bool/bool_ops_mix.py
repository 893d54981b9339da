# bools as ints in containers and indexing
data = ["zero", "one"]
print(data[True], data[False], data[-True])
print("abc"[True:], (1, 2, 3)[False::2])
counts = {}
for flag in [True, False, True, 1, 0, 1.0]:
    counts[flag] = counts.get(flag, 0) + 1
print(counts)
print({True, 1, 1.0, False, 0, 0j})
print([True] * 3, (False,) * 2, "ab" * True, "ab" * False)
print(True < 2, False < True, sorted([2, True, 0.5, False]))
print(round(True), round(False, 2), pow(True, -1), True / True)
print(int.__add__(True, True), bool.__add__(True, True), bool.__and__(True, 1), bool.__and__(True, True))
print(list(map(bool, [0, 1, "", "0", [], [[]], {}, set(), (0,)])))
print(list(filter(None, [0, 1, False, True, "", "s"])))
print(True.__class__, False.__class__.__name__, repr(not 0))
print(bool.from_bytes(b"\x05", "big"), True.to_bytes(1, "big"), True.as_integer_ratio())
try:
    bool(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    bool(x=1)
except TypeError as e:
    print("TypeError", e)

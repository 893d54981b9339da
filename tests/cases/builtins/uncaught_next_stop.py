# Ends with an uncaught StopIteration from next() at top level
# next() with a default never raises StopIteration
it0 = iter([1])
print(next(it0), next(it0, "exhausted"))
print(next(it0, None))
gen0 = (x * x for x in range(2))
print(next(gen0), next(gen0))
print(next(gen0, "end"))
try:
    next(iter([]))
except StopIteration as e:
    print("caught StopIteration", repr(e))
print(next(iter("abc")), next(reversed([1, 2])))
print(next(enumerate("z")))
for item in iter(["a", "b"]):
    print("loop", item)
print(list(iter([])), next(iter({"k": 1})))
it = iter(["first", "second"])
print(next(it))
print(next(it))
print(next(it))

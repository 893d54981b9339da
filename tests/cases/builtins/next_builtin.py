# next() with and without default
it = iter([1, 2])
print(next(it), next(it), next(it, "default"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e), e.args)
try:
    next([1, 2])
except TypeError as e:
    print("TypeError", e)
def gen():
    yield 1
    return "result"
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value", e.value)
class Counter:
    def __init__(self):
        self.n = 0
    def __next__(self):
        self.n += 1
        if self.n > 2:
            raise StopIteration("done")
        return self.n
c = Counter()
print(next(c), next(c), next(c, "fallback"))
try:
    next(c)
except StopIteration as e:
    print("StopIteration", e)
try:
    next()
except TypeError as e:
    print("TypeError", e)

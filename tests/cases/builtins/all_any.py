# all() and any() including short-circuiting and errors
print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, 0]), any([0, 3]), all("abc"), any(""))
print(all(x > 0 for x in [1, 2, 3]), any(x > 2 for x in [1, 2, 3]), all([[]]), any([[]]), any([None, 0.0, 0j, ""]))
def gen():
    for v in [1, 0, 1]:
        print("  yield", v)
        yield v
print(all(gen()))
print(any(gen()))
it = iter([0, 0, 5, 0])
print(any(it), list(it))
for bad in [5, None]:
    try:
        all(bad)
    except TypeError as e:
        print("TypeError", e)
class Bad:
    def __bool__(self):
        raise ValueError("no truth")
try:
    any([Bad()])
except ValueError as e:
    print("ValueError", e)
print(all({0: 1}), any({0: 1, 1: 0}), all(range(1, 5)), any(range(0)))

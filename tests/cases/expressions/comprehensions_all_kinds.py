# List, set, dict comprehensions and their clauses
print([x * x for x in range(6)])
print([x for x in range(20) if x % 3 == 0 if x % 2 == 0])
print([(x, y) for x in range(3) for y in "ab"])
print([(x, y) for x in range(4) if x % 2 for y in range(x) if y])
print({x % 4 for x in range(10)})
print({k: v for k, v in zip("abc", range(3))})
print({v: k for k, v in {"a": 1, "b": 1, "c": 2}.items()})
print([[j for j in range(i)] for i in range(4)])
matrix = [[1, 2, 3], [4, 5, 6]]
print([[row[i] for row in matrix] for i in range(3)])
print([c for word in ["ab", "cd"] for c in word])
print([x if x % 2 else -x for x in range(5)])
print([x for x in [] if x])
print({(x, y) for x in range(2) for y in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print([f() for f in [lambda: 1, lambda: 2]])
print([i for i in range(3) for i in range(i, i + 2)])
print({i: i for i in range(3) if i}.keys())
print([(yield_like := 1) for _ in range(1)])
print(sum([x for x in range(101)]), len({x for x in "mississippi"}))
try:
    [1 / x for x in [1, 0, 2]]
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    {[]: 1 for _ in range(1)}
except TypeError as e:
    print("TypeError", e)
try:
    {x: y for x, y in [(1, 2, 3)]}
except ValueError as e:
    print("ValueError", e)
try:
    exec("[x for x in range(3) if x else 0]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("[*x for x in [[1]]]")
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    exec("{**d for d in []}")
except SyntaxError as e:
    print("SyntaxError", e.msg)
class Wide:
    def __iter__(self):
        print("  __iter__ called once")
        return iter([1, 2])
print([x for x in Wide()])
print([x + y for x in Wide() for y in [10, 20]])
def inner_iter_reeval():
    calls = []
    def it():
        calls.append(1)
        return [0, 1]
    r = [(a, b) for a in range(3) for b in it()]
    return len(calls), len(r)
print(inner_iter_reeval())

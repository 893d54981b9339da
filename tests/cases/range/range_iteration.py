# Iterating ranges in loops and comprehensions; range objects are lazy and reusable
r = range(3)
print([x for x in r], [x for x in r], list(zip(r, r)))
it = iter(r)
print(next(it), list(it), list(it))
total = 0
for i in range(0, 100, 7):
    total += i
print(total)
for i in range(5, 0, -1):
    print(i, end=",")
print()
for i in range(0):
    print("never")
else:
    print("empty loop else")
print(list(map(lambda i: i * i, range(5))), list(filter(lambda i: i % 3 == 0, range(10))))
print(sorted(range(5), reverse=True), tuple(range(-2, 3)), set(range(3)), dict.fromkeys(range(2)))
print(list(enumerate(range(10, 13))), [range(i) for i in range(3)])
print(sum(1 for _ in range(1000)), range(0, 20, 5)[2], range(10)[3:7][1])
print(range.__mro__, type(range(1)).__name__)
try:
    range(5)[1] = 2
except TypeError as e:
    print("TypeError", e)

# range equality by sequence, bool, reversed, index with non-ints, repr forms
print(range(0, 10, 2) == range(0, 9, 2), range(0) == range(1, 1), range(1, 2) == range(1, 2, 10), range(3) != range(4))
print(range(5) == [0, 1, 2, 3, 4], list(range(5)) == [0, 1, 2, 3, 4], range(2) is not range(2))
for r in [range(3), range(0), range(10, 0, -3)]:
    print(r, bool(r), list(reversed(r)), r.count(1), repr(r[::2]))
try:
    range(3) < range(4)
except TypeError as e:
    print("TypeError", e)
print(range(5).index(True), range(5).count(1.0), 1.0 in range(2), range(10).count("x"))
try:
    range(5).index(1.5)
except ValueError as e:
    print("ValueError", e)
try:
    range(5).index("a")
except ValueError as e:
    print("ValueError", e)
print(range(-3, 3)[-1], range(-3, 3)[::-1][0], range(0, 100, 7)[3:6], range(0, 100, 7)[3:6][1])
r = range(4)
print(r.start, r.stop, r.step, type(r.start).__name__)
try:
    r.start = 1
except AttributeError as e:
    print("AttributeError", e)

# divmod() on ints, floats, and custom types
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 5), (10 ** 20 + 3, 7), (7.5, 2), (-7.5, 2), (7, 0.5), (True, 2)]:
    print(a, b, divmod(a, b))
for a, b in [(1, 0), (1.0, 0), (1, 0.0)]:
    try:
        divmod(a, b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", e)
for a, b in [(1j, 1), ("a", 1), (1, None)]:
    try:
        divmod(a, b)
    except TypeError as e:
        print("TypeError", e)
class D:
    def __divmod__(self, other):
        return ("divmod", other)
    def __rdivmod__(self, other):
        return ("rdivmod", other)
print(divmod(D(), 3), divmod(3, D()))
print(divmod(float("inf"), 1), divmod(5, float("inf")), divmod(-5, float("inf")))

# int() from floats, bools and objects with __int__/__index__/__trunc__
print(int(3.9), int(-3.9), int(0.0), int(-0.0), int(1e20), int(2.5e-3), int(True), int(False))
print(int(1.7976931348623157e308))
for v in (float("inf"), float("-inf"), float("nan")):
    try:
        int(v)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)

class WithInt:
    def __int__(self):
        return 42
class WithIndex:
    def __index__(self):
        return 7
class Both:
    def __int__(self):
        return 1
    def __index__(self):
        return 2
class BadInt:
    def __int__(self):
        return "x"
class BadIndex:
    def __index__(self):
        return 1.5
class IntSub(int):
    pass
class Nothing:
    pass

print(int(WithInt()), int(WithIndex()), int(Both()))
print(type(int(IntSub(5))).__name__, int(IntSub(5)))
for obj in (BadInt(), BadIndex(), Nothing()):
    try:
        int(obj)
    except TypeError as e:
        print("TypeError", e)
try:
    int("5", WithIndex())
except ValueError as e:
    print("ValueError", e)
print(int("11", WithIndex()))
# __index__ used by operator contexts
print([10, 20, 30, 40, 50, 60, 70, 80][WithIndex()])
print(bin(WithIndex()), hex(WithIndex()), oct(WithIndex()))
print(range(WithIndex()))
try:
    [1][WithInt()]
except TypeError as e:
    print("TypeError", e)
class MyInt(int):
    def __int__(self):
        return 1000
print(int(MyInt(3)))
print(int(True) + 1, int("  +0  "))

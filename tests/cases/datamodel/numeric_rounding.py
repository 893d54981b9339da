# __round__, __trunc__, __floor__, __ceil__, __int__, __float__, __complex__
class N:
    def __init__(self, v): self.v = v
    def __round__(self, nd=None):
        return ("round", self.v, nd)
    def __trunc__(self):
        return 11
    def __floor__(self):
        return "floor"
    def __ceil__(self):
        return "ceil"
    def __float__(self):
        return 2.5
    def __complex__(self):
        return 1 + 1j
n = N(3)
print(round(n), round(n, 2), round(n, None))
print(float(n), complex(n))
print(n.__trunc__())
print(n.__floor__(), n.__ceil__())
print(round(2.5), round(3.5), round(-2.5), round(2.675, 2), round(1234, -2), round(1250, -2), round(-1250, -2))
print(round(0.5, 0), round(1.5, 0), type(round(1.5)).__name__, type(round(1.5, 0)).__name__, type(round(5, 1)).__name__)
print(round(123.456, -1), round(123.456, 1), round(float("inf"), 2))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError", e)
try:
    round(float("nan"))
except ValueError as e:
    print("ValueError", e)
class NoRound: pass
try:
    round(NoRound())
except TypeError as e:
    print("TypeError", e)
try:
    round(1.5, 1.5)
except TypeError as e:
    print("TypeError", e)
print(int(3.9), int(-3.9), int(True), (3.7).__trunc__(), (3.2).__floor__(), (3.2).__ceil__(), (-3.2).__floor__())
print((7).__floor__(), (7).__ceil__(), (7).__round__(-1), (15).__round__(-1), (25).__round__(-1))
class FloatBad:
    def __float__(self): return 1
try:
    float(FloatBad())
except TypeError as e:
    print("TypeError", e)
class IndexOnly:
    def __index__(self): return 9
print(float(IndexOnly()), int(IndexOnly()), complex(IndexOnly()))
class IntReturnsBool:
    def __int__(self): return 7
print(int(IntReturnsBool()))
try:
    float("x" if False else [])
except TypeError as e:
    print("TypeError", e)
try:
    complex([])
except TypeError as e:
    print("TypeError", e)
print(round(-0.5), round(-0.0), round(0.125, 2), round(0.375, 2), round(2**70 + 0.0))

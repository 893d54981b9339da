# __index__ used by slicing, bin/hex, range, sequence repetition, operator positions
class I:
    def __init__(self, v): self.v = v
    def __index__(self):
        print("  __index__", self.v)
        return self.v
lst = list(range(10))
print(lst[I(3)], lst[I(1):I(4)], lst[::I(3)])
print(bin(I(5)), hex(I(255)), oct(I(8)))
print(list(range(I(3))), range(10)[I(2)])
print("ab" * I(2), [0] * I(3), I(2) * (1,))
print(int(I(7)) if hasattr(int, "__index__") else "")
print(operator_free := "no operator module")
print(format(I(10) .__index__(), "b"))
print((1).__index__(), True.__index__())
class NotInt:
    def __index__(self): return "x"
try:
    [1, 2][NotInt()]
except TypeError as e:
    print("TypeError", e)
try:
    lst2 = [1, 2]
    lst2["a"]
except TypeError as e:
    print("TypeError", e)
try:
    lst2 = [1, 2]
    lst2[1.0]
except TypeError as e:
    print("TypeError", e)
try:
    s3 = "abc"
    s3[None]
except TypeError as e:
    print("TypeError", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError", e)
try:
    hex(1.5)
except TypeError as e:
    print("TypeError", e)
class IntSub(int):
    pass
print([1, 2, 3][IntSub(2)], "xyz"[IntSub(-1)])
class Both:
    def __int__(self): return 1
    def __index__(self): return 2
print(int(Both()), [0, 1, 2][Both()])
class OnlyInt:
    def __int__(self): return 3
print(int(OnlyInt()))
try:
    [1][OnlyInt()]
except TypeError as e:
    print("TypeError", e)
print(slice(I(1), I(5), I(2)).indices(10))
print(pow(2, I(10).__index__()))
import sys
try:
    [1][2**100]
except IndexError as e:
    print("IndexError", e)
print(sys.maxsize == 2**63 - 1)

# Truth testing: __bool__, __len__ fallbacks and errors
class B:
    def __init__(self, b): self.b = b
    def __bool__(self):
        print("  __bool__")
        return self.b
class L:
    def __init__(self, n): self.n = n
    def __len__(self):
        print("  __len__")
        return self.n
class Both:
    def __bool__(self):
        print("  __bool__ wins")
        return True
    def __len__(self):
        print("  __len__ loses")
        return 0
print(bool(B(True)), bool(B(False)), bool(L(0)), bool(L(3)), bool(Both()))
print("yes" if L(2) else "no")
print(not B(False))
print(B(False) or "fallback")
print(type(L(0) and "never").__name__)
class Empty: pass
print(bool(Empty()))
class BadBool:
    def __bool__(self): return 1
try:
    bool(BadBool())
except TypeError as e:
    print("TypeError", e)
class BadLen:
    def __len__(self): return -1
try:
    bool(BadLen())
except ValueError as e:
    print("ValueError", e)
try:
    len(BadLen())
except ValueError as e:
    print("ValueError", e)
class FloatLen:
    def __len__(self): return 1.5
try:
    len(FloatLen())
except TypeError as e:
    print("TypeError", e)
class HugeLen:
    def __len__(self): return 2**70
try:
    len(HugeLen())
except OverflowError as e:
    print("OverflowError", e)
class IdxLen:
    class I:
        def __index__(self): return 4
    def __len__(self): return self.I()
print(len(IdxLen()))
class NoneBool:
    __bool__ = None
try:
    bool(NoneBool())
except TypeError as e:
    print("TypeError", e)
try:
    len(5)
except TypeError as e:
    print("TypeError", e)
for v in [0, 0.0, 0j, "", (), [], {}, set(), range(0), None, False, b"", 1, " ", [0], -0.0]:
    print(repr(v), bool(v))
while L(0):
    pass
print("done", bool(NotImplemented) if False else "")

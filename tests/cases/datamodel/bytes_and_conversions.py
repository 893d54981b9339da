# __bytes__, __str__ for str(), __int__ / __index__ for int(), __complex__
class B:
    def __bytes__(self): return b"custom bytes"
print(bytes(B()))
class BadBytes:
    def __bytes__(self): return "str"
try:
    bytes(BadBytes())
except TypeError as e:
    print("TypeError", e)
class IterBytes:
    def __iter__(self): return iter([65, 66])
print(bytes(IterBytes()), bytearray(IterBytes()))
class IdxBytes:
    def __index__(self): return 3
print(bytes(IdxBytes()))
try:
    bytes("no encoding")
except TypeError as e:
    print("TypeError", e)
try:
    bytes(-1)
except ValueError as e:
    print("ValueError", e)
class I:
    def __int__(self): return 5
print(int(I()), int("12"), int(b"34"), int(bytearray(b"56")), int(7.9), int("-0x1f", 16))
try:
    int(I(), 10)
except TypeError as e:
    print("TypeError", e)
try:
    int([])
except TypeError as e:
    print("TypeError", e)
class IntBad:
    def __int__(self): return "x"
try:
    int(IntBad())
except TypeError as e:
    print("TypeError", e)
print(str(b"x", "ascii"), str(b"\xe9", "latin-1"), str(object=5))
try:
    str(b"\xff", "utf-8")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
print(float(" 1.5 "), float(b"2.5"), complex("1+1j"), complex(1, 1j), complex(1j, 1j))
try:
    complex("1", 2)
except TypeError as e:
    print("TypeError", e)
print(bool(), int(), float(), complex(), str(), bytes(), tuple(), list(), dict(), set())
print(int(True) + int(False), float(True), str(True), repr(False), True + True, True * 3.5)

# memoryview equality uses values; tolist on different formats
a = memoryview(b"\x01\x00\x02\x00")
print(a == b"\x01\x00\x02\x00", a.cast("H") == a, a.cast("H").tolist(), a.cast("H") == memoryview(bytes([1, 0, 2, 0])).cast("H"))
print(memoryview(b"ab") != b"ab", memoryview(b"ab") == "ab", memoryview(b"ab") == [97, 98])
nan_view = memoryview(bytearray(8)).cast("d")
nan_view[0] = float("nan")
print(nan_view == nan_view, nan_view.tolist())
print(memoryview(b"").tolist(), memoryview(b"").tobytes(), len(memoryview(b"")))
try:
    memoryview(b"ab") < memoryview(b"ac")
except TypeError as e:
    print("TypeError", e)
print(list(memoryview(b"xyz")), [x for x in memoryview(b"\x00\xff")], sum(memoryview(b"\x01\x02")))
print(b"".join([memoryview(b"a"), b"b"]), bytearray(b"x") + memoryview(b"y"))
print(memoryview(b"abc").tobytes(order="C"), memoryview(b"abc").tobytes(order=None))
print(b"b" in memoryview(b"abc") if False else 98 in memoryview(b"abc"))

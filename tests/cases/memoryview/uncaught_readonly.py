# Ends with an uncaught TypeError: cannot modify read-only memory
rw = memoryview(bytearray(b"xy"))
rw[1] = 90
print(rw.tobytes(), rw.readonly)
try:
    memoryview(b"xy")[0] = 1
except TypeError as e:
    print("caught", e)
# Readonly flag of views over different objects
print(memoryview(b"x").readonly, memoryview(bytearray(b"x")).readonly)
print(memoryview(bytearray(b"x")).toreadonly().readonly)
print(memoryview(b"abc")[1], memoryview(b"abc")[1:].tobytes())
print(memoryview(bytearray(2)).tolist())
def patch(view, index, value):
    print("patching index", index)
    view[index] = value

writable = memoryview(bytearray(b"abc"))
patch(writable, 0, 65)
print(writable.tobytes())
readonly = memoryview(b"abc")
patch(readonly, 0, 65)

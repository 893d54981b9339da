# Ends with an uncaught TypeError: cannot modify read-only memory
def patch(view, index, value):
    print("patching index", index)
    view[index] = value

writable = memoryview(bytearray(b"abc"))
patch(writable, 0, 65)
print(writable.tobytes())
readonly = memoryview(b"abc")
patch(readonly, 0, 65)

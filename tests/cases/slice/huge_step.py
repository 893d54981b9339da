# Slices whose step is near sys.maxsize select one item; the index past it is never used
# (no overflow), for reading, assigning and deleting.
import sys

M = sys.maxsize
for seq in ([1, 2, 3], (1, 2, 3), "abc", "a\xe9c", b"abc", bytearray(b"abc")):
    print(repr(seq[::M]), repr(seq[1::M]), repr(seq[::-M]), repr(seq[-1::-M]))
l = [1, 2, 3]
l[::M] = [9]
print(l)
l[1::M] = [8]
print(l)
del l[::M]
print(l)
b = bytearray(b"abc")
b[::M] = b"z"
print(b)
del b[1::M]
print(b)

import sys

# The binary layer of stdin: read(n) gives n bytes (or what is left), readline(n) stops at n.
b = sys.stdin.buffer
print(b.read(5))
print(b.readline(3))
print(b.readline())
print(b.read1(4) if hasattr(b, "read1") else None)
print(b.readlines())
print(b.read(), b.read(3), b.readline())
print(type(b).__name__, b.name, b.mode, repr(b), type(b.raw).__name__, repr(b.raw))

import sys

# sys.stdin's text layer reads its buffer in chunks, as CPython's TextIOWrapper does: what a
# text read took is no longer the binary layer's, and what the binary layer read is gone for
# the text layer; text the binary layer left buffered comes next.
print(repr(sys.stdin.buffer.readline()))
print(repr(sys.stdin.readline()))
print(repr(sys.stdin.buffer.read()))
print(repr(input()))
print(repr(sys.stdin.read(2)))
print(repr(sys.stdin.buffer.read(1)))
print(repr(sys.stdin.buffer.readline()))
print(repr(next(sys.stdin)))
print(repr(sys.stdin.buffer.read()))
print(repr(sys.stdin.read()))
print(repr(sys.stdin.buffer.read()), repr(sys.stdin.read()))

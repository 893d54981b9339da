import sys

# The binary layers of the standard streams. Text written before a flush comes out before the
# bytes written after it (without the flush CPython may keep the text in its text layer longer).
print("text first")
sys.stdout.flush()
n = sys.stdout.buffer.write(b"bytes via buffer\n")
print("written", n)
sys.stdout.flush()
sys.stdout.buffer.write(bytearray(b"a bytearray\n"))
sys.stdout.buffer.write(memoryview(b"a memoryview\n"))
sys.stdout.buffer.flush()
print(sys.stdout.buffer is sys.stdout.buffer, sys.stdout.buffer.fileno(), sys.stderr.buffer.fileno())
print(sys.stdout.buffer.writable(), sys.stdin.buffer.readable(), sys.stdout.buffer.closed)
print(type(sys.stdout.buffer).__name__, type(sys.stdin.buffer).__name__)
try:
    sys.stdout.buffer.write("not bytes")
except TypeError as e:
    print("TypeError:", e)
try:
    print("x", file=sys.stdout.buffer)
except TypeError as e:
    print("TypeError:", e)
sys.stdout.flush()
sys.stderr.flush()
sys.stderr.buffer.write(b"to stderr\n")
sys.stderr.buffer.flush()
print(sys.stdin.buffer.read())

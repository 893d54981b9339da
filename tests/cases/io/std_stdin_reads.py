import sys

# Piped stdin through sys.stdin's layers: read(n) counts characters, readline(n) stops at n,
# the rest comes line by line, iteration and readlines finish it.
print(repr(sys.stdin.read(3)))
print(repr(sys.stdin.readline(2)))
print(repr(sys.stdin.readline()))
print(repr(sys.stdin.read(0)))
print(repr(sys.stdin.readline()))
print(repr(next(sys.stdin)))
print(repr(input()))
print(repr(input("prompt> ")))
print(sys.stdin.readlines(1))
print(repr(sys.stdin.read(4)))
print(sys.stdin.readlines())
print(repr(sys.stdin.read()), repr(sys.stdin.readline()), repr(sys.stdin.buffer.read()))
try:
    input()
except EOFError as e:
    print("EOFError:", e)
print(sys.stdin.readable(), sys.stdin.writable(), sys.stdin.closed, sys.stdin.fileno())

import io
import sys

# The standard streams are _io.TextIOWrapper over BufferedReader/BufferedWriter over FileIO,
# with CPython's attributes (the harness runs with PYTHONIOENCODING=utf-8 and pipes).
for s in (sys.stdin, sys.stdout, sys.stderr):
    b = s.buffer
    raw = b.raw
    print(repr(s), s.encoding, s.errors, s.line_buffering, s.write_through, repr(s.newlines))
    print(" ", repr(b), repr(raw), raw.name, raw.mode, raw.closefd, s.name, s.mode)
    print(" ", isinstance(s, io.TextIOWrapper), isinstance(s, io.TextIOBase), isinstance(b, io.BufferedIOBase),
          isinstance(raw, io.FileIO), isinstance(raw, io.RawIOBase), type(s) is io.TextIOWrapper)
    print(" ", s.fileno(), b.fileno(), raw.fileno(), s.isatty(), s.readable(), s.writable(), s.seekable(), s.closed)
    print(" ", s.buffer is b, b.raw is raw)
print(sys.__stdin__ is sys.stdin, sys.__stdout__ is sys.stdout, sys.__stderr__ is sys.stderr)
print(type(sys.stdout).__module__, type(sys.stdout.buffer).__name__)
try:
    sys.stdout.read()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation:", e)
try:
    sys.stdin.write("x")
except io.UnsupportedOperation as e:
    print("UnsupportedOperation:", e)
try:
    sys.stdout.write(b"x")
except TypeError as e:
    print("TypeError:", e)
try:
    sys.stdout.reconfigure(1)
except TypeError as e:
    print("TypeError:", e)
try:
    sys.stdout.reconfigure(newline="x")
except ValueError as e:
    print("ValueError:", e)
try:
    sys.stdout.reconfigure(bogus=1)
except TypeError as e:
    print("TypeError:", e)

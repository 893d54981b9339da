import io
import sys

# detach() hands over the buffer; the wrapper is unusable afterwards, and a new wrapper
# over the same buffer writes where the old one did.
print("before detach")
old = sys.stdout
buf = sys.stdout.detach()
err = sys.stderr
print(type(buf).__name__, file=err)
for what in ("write", "flush", "closed", "buffer", "encoding", "fileno"):
    try:
        a = getattr(old, what)
        if callable(a):
            a("x") if what == "write" else a()
        print(what, "ok", file=err)
    except ValueError as e:
        print(what, "ValueError:", e, file=err)
print(repr(old), file=err)
try:
    print("to the detached stdout")
except ValueError as e:
    print("print: ValueError:", e, file=err)
sys.stdout = io.TextIOWrapper(buf, encoding="utf-8", line_buffering=True)
print("after detach", sys.stdout.line_buffering, sys.stdout.encoding)
sys.stdout.buffer.write(b"bytes\n")
raw = sys.stdout.buffer.detach()
print(type(raw).__name__, file=err)
try:
    sys.stdout.buffer.write(b"x")
except ValueError as e:
    print("ValueError:", e, file=err)
sys.stdout = sys.__stderr__

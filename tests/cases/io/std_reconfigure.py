import sys

# reconfigure(): line buffering makes each line go out at once (before later buffer writes),
# errors/encoding change how text is encoded; an encoding alone resets errors to strict.
sys.stdout.reconfigure(line_buffering=True)
print(sys.stdout.line_buffering, sys.stdout.write_through)
print("line 1")
sys.stdout.buffer.write(b"bytes after line 1\n")
sys.stdout.write("no newline yet")
sys.stdout.buffer.write(b"[bytes]\n")
sys.stdout.write("\n")
sys.stdout.reconfigure(line_buffering=False, write_through=True)
print(sys.stdout.line_buffering, sys.stdout.write_through)
sys.stdout.write("through ")
sys.stdout.buffer.write(b"[bytes]\n")
sys.stdout.reconfigure(write_through=False)
sys.stdout.flush()
try:
    print("lone \udc80 surrogate")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e.reason, e.start, e.end)
sys.stdout.reconfigure(errors="backslashreplace")
print(sys.stdout.errors, "lone \udc80 surrogate", "caf\xe9")
sys.stdout.reconfigure(errors="replace")
print(sys.stdout.errors, "lone \udc80 surrogate")
sys.stdout.reconfigure(encoding="ascii")
print(sys.stdout.encoding, sys.stdout.errors)
try:
    print("caf\xe9")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e.encoding, e.reason)
sys.stdout.reconfigure(errors="xmlcharrefreplace")
print(sys.stdout.encoding, sys.stdout.errors, "caf\xe9")
sys.stdout.flush()
sys.stdout.reconfigure(encoding="utf-8")
print("caf\xe9", repr(sys.stdout)[:40])
sys.stderr.reconfigure(line_buffering=False)
print(sys.stderr.line_buffering, sys.stderr.errors)
sys.stderr.write("to stderr\n")
sys.stderr.buffer.write(b"stderr bytes\n")
sys.stderr.flush()

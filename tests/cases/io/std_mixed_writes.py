import sys

# Text written to sys.stdout waits in the text layer (stdout is a pipe: block-buffered) while
# bytes written to sys.stdout.buffer wait in the buffer below it; only flush() hands the text
# down. stderr is line-buffered: a text write with a newline goes out with the buffer's bytes.
print("a")
sys.stdout.buffer.write(b"b\n")
sys.stdout.write("c\n")
sys.stdout.flush()
sys.stdout.buffer.write(b"d\n")
print("e", end="")
sys.stdout.buffer.flush()
sys.stdout.buffer.write(b"f\n")
print("g")
sys.stdout.flush()
print("h", file=sys.stderr)
sys.stderr.buffer.write(b"i\n")
sys.stderr.write("j")
sys.stderr.buffer.write(b"k\n")
sys.stderr.write("l\n")
sys.stderr.buffer.write(b"m\n")
sys.stderr.write("n")
print("o", flush=True)
sys.stdout.buffer.write(b"p\n")
print("q")
sys.stdout.writelines(["r\n", "s\n"])
sys.stdout.buffer.write(b"t\n")

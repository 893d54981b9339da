# print() in detail: sep, end, file, flush
import sys
print()
print("a", "b", "c")
print("a", "b", sep="")
print("a", "b", sep=", ", end="!\n")
print("no newline", end="")
print(" <- continued")
print(1, 2.5, None, True, [1], {"k": "v"}, sep=" | ")
print(*range(5))
print(*"abc", sep="-")
print("to stdout", file=sys.stdout)
print("to stderr is compared too", file=sys.stderr)
print("flushed", flush=True)
print(sep="ignored")
print("", end="")
print("tab\tand\nnewline")
print(sep=None, end=None)
print("x", sep=None, end=None)
for bad in [dict(sep=5), dict(end=[]), dict(file=5)]:
    try:
        print("bad", **bad)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print("captured", 42, file=w)
print(w.parts)
print(None, file=None)
class S:
    def __str__(self): return "S.__str__"
print(S(), [S()] if False else "skip")
print("é", "☃", "😀")
print(b"bytes are repr'd", bytearray(b"x"))

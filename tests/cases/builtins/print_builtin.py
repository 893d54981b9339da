# print() with sep, end, file, flush
import sys
print("a", "b", "c")
print("a", "b", sep="-")
print("a", "b", sep="")
print("no newline", end="")
print(" <- continued")
print("x", end="\n\n")
print()
print(sep="x")
print(1, 2.5, None, [1], sep=" | ", end=" END\n")
print("to stdout", file=sys.stdout, flush=True)
print("to stderr", file=sys.stderr)
print("a", "b", sep=None, end=None)
for kwargs in [{"sep": 5}, {"end": 1}, {"bogus": 1}, {"file": 5}]:
    try:
        print("x", **kwargs)
    except (TypeError, AttributeError) as e:
        print(type(e).__name__, e)
class W:
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
w = W()
print("hello", "world", file=w, sep=",")
print(w.parts)
print(*["unpacked", "args"], sep="+")
print("tab\tsep", "é", "\U0001F600")
class S:
    def __str__(self):
        return "custom str"
print(S(), [S()] if False else "list skipped")
print(None, file=None)

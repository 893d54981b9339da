# bytearray aliasing and mutation while iterating
b = bytearray(b"abc")
alias = b
alias.append(100)
print(b, alias is b)
out = []
for x in b:
    out.append(x)
    if len(b) < 6:
        b.append(x + 1)
print(out, b)
b = bytearray(b"abcdef")
for i, x in enumerate(b):
    if i < 3:
        del b[0]
print(b)
it = iter(bytearray(b"xy"))
print(next(it), next(it))
try:
    next(it)
except StopIteration:
    print("StopIteration")
r = bytearray(b"123")
print(list(reversed(r)), r[::-1])
m = memoryview(r)
try:
    r.append(52)
except BufferError as e:
    print("BufferError", e)
m.release()
r.append(52)
print(r)

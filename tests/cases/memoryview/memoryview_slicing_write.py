# Writing through memoryview slices updates the underlying bytearray
buf = bytearray(b"0123456789")
mv = memoryview(buf)
part = mv[2:6]
part[0] = ord("A")
part[1:3] = b"BC"
print(buf, part.tobytes(), len(part), part.nbytes)
step = mv[::3]
print(step.tolist(), step.tobytes(), step.strides, step.contiguous)
step[0] = ord("z")
print(buf)
rev = mv[::-1]
print(rev.tobytes(), rev[0], rev.strides)
mv[:] = b"abcdefghij"
print(buf)
try:
    mv[:] = b"short"
except ValueError as e:
    print("ValueError", e)
ro = mv.toreadonly()
try:
    ro[0] = 1
except TypeError as e:
    print("TypeError", e)
print(ro.tobytes() == bytes(buf), ro.readonly, mv.readonly)
try:
    buf.pop()
except BufferError as e:
    print("BufferError", e)
for view in (part, step, rev, ro, mv):
    view.release()
print(buf.pop(), buf)

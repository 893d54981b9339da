# memoryview release(), context manager and operations after release
ba = bytearray(b"data")
with memoryview(ba) as m:
    print(m.tobytes(), m.nbytes)
try:
    m.tobytes()
except ValueError as e:
    print("ValueError", e)
try:
    len(m)
except ValueError as e:
    print("ValueError", e)
try:
    m[0]
except ValueError as e:
    print("ValueError", e)
print(repr(m).startswith("<released memory"))
m2 = memoryview(ba)
try:
    ba.extend(b"x")
except BufferError as e:
    print("BufferError", e)
m2.release()
m2.release()
ba.extend(b"x")
print(ba)
m3 = memoryview(ba)
s = m3[1:]
m3.release()
try:
    ba.append(1)
except BufferError as e:
    print("BufferError", e)
s.release()
ba.append(33)
print(ba)
try:
    hash(memoryview(bytearray(b"x")))
except ValueError as e:
    print("ValueError", e)
print(hash(memoryview(b"abc")) == hash(b"abc"))

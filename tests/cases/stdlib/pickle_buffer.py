# pickle.PickleBuffer (PEP 574): the buffer protocol over a bytes-like, raw(), release(),
# and out-of-band buffers in protocol 5.
import pickle
from pickle import PickleBuffer

pb = PickleBuffer(b"foo")
print(bytes(pb), bytearray(pb), type(pb).__name__, type(pb).__module__)
with memoryview(pb) as m:
    print(m.readonly, m.format, m.nbytes, m.tobytes())
ba = bytearray(b"foo")
pb = PickleBuffer(ba)
with memoryview(pb) as m:
    print(m.readonly)
    m[0] = 48
print(ba, bytes(pb))
with pb.raw() as r:
    print(type(r).__name__, r.format, r.shape, r.tobytes(), r.readonly)
pb.release()
pb.release()
for f in (lambda: memoryview(pb), pb.raw):
    try:
        f()
    except ValueError as e:
        print('ValueError', e)
for args in ((), ("foo",), (b"a", b"b")):
    try:
        PickleBuffer(*args)
    except TypeError as e:
        print('TypeError', e)
m = memoryview(b"abcdef")
print(PickleBuffer(m[::2]).raw.__name__)
try:
    PickleBuffer(m[::2]).raw()
except BufferError as e:
    print('BufferError', e)
m.release()
try:
    PickleBuffer(m)
except ValueError as e:
    print('ValueError', e)
try:
    class Sub(PickleBuffer):
        pass
except TypeError as e:
    print('TypeError', e)


class Data:
    def __init__(self, payload):
        self.payload = payload

    def __reduce_ex__(self, protocol):
        if protocol >= 5:
            return type(self)._rebuild, (PickleBuffer(self.payload),)
        return type(self)._rebuild, (bytes(self.payload),)

    @classmethod
    def _rebuild(cls, obj):
        return cls(bytes(memoryview(obj)))


d = Data(bytearray(b"payload"))
for proto in (4, 5):
    s = pickle.dumps(d, proto)
    print(proto, pickle.loads(s).payload)
print(pickle.loads(pickle.dumps(PickleBuffer(b"xyz"), 5)))
print(pickle.loads(pickle.dumps(PickleBuffer(bytearray(b"xyz")), 5)))
buffers = []
s = pickle.dumps(d, 5, buffer_callback=buffers.append)
print(len(buffers), [bytes(b) for b in buffers], s)
print(pickle.loads(s, buffers=buffers).payload)
try:
    pickle.loads(s)
except pickle.UnpicklingError as e:
    print('UnpicklingError', e)
try:
    pickle.dumps(PickleBuffer(b"x"), 4)
except pickle.PicklingError as e:
    print('PicklingError', e)

# A memoryview released by the key's __index__ or the value's __float__/__index__/__bool__
# while it is being indexed or assigned refuses the access (gh-92888); 'd' elements take any
# object with __float__. Ends in an uncaught ValueError.
size = 128
def release():
    m.release()
    global ba
    ba = bytearray(size)
class MyIndex:
    def __index__(self):
        release()
        return 4
class MyFloat:
    def __float__(self):
        release()
        return 4.25
class MyBool:
    def __bool__(self):
        release()
        return True
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)
for label, mk, f in [
    ("getitem", lambda: memoryview(bytearray(b'\xff'*size)), lambda m: m[MyIndex()]),
    ("slice", lambda: memoryview(bytearray(b'\xff'*size)), lambda m: list(m[:MyIndex()])),
    ("slice step", lambda: memoryview(bytearray(b'\xff'*size)), lambda m: list(m[::MyIndex()])),
    ("setitem idx", lambda: memoryview(bytearray(b'\xff'*size)), lambda m: m.__setitem__(MyIndex(), 0)),
    ("setitem val", lambda: memoryview(bytearray(b'\xff'*size)), lambda m: m.__setitem__(0, MyIndex())),
    ("setitem float", lambda: memoryview(bytearray(b'\xff'*size)).cast('d'), lambda m: m.__setitem__(0, MyFloat())),
    ("setitem bool", lambda: memoryview(bytearray(b'\xff'*size)).cast('?'), lambda m: m.__setitem__(0, MyBool())),
    ("setitem slice", lambda: memoryview(bytearray(b'\xff'*size)), lambda m: m.__setitem__(slice(0, MyIndex()), b'\0'*4)),
]:
    ba = None
    m = mk()
    show(label, lambda: f(m))
class F:
    def __float__(self):
        return 2.5
class I:
    def __index__(self):
        return 7
d = memoryview(bytearray(16)).cast('d')
d[0] = F()
d[1] = I()
print(d.tolist())
show("str into d", lambda: d.__setitem__(0, "1.5"))
show("None into d", lambda: d.__setitem__(0, None))
m = memoryview(bytearray(8))
m[MyIndex()] = 1

# Reads from a non-blocking pipe with nothing in it: CPython's raw and buffered reads return
# None (read, readinto, readinto1, readall), read1/peek/readline b''; data already read is
# returned. A partial write (a signal cutting a blocking write short) is not exercised here.
import os

r, w = os.pipe()
os.set_blocking(r, False)
f = open(r, "rb", closefd=False)
raw = f.raw


def show(name, call):
    try:
        print(name, repr(call()))
    except Exception as e:
        print(name, type(e).__name__, e)


def all_reads():
    show("raw.read", lambda: raw.read(5))
    show("raw.readinto", lambda: raw.readinto(bytearray(5)))
    show("raw.readall", lambda: raw.readall())
    show("read", lambda: f.read(5))
    show("read()", lambda: f.read())
    show("read1", lambda: f.read1(5))
    show("peek", lambda: f.peek(5))
    show("readline", lambda: f.readline())
    show("readinto", lambda: f.readinto(bytearray(5)))
    show("readinto1", lambda: f.readinto1(bytearray(5)))


all_reads()
os.write(w, b"abc")
print(f.peek(1)[:3], f.read1(10), f.read1(10))
os.write(w, b"defgh")
b = bytearray(10)
print(f.readinto1(b), b)
os.write(w, b"ij")
b = bytearray(10)
print(f.readinto(b), b)
os.write(w, b"klm")
print(f.read(10))
os.write(w, b"nop\nqr")
print(f.readline(), f.readline(), f.readline())
os.write(w, b"stu")
print(f.read())
all_reads()
os.close(w)
print("eof")
all_reads()
f.close()
os.close(r)

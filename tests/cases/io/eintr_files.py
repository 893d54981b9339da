import io
import os
import signal

# PEP 475 for file objects: a read or write a signal interrupts runs the Python handler, then
# resumes; the handler's exception ends it. The handler here feeds the pipe the read waits on
# (whether the signal lands before or during the read, the output is the same).
r, w = os.pipe()


def feed(signum, frame):
    os.write(w, b"fed\n")


def fail(signum, frame):
    raise ZeroDivisionError("from the handler")


signal.signal(signal.SIGALRM, feed)
for make in (
    lambda: io.FileIO(r, "rb", closefd=False),
    lambda: open(r, "rb", closefd=False),
    lambda: open(r, "r", closefd=False),
):
    f = make()
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    print(type(f).__name__, repr(f.readline() if isinstance(f, io.TextIOBase) else f.read(4)))
    f.close()

signal.signal(signal.SIGALRM, fail)
for make in (
    lambda: io.FileIO(r, "rb", closefd=False),
    lambda: open(r, "rb", closefd=False),
    lambda: open(r, "r", closefd=False),
):
    f = make()
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        f.read(1)
    except ZeroDivisionError as e:
        print(type(f).__name__, "raised", e)
    f.close()

os.close(r)
os.close(w)

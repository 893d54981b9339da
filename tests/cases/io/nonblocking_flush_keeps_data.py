# A buffered write that the pipe cannot take now raises BlockingIOError from flush() and keeps
# the unwritten bytes: once the reader drains the pipe, the next flush() delivers them.
import os

r, w = os.pipe()
os.set_blocking(w, False)
wf = open(w, 'wb', buffering=4096)
rf = open(r, 'rb', buffering=0)
big = b'x' * (1 << 20)
try:
    os.write(w, big)
except BlockingIOError:
    pass
# Fill the pipe completely through os.write.
while True:
    try:
        os.write(w, b'x' * 4096)
    except BlockingIOError:
        break
wf.write(b'y' * 100)
try:
    wf.flush()
    print('flushed at once')
except BlockingIOError as e:
    print('BlockingIOError', e.errno)
drained = 0
os.set_blocking(r, False)
while True:
    try:
        chunk = os.read(r, 65536)
    except BlockingIOError:
        break
    if not chunk:
        break
    drained += len(chunk)
print('drained some', drained > 0)
wf.flush()
try:
    got = os.read(r, 1000)
except BlockingIOError:
    got = b''
print(len(got), got == b'y' * 100)
wf.close()
rf.close()

# Blocking calls let the other threads run: sockets, select, pipes, waitpid, asyncio.to_thread.
import asyncio
import os
import selectors
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

# A server thread blocked in accept/recv while the main thread connects and sends.
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen()
port = srv.getsockname()[1]


def serve():
    conn, _ = srv.accept()
    with conn:
        conn.sendall(conn.recv(100).upper())


t = threading.Thread(target=serve)
t.start()
with socket.create_connection(("127.0.0.1", port)) as c:
    c.sendall(b"hello")
    print(c.recv(100))
t.join()
srv.close()

# A writer thread fills a pipe (1 MB, far more than the pipe holds) that main drains.
r, w = os.pipe()


def write_all():
    with os.fdopen(w, "wb") as f:
        f.write(b"x" * 1_000_000)


t = threading.Thread(target=write_all)
t.start()
with os.fdopen(r, "rb") as f:
    print(len(f.read()))
t.join()

# select() in main wakes when a thread writes.
a, b = socket.socketpair()
sel = selectors.DefaultSelector()
sel.register(a, selectors.EVENT_READ)
threading.Timer(0.05, b.send, args=(b"!",)).start()
print(len(sel.select(10)), a.recv(1))
sel.close()
a.close()
b.close()

# Children waited for in parallel threads: each child waits until all four exist, which
# happens only if every thread could start its child while the others wait in waitpid
# (a child gives up after 60 s and says so; no timing is measured).
import tempfile
CHILD = """import os, sys, time
d, i = sys.argv[1], sys.argv[2]
open(os.path.join(d, i), 'w').close()
end = time.monotonic() + 60
while len(os.listdir(d)) < 4 and time.monotonic() < end:
    time.sleep(0.01)
print(i, len(os.listdir(d)) == 4)
"""
with tempfile.TemporaryDirectory() as d, ThreadPoolExecutor(4) as ex:
    outs = list(ex.map(lambda i: subprocess.check_output([sys.executable, "-c", CHILD, d, str(i)]), range(4)))
print(outs)
with ThreadPoolExecutor(2) as ex:
    print(list(ex.map(lambda i: subprocess.run([sys.executable, "-c", f"raise SystemExit({i})"]).returncode, [3, 4])))


async def main():
    return await asyncio.gather(asyncio.to_thread(sum, range(10)), asyncio.to_thread(max, 3, 9))


print(asyncio.run(main()))

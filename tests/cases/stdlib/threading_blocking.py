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

# Children waited for in parallel threads: four half-second children take about 0.5 s.
t0 = time.monotonic()
with ThreadPoolExecutor(4) as ex:
    outs = list(ex.map(
        lambda i: subprocess.check_output([sys.executable, "-c", f"import time; time.sleep(0.5); print({i})"]),
        range(4)))
print(outs, "parallel:", time.monotonic() - t0 < 1.8)
with ThreadPoolExecutor(2) as ex:
    print(list(ex.map(lambda i: subprocess.run([sys.executable, "-c", f"raise SystemExit({i})"]).returncode, [3, 4])))


async def main():
    return await asyncio.gather(asyncio.to_thread(sum, range(10)), asyncio.to_thread(max, 3, 9))


print(asyncio.run(main()))

# Sockets on loopback in one process: a socketpair round trip, a TCP server and client on an
# ephemeral port (connect before accept), create_connection, makefile, timeouts, UDP.
import socket

# socketpair: both ends, bytes both ways, shutdown and EOF.
a, b = socket.socketpair()
print(a.family, a.type, a.proto, b.family == socket.AF_UNIX)
print(a.getsockname(), a.getpeername(), a.gettimeout(), a.getblocking())
a.sendall(b"hello")
print(b.recv(100))
b.send(b"back")
buf = bytearray(10)
n = a.recv_into(buf)
print(n, buf)
mv = memoryview(bytearray(8))
b.send(b"view")
print(a.recv_into(mv, 2), bytes(mv))
b.shutdown(socket.SHUT_WR)
print(a.recv(10))
a.close()
b.close()
print(a.fileno(), b.fileno())
a.close()  # closing twice is harmless

# TCP: listen on an ephemeral port, connect, accept, echo.
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE) == socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, 0 < port < 65536)
cli = socket.socket()
cli.connect(("127.0.0.1", port))
conn, peer = srv.accept()
print(type(conn).__name__, peer[0], peer[1] == cli.getsockname()[1])
print(conn.getpeername() == cli.getsockname(), cli.getpeername() == (host, port))
print(conn.family, conn.type, conn.gettimeout())
cli.sendall(b"x" * 100000)
got = b""
while len(got) < 100000:
    got += conn.recv(65536)
print(len(got), set(got))
conn.sendall(b"pong")
print(cli.recv(4))

# makefile: buffered binary and text files over the connection.
wf = cli.makefile("wb")
rf = conn.makefile("r", encoding="utf-8", newline="")
wf.write(b"line one\nline two\n")
wf.flush()
print(repr(rf.readline()), repr(rf.readline()))
wf.close()
rf.close()

# Timeouts: recv on a quiet socket, and the non-blocking form.
cli.settimeout(0.05)
print(cli.gettimeout(), cli.getblocking(), cli.timeout)
try:
    cli.recv(1)
except socket.timeout as e:
    print(type(e).__name__, e, e.errno, socket.timeout is TimeoutError)
cli.setblocking(False)
print(cli.gettimeout(), cli.getblocking())
try:
    cli.recv(1)
except BlockingIOError as e:
    print(type(e).__name__, e.errno)
cli.setblocking(True)
print(cli.gettimeout())
conn.close()
print(cli.recv(10))  # the peer closed: EOF
cli.close()

# create_connection, and the with-statement on sockets.
with socket.create_connection(("127.0.0.1", port), timeout=5) as c2:
    s2, _ = srv.accept()
    with s2:
        c2.sendall(b"via create_connection")
        print(s2.recv(100), c2.gettimeout())
srv.close()

# A refused connection (the port is closed now).
c3 = socket.socket()
print(c3.connect_ex(("127.0.0.1", port)) == 111)
try:
    c3.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print(type(e).__name__, e)
c3.close()

# UDP on loopback.
u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2.sendto(b"datagram", u1.getsockname())
data, frm = u1.recvfrom(100)
print(data, frm == u2.getsockname())
u2.sendto(b"second", 0, u1.getsockname())
buf = bytearray(16)
n, frm = u1.recvfrom_into(buf)
print(n, bytes(buf[:n]), frm == u2.getsockname())
u1.close()
u2.close()

# socket.socket(fileno=...) finds the family and type of the descriptor.
x, y = socket.socketpair()
z = socket.socket(fileno=x.detach())
print(z.family, z.type, x.fileno())
z.close()
y.close()

# A socket (or epoll object) freed while open closes its descriptor: the peer sees EOF and
# the number is gone; a server dropped inside a function stops listening.
import os
import select

s = socket.socket()
fd = s.fileno()
del s
try:
    os.fstat(fd)
except OSError as e:
    print("freed socket:", e)
p, q = socket.socketpair()
del p
print(q.recv(10))
q.close()
ep = select.epoll()
efd = ep.fileno()
del ep
try:
    os.fstat(efd)
except OSError as e:
    print("freed epoll:", e)


def listen_and_forget():
    srv = socket.create_server(("127.0.0.1", 0))
    return srv.getsockname()[1]


lost = listen_and_forget()
probe = socket.socket()
print(probe.connect_ex(("127.0.0.1", lost)) == 111)
probe.close()

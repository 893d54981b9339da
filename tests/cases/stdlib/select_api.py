# select.select, select.poll and select.epoll on socketpairs and pipes, and selectors.
import os
import select
import selectors
import socket

a, b = socket.socketpair()
print(select.select([a], [], [], 0))
print(select.select([], [a], [], 0) == ([], [a], []))
b.send(b"x")
r, w, x = select.select([a, b], [b], [a], 1.0)
print(r == [a], w == [b], x)
print(select.select([a.fileno()], [], [])[0] == [a.fileno()])
print(select.select([], [], [], 0))
for bad in ([-1], ["x"], [object()]):
    try:
        select.select(bad, [], [], 0)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
for bad in (-1, "x"):
    try:
        select.select([], [], [], bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    select.select(1, [], [])
except TypeError as e:
    print(e)

p = select.poll()
p.register(a, select.POLLIN)
p.register(b.fileno(), select.POLLOUT)
print(sorted(p.poll(0)) == sorted([(a.fileno(), select.POLLIN), (b.fileno(), select.POLLOUT)]))
print(a.recv(1))
print(p.poll(0) == [(b.fileno(), select.POLLOUT)])
p.modify(b, select.POLLIN)
print(p.poll(10))
p.unregister(a)
try:
    p.unregister(a)
except KeyError as e:
    print("KeyError", e.args == (a.fileno(),))
try:
    p.modify(a, select.POLLIN)
except FileNotFoundError as e:
    print(type(e).__name__, e)

ep = select.epoll()
print(ep.closed, ep.fileno() >= 0)
ep.register(a.fileno(), select.EPOLLIN)
print(ep.poll(0))
b.send(b"yz")
print(ep.poll(1) == [(a.fileno(), select.EPOLLIN)])
ep.modify(a, select.EPOLLIN | select.EPOLLOUT)
print(ep.poll(1, 4) == [(a.fileno(), select.EPOLLIN | select.EPOLLOUT)])
try:
    ep.register(a, select.EPOLLIN)
except FileExistsError as e:
    print(type(e).__name__, e)
ep.unregister(a)
print(ep.poll(0))
try:
    ep.poll(0, 0)
except ValueError as e:
    print(e)
ep.close()
print(ep.closed)
try:
    ep.poll(0)
except ValueError as e:
    print(e)
with select.epoll() as ep2:
    print(ep2.closed)
print(ep2.closed)
print(select.POLLIN, select.POLLOUT, select.POLLHUP, select.EPOLLIN, select.EPOLLET, select.PIPE_BUF)

# Pipes: select sees the read end once written, and the EOF after close.
rfd, wfd = os.pipe()
print(select.select([rfd], [wfd], [], 0) == ([], [wfd], []))
os.write(wfd, b"data")
print(select.select([rfd], [], [], 0)[0] == [rfd])
os.close(wfd)
print(os.read(rfd, 10), select.select([rfd], [], [], 0)[0] == [rfd], os.read(rfd, 10))
os.close(rfd)

# selectors: the default selector and the poll and select ones.
for cls in (selectors.DefaultSelector, selectors.PollSelector, selectors.SelectSelector, selectors.EpollSelector):
    sel = cls()
    c, d = socket.socketpair()
    c.setblocking(False)
    d.setblocking(False)
    sel.register(c, selectors.EVENT_READ, "c")
    sel.register(d, selectors.EVENT_WRITE, "d")
    print(cls.__name__, [(k.data, ev) for k, ev in sel.select(0)])
    d.send(b"!")
    print(sorted((k.data, ev) for k, ev in sel.select(1)))
    sel.modify(d, selectors.EVENT_READ, "d2")
    print([(k.data, ev) for k, ev in sel.select(0)], sel.get_key(c).events, len(sel.get_map()))
    sel.unregister(c)
    print(sel.select(0))
    sel.close()
    c.close()
    d.close()
print(type(selectors.DefaultSelector()).__name__)
a.close()
b.close()

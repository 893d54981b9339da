import os, socket, array, sys
from multiprocessing import reduction
import multiprocessing.popen_forkserver
print(reduction.HAVE_SEND_HANDLE, socket.CMSG_LEN(4), socket.CMSG_SPACE(4), socket.CMSG_SPACE(0), socket.CMSG_LEN(0))
print(socket.SCM_RIGHTS, socket.SCM_CREDENTIALS, socket.MSG_CTRUNC)
a, b = socket.socketpair()
r, w = os.pipe()
reduction.sendfds(a, [r, w])
got = reduction.recvfds(b, 2)
print(len(got), all(g not in (r, w) for g in got))
os.write(got[1], b'through the passed fd')
print(os.read(r, 100))
os.write(w, b'and back')
print(os.read(got[0], 100))
for fd in got + [r, w]:
    os.close(fd)
# raw sendmsg/recvmsg
n = a.sendmsg([b'hel', b'lo'], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array('i', [0]))])
print(n)
data, anc, flags, addr = b.recvmsg(10, socket.CMSG_SPACE(4))
print(data, len(anc), anc[0][0] == socket.SOL_SOCKET, anc[0][1] == socket.SCM_RIGHTS, len(anc[0][2]), flags, addr)
os.close(array.array('i', anc[0][2])[0])
a.sendmsg([b'plain'])
print(b.recvmsg(100))
a.sendmsg([b'x' * 10])
print(b.recvmsg(4))
try:
    socket.CMSG_LEN(-1)
except OverflowError as e:
    print(e)
try:
    b.recvmsg(-1)
except ValueError as e:
    print(e)
a.close(); b.close()

# Processes through the OS host: fork/waitpid, exit statuses, os.system, signals, descriptor
# flags. Output is flushed before every fork/system so both interpreters write in order.
import os
import signal
import sys


def flush():
    sys.stdout.flush()


# os.system returns the wait status.
flush()
st = os.system("echo from the shell; exit 3")
print(st, os.WIFEXITED(st), os.WEXITSTATUS(st), os.waitstatus_to_exitcode(st))
flush()
print(os.waitstatus_to_exitcode(os.system("exit 0")))

# fork + os._exit + waitpid
flush()
pid = os.fork()
if pid == 0:
    print("child says hi")
    flush()
    os._exit(7)
got, st = os.waitpid(pid, 0)
print(got == pid, os.WIFEXITED(st), os.WEXITSTATUS(st), os.WIFSIGNALED(st))

# A child that ends by sys.exit runs the interpreter to completion.
flush()
pid = os.fork()
if pid == 0:
    print("second child")
    sys.exit(5)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# A child killed by a signal.
flush()
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(w)
    os.read(r, 1)  # blocks until the parent kills us
    os._exit(0)
os.close(r)
os.kill(pid, signal.SIGTERM)
_, st = os.waitpid(pid, 0)
os.close(w)
print(os.WIFSIGNALED(st), os.WTERMSIG(st) == signal.SIGTERM, os.waitstatus_to_exitcode(st))

# WNOHANG on a running child, then the real wait.
flush()
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(w)
    os.read(r, 1)
    os._exit(4)
os.close(r)
print(os.waitpid(pid, os.WNOHANG))
os.write(w, b"x")
os.close(w)
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))

# Data through a pipe from the child.
flush()
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, b"written by the child")
    os._exit(0)
os.close(w)
data = b""
while chunk := os.read(r, 100):
    data += chunk
os.close(r)
os.waitpid(pid, 0)
print(data)

# Errors with CPython's messages.
for call in (lambda: os.waitpid(pid, 0), lambda: os.wait()):
    try:
        call()
    except ChildProcessError as e:
        print(type(e).__name__, e)
try:
    os.kill(2**22 + 12345, 0)
except ProcessLookupError as e:
    print(type(e).__name__, e)
for bad in ((), [""], "notalist"):
    try:
        os.execv("/bin/true", bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)

# Descriptor flags: pipes are made non-inheritable and blocking.
r, w = os.pipe()
print(os.get_inheritable(r), os.get_blocking(w))
os.set_inheritable(r, True)
os.set_blocking(w, False)
print(os.get_inheritable(r), os.get_blocking(w))
os.close(r)
os.close(w)
try:
    os.get_inheritable(r)
except OSError as e:
    print(type(e).__name__, e)

# Process groups and sessions of this process.
# (a container's init may sit in a session and parent outside its pid namespace: ids read 0)
print(os.getpgrp() == os.getpgid(0), os.getsid(0) == os.getsid(os.getpid()) >= 0, os.getppid() >= 0)
print(os.WNOHANG, os.WUNTRACED, os.WCOREDUMP(0x80 | 11), os.WIFCONTINUED(0xFFFF))

# spawn*, popen and exec* (os.py builds them on fork/exec/waitpid).
print(os.spawnv(os.P_WAIT, '/bin/sh', ['sh', '-c', 'exit 6']))
print(os.spawnvp(os.P_WAIT, 'sh', ['sh', '-c', 'exit 2']))
pid = os.spawnl(os.P_NOWAIT, '/bin/sh', 'sh', '-c', 'exit 1')
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
with os.popen('echo popen works') as f:
    print(f.read(), end='')
f = os.popen('exit 3')
print(f.close())
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.execv('/bin/sh', ['sh', '-c', 'echo exec replaced the child; exit 9'])
print(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
sys.stdout.flush()
pid = os.fork()
if pid == 0:
    os.execve('/bin/sh', ['sh', '-c', 'echo $ONLY'], {'ONLY': 'env given'})
os.waitpid(pid, 0)
try:
    os.execv('/nonexistent', ['x'])
except FileNotFoundError as e:
    print(e)

# register_at_fork hooks run in both processes (last, since they stay registered).
events = []
os.register_at_fork(before=lambda: events.append("before"),
                    after_in_parent=lambda: events.append("parent"),
                    after_in_child=lambda: print("child hook", events, flush=True))
flush()
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
print(events)

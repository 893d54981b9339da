# Signals sent to this process reach their Python handlers: signal.signal, the wakeup fd,
# and asyncio's add_signal_handler (which waits in epoll on its self-pipe).
import asyncio
import os
import signal

got = []


def record(signum, frame):
    got.append((signum, frame is not None))


print(signal.signal(signal.SIGUSR1, record))
os.kill(os.getpid(), signal.SIGUSR1)
print("after kill", got)
print(signal.getsignal(signal.SIGUSR1) is record)

# A handler's exception comes out of the code it interrupted.
def boom(signum, frame):
    raise ZeroDivisionError("from handler", signum)


signal.signal(signal.SIGUSR2, boom)
try:
    os.kill(os.getpid(), signal.SIGUSR2)
    for _ in range(100000):
        pass
    print("not raised")
except ZeroDivisionError as e:
    print("raised", e.args)

# Ignored: nothing happens.
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGUSR2)
print("ignored ok")

# The wakeup descriptor receives the signal's number.
r, w = os.pipe()
os.set_blocking(w, False)
print(signal.set_wakeup_fd(w))
got.clear()
os.kill(os.getpid(), signal.SIGUSR1)
print(os.read(r, 10), got)
print(signal.set_wakeup_fd(-1) == w)
os.close(r)
os.close(w)


# asyncio: the loop wakes from its selector on the self-pipe and runs the callback.
async def main(sig):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.add_signal_handler(sig, lambda: fut.done() or fut.set_result(sig))
    loop.call_soon(os.kill, os.getpid(), sig)
    try:
        res = await asyncio.wait_for(fut, 10)
    except asyncio.TimeoutError:
        res = "timed out"
    print("loop got", res, loop.remove_signal_handler(sig))


asyncio.run(main(signal.SIGUSR1))
asyncio.run(main(signal.SIGINT))
print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)

# SIGINT with a Python handler replaced: the handler runs instead of KeyboardInterrupt.
signal.signal(signal.SIGINT, record)
got.clear()
os.kill(os.getpid(), signal.SIGINT)
print("sigint", got)
signal.signal(signal.SIGINT, signal.default_int_handler)
try:
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(100000):
        pass
    print("no KeyboardInterrupt")
except KeyboardInterrupt:
    print("KeyboardInterrupt")

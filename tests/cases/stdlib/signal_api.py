# The rest of the signal module: timers, masks, waiting, sending to a thread, and the
# argument errors with CPython's messages.
import os
import signal
import threading


def attempt(f, *args, **kwargs):
    try:
        r = f(*args, **kwargs)
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__, e)


# Argument errors.
attempt(signal.signal, 0, signal.SIG_DFL)
attempt(signal.signal, signal.NSIG, signal.SIG_DFL)
attempt(signal.signal, signal.SIGUSR1, None)
attempt(signal.signal, signal.SIGUSR1, 5)
attempt(signal.signal, "x", signal.SIG_DFL)
attempt(signal.signal, 2**70, signal.SIG_DFL)
attempt(signal.signal, signal.SIGKILL, signal.SIG_IGN)
attempt(signal.getsignal, 0)
attempt(signal.getsignal, signal.SIGKILL)
attempt(signal.siginterrupt, 0, True)
attempt(signal.strsignal, 0)
attempt(signal.strsignal, signal.NSIG)
for n in (1, 2, 15, 31, 32, 33, 34, 50, 64):
    print(n, signal.strsignal(n))
print(sorted(signal.valid_signals()) == [n for n in range(1, 65) if n not in (32, 33)])
attempt(signal.default_int_handler)
try:
    signal.default_int_handler(2, None)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", repr(e))

# True compares equal to SIG_IGN, as in CPython.
print(signal.signal(signal.SIGUSR2, True))
print(signal.signal(signal.SIGUSR2, signal.SIG_DFL))

# set_wakeup_fd's checks.
attempt(signal.set_wakeup_fd, 1.5)
attempt(signal.set_wakeup_fd, fd=0)
attempt(signal.set_wakeup_fd, 0, False)
r, w = os.pipe()
try:
    signal.set_wakeup_fd(w)
except ValueError as e:
    print(str(e).replace(str(w), "W"))
os.set_blocking(w, False)
attempt(signal.set_wakeup_fd, w, warn_on_full_buffer=False)
print(signal.set_wakeup_fd(-1) == w)
os.close(r)
os.close(w)
attempt(signal.set_wakeup_fd, w)


# From another thread.
def from_thread():
    attempt(signal.signal, signal.SIGUSR1, signal.SIG_DFL)
    attempt(signal.signal, 0, 5)
    attempt(signal.set_wakeup_fd, -1)


t = threading.Thread(target=from_thread)
t.start()
t.join()

# Interval timers and their error.
print(signal.ItimerError, signal.ItimerError.__mro__[1])
attempt(signal.setitimer, 5, 1.0)
attempt(signal.setitimer, signal.ITIMER_REAL, -1.0)
attempt(signal.setitimer, signal.ITIMER_REAL, "x")
attempt(signal.setitimer, signal.ITIMER_REAL, float("nan"))
attempt(signal.setitimer, signal.ITIMER_REAL, 10**12)
attempt(signal.setitimer, signal.ITIMER_REAL, 1e12)
attempt(signal.setitimer)
attempt(signal.getitimer, 7)
print(signal.setitimer(signal.ITIMER_VIRTUAL, 100, 0.5))
value, interval = signal.getitimer(signal.ITIMER_VIRTUAL)
print(99 < value <= 101, interval)
value, interval = signal.setitimer(signal.ITIMER_VIRTUAL, 0)
print(99 < value <= 101, interval)
print(signal.getitimer(signal.ITIMER_VIRTUAL))
print(signal.getitimer(signal.ITIMER_PROF))
print(signal.alarm(100))
print(0 < signal.alarm(0) <= 100)
attempt(signal.alarm, 1.5)

got = []


def record(signum, frame):
    got.append(signal.Signals(signum).name)


# A real timer and pause(): the handler runs before pause returns.
signal.signal(signal.SIGALRM, record)
signal.setitimer(signal.ITIMER_REAL, 0.05)
signal.pause()
print("after pause", got)

# raise_signal and pthread_kill run the handler before they return.
signal.signal(signal.SIGUSR1, record)
signal.raise_signal(signal.SIGUSR1)
print("after raise_signal", got)
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print("after pthread_kill", got)
attempt(signal.raise_signal, 0)
attempt(signal.raise_signal, -1)


# Masks: a blocked signal waits in sigpending; unblocking runs its handler.
def boom(signum, frame):
    1 / 0


signal.signal(signal.SIGUSR1, boom)
print(signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1]))
os.kill(os.getpid(), signal.SIGUSR1)
print("pending", signal.sigpending())
print(signal.SIGUSR1 in signal.pthread_sigmask(signal.SIG_BLOCK, []))
try:
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR1])
    print("not raised")
except ZeroDivisionError:
    print("handler ran on unblock")
print(signal.sigpending())
attempt(signal.pthread_sigmask, 1700, [])
attempt(signal.pthread_sigmask, signal.SIG_BLOCK, [0])
attempt(signal.pthread_sigmask, signal.SIG_BLOCK, [signal.NSIG])
attempt(signal.pthread_sigmask, signal.SIG_BLOCK, [1 << 1000])
attempt(signal.pthread_sigmask, signal.SIG_BLOCK, ["x"])
attempt(signal.pthread_sigmask, signal.SIG_BLOCK, 5)

# Waiting for a blocked signal takes it without running the handler.
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR2, signal.SIGUSR1])
os.kill(os.getpid(), signal.SIGUSR2)
print(signal.sigwait([signal.SIGUSR2]))
os.kill(os.getpid(), signal.SIGUSR1)
info = signal.sigwaitinfo([signal.SIGUSR1])
print(type(info).__name__, info.si_signo, info.si_code, info.si_pid == os.getpid(), len(info))
print(signal.sigtimedwait([signal.SIGUSR1], 0))
attempt(signal.sigtimedwait, [signal.SIGUSR1], -1.0)
signal.raise_signal(signal.SIGUSR1)
info = signal.sigtimedwait([signal.SIGUSR1], 1)
print(info.si_signo, info.si_code)
signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGUSR2, signal.SIGUSR1])
print(signal.sigpending())

# A read a signal interrupts runs the handler, then resumes (PEP 475)...
r, w = os.pipe()


def feed(signum, frame):
    got.append("feed")
    os.write(w, b"fed")


signal.signal(signal.SIGALRM, feed)
signal.setitimer(signal.ITIMER_REAL, 0.05)
print(os.read(r, 10), got[-1])

# ...and a handler's exception ends it, with or without siginterrupt.
signal.signal(signal.SIGALRM, boom)
for flag in (None, True):
    if flag is not None:
        signal.siginterrupt(signal.SIGALRM, flag)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    try:
        os.read(r, 10)
        print("read returned")
    except ZeroDivisionError:
        print("read interrupted", flag)
os.close(r)
os.close(w)
signal.signal(signal.SIGALRM, signal.SIG_DFL)
print("done")

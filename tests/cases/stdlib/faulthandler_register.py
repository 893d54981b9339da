# faulthandler.register: a traceback on a user signal (chained or not), unregister, the
# signals it refuses; PYTHONFAULTHANDLER / -X faulthandler; the thread order of a dump.
import faulthandler, os, signal, subprocess, sys, tempfile

def func(signum):
    os.kill(os.getpid(), signum)

def handler(signum, frame):
    handler.called += 1
handler.called = 0

def show(f):
    f.seek(0)
    print(f.read().decode().replace(__file__, "FILE"), end="")
    f.seek(0)
    f.truncate()

with tempfile.TemporaryFile() as f:
    signal.signal(signal.SIGUSR1, handler)
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False, chain=True)
    func(signal.SIGUSR1)
    show(f)
    print("handler called:", handler.called)
    faulthandler.register(signal.SIGUSR1, file=f, all_threads=False)  # chain now off
    func(signal.SIGUSR1)
    show(f)
    print("handler called:", handler.called)
    print(faulthandler.unregister(signal.SIGUSR1), faulthandler.unregister(signal.SIGUSR1))
    func(signal.SIGUSR1)
    show(f)
    print("handler called:", handler.called)
    faulthandler.register(signal.SIGUSR2, file=f.fileno())
    func(signal.SIGUSR2)
    f.seek(0)
    lines = f.read().decode().splitlines()
    print(lines[0].startswith("Current thread 0x"), lines[0].endswith("(most recent call first):"))
    print([l.replace(__file__, "FILE") for l in lines[1:]])
    faulthandler.unregister(signal.SIGUSR2)

for bad in (signal.SIGSEGV, signal.SIGABRT, 0, 100, -1):
    try:
        faulthandler.register(bad)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
    try:
        faulthandler.unregister(bad)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)

# Unregistered with the default action, the signal ends the process.
code = "import faulthandler, os, signal\nfaulthandler.register(signal.SIGUSR1)\nfaulthandler.unregister(signal.SIGUSR1)\nos.kill(os.getpid(), signal.SIGUSR1)\nprint('alive')"
p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(p.returncode, repr(p.stdout), repr(p.stderr))

# Enabled at startup by the environment or -X.
code = "import faulthandler; print(faulthandler.is_enabled())"
env = {k: v for k, v in os.environ.items() if k not in ("PYTHONFAULTHANDLER", "PYTHONDEVMODE")}
for extra, opts in (({}, []), ({"PYTHONFAULTHANDLER": ""}, []), ({"PYTHONFAULTHANDLER": "1"}, []),
                    ({"PYTHONFAULTHANDLER": "1"}, ["-E"]), ({}, ["-X", "faulthandler"])):
    out = subprocess.run([sys.executable, *opts, "-c", code], env={**env, **extra},
                         capture_output=True, text=True).stdout.strip()
    print(extra, opts, out)

# All threads: the other thread first (newest first), the current one last.
import threading
ready, stop = threading.Event(), threading.Event()
def waiter():
    ready.set()
    stop.wait()
t = threading.Thread(target=waiter)
t.start()
ready.wait()
with tempfile.TemporaryFile() as f:
    faulthandler.dump_traceback(f)
    f.seek(0)
    heads = [l.split(" 0x")[0] for l in f.read().decode().splitlines() if "most recent call first" in l]
print(heads)
stop.set()
t.join()

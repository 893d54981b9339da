# _thread.interrupt_main in the main thread: the SIGINT handler runs at once.
import _thread
import signal

try:
    _thread.interrupt_main()
except KeyboardInterrupt:
    print("KeyboardInterrupt at once")
got = []
old = signal.signal(signal.SIGINT, lambda signum, frame: got.append(signum))
_thread.interrupt_main()
_thread.interrupt_main(signal.SIGINT)
print(got)
signal.signal(signal.SIGINT, signal.SIG_IGN)
_thread.interrupt_main()
signal.signal(signal.SIGINT, old)
_thread.interrupt_main(signal.SIGTERM)
for bad in (-1, 0, 65):
    try:
        _thread.interrupt_main(bad)
    except ValueError as e:
        print("ValueError:", e)
print("done")

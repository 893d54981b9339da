import faulthandler, sys, io, os, tempfile
print(faulthandler.is_enabled())
faulthandler.enable()
print(faulthandler.is_enabled())
print(faulthandler.disable(), faulthandler.disable(), faulthandler.is_enabled())
def inner(f):
    faulthandler.dump_traceback(f, all_threads=False)
def outer(f):
    inner(f)
with tempfile.TemporaryFile() as f:
    outer(f)
    f.seek(0)
    print(f.read().decode().replace(__file__, "FILE"))
sys.stdout.flush()
outer(sys.stdout)
try: faulthandler.dump_traceback(io.StringIO())
except Exception as e: print(type(e).__name__, e)
try: faulthandler.dump_traceback(-1)
except ValueError as e: print(e)
try: faulthandler.dump_traceback_later(-1)
except ValueError as e: print(e)
try: faulthandler.dump_traceback_later(0)
except ValueError as e: print(e)
faulthandler.dump_traceback_later(100)
faulthandler.cancel_dump_traceback_later()
faulthandler.cancel_dump_traceback_later()
r, w = os.pipe()
faulthandler.dump_traceback(w, all_threads=True)
os.close(w)
print(os.read(r, 1000).decode().splitlines()[0].startswith("Current thread 0x"))
print(hasattr(faulthandler, "dump_traceback_later"))
# the watchdog: dumps every thread after the timeout, repeatedly, until cancelled
import re, time
def busy(f):
    # until the watchdog has written (at most 10 s, for a loaded machine)
    t = time.monotonic()
    while os.fstat(f.fileno()).st_size == 0 and time.monotonic() - t < 10: pass
with tempfile.TemporaryFile() as f:
    faulthandler.dump_traceback_later(0.2, repeat=True, file=f)
    busy(f)
    faulthandler.cancel_dump_traceback_later()
    f.seek(0)
    text = re.sub(r"0x[0-9a-f]{16}", "0xID", f.read().decode().replace(__file__, "FILE"))
print(text.split("!\n")[0], text.count("Timeout") >= 1, text.splitlines()[1:4])
# exit=True ends the process with status 1 while the main thread sleeps
import subprocess
code = """if 1:
    import faulthandler, sys, time
    faulthandler.dump_traceback_later(0.2, exit=True, file=sys.stdout)
    def sleeper():
        time.sleep(5)
    sleeper()
    print("not reached")
"""
r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
print(r.returncode, re.sub(r"0x[0-9a-f]{16}", "0xID", r.stdout), repr(r.stderr))

# expect: instructions
# Threads do not exist yet: starting one raises RuntimeError, so the main loop is what runs
# into the limit; when they land, this program must still end with the limit (no thread may
# keep running after it).
import _thread
def spin():
    while True:
        pass
try:
    _thread.start_new_thread(spin, ())
except RuntimeError:
    pass
while True:
    pass

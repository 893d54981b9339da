# SystemExit can be caught; its code attribute; sys.exit variants
import sys
for args in [(), (0,), (2,), ("message",), (None,), ([1, 2],)]:
    try:
        sys.exit(*args)
    except SystemExit as e:
        print(f"sys.exit{args!r}: code={e.code!r} args={e.args!r}")
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print("two-arg SystemExit code:", e.code)
try:
    raise SystemExit
except SystemExit as e:
    print("bare SystemExit code:", e.code)
try:
    try:
        sys.exit(4)
    except Exception:
        print("never: SystemExit is not an Exception")
except BaseException as e:
    print("caught by BaseException:", type(e).__name__, e.code)
def cleanup_runs():
    try:
        sys.exit(9)
    finally:
        print("finally runs during sys.exit")
try:
    cleanup_runs()
except SystemExit as e:
    print("code", e.code)
class Exiting:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("__exit__ sees", et.__name__, ev.code)
        return True
with Exiting():
    sys.exit(11)
print("suppressed SystemExit by context manager")
print("exiting for real with code 0 via SystemExit(None)")
raise SystemExit(None)

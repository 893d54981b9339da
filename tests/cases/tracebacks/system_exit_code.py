# raise SystemExit(3): no traceback, exit status 3
import sys
print("about to exit with 3")
sys.stdout.flush()
try:
    raise SystemExit(0)
except SystemExit as e:
    print("caught SystemExit with code", e.code)
raise SystemExit(3)

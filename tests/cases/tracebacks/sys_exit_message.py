# sys.exit("message"): the message goes to stderr and the status is 1
import sys
print("before exit")
def finish():
    try:
        sys.exit("fatal: configuration missing")
    finally:
        print("finally blocks still run")
finish()
print("never")

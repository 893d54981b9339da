# sys.setprofile: call/return for Python frames, c_call/c_return/c_exception for builtins.
import sys

events = []


def prof(frame, event, arg):
    if event.startswith("c_"):
        arg = arg.__name__
    events.append((frame.f_code.co_name, event, arg))


def inner(x):
    return len(x) + 1


def outer():
    v = inner([1, 2, 3])
    try:
        int("nope")
    except ValueError:
        pass
    return v


print(sys.getprofile())
sys.setprofile(prof)
r = outer()
sys.setprofile(None)
print(sys.getprofile(), r)
for e in events:
    print(e)

# sys.settrace: call/line/return/exception events, local trace functions (f_trace), frame
# attributes seen by the trace function, and sys.gettrace.
import sys

events = []


def tracer(frame, event, arg):
    name = frame.f_code.co_name
    if event == "exception":
        arg = (arg[0].__name__, str(arg[1]))
    elif event == "call":
        arg = sorted(frame.f_locals.items())
    events.append((name, event, frame.f_lineno - frame.f_code.co_firstlineno, arg))
    return tracer


def add(a, b):
    c = a + b
    return c


def loop(n):
    total = 0
    for i in range(n):
        total += add(i, 1)
    return total


def fails():
    x = 1
    raise ValueError("bad")


def catches():
    try:
        fails()
    except ValueError as e:
        return "caught " + str(e)


def gen(n):
    for i in range(n):
        yield i * 2


print(sys.gettrace())
sys.settrace(tracer)
r1 = loop(2)
r2 = catches()
r3 = list(gen(2))
sys.settrace(None)
print(sys.gettrace())
print(r1, r2, r3)
for e in events:
    print(e)

# A global trace function that returns None traces calls only; a local function that
# stops returning itself still sees the frame's later events (trace_trampoline keeps f_trace).
calls = []


def only_calls(frame, event, arg):
    calls.append((frame.f_code.co_name, event))


sys.settrace(only_calls)
loop(1)
sys.settrace(None)
print(calls)

seen = []


def once(frame, event, arg):
    seen.append((frame.f_code.co_name, event))
    if event == "call":
        return local
    return None


def local(frame, event, arg):
    seen.append(("local", frame.f_code.co_name, event))


sys.settrace(once)
add(1, 2)
sys.settrace(None)
print(seen)


# A trace function that raises stops tracing, and the error reaches the traced code.
def broken(frame, event, arg):
    if event == "line":
        raise RuntimeError("tracer broke")
    return broken


sys.settrace(broken)
try:
    add(1, 2)
except RuntimeError as e:
    print("error from tracer:", e, sys.gettrace())

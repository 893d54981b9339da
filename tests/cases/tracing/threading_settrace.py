# threading.settrace / threading.setprofile: threads started afterwards run with the hook.
import sys
import threading

seen = []


def tracer(frame, event, arg):
    if event == "call":
        seen.append(("trace", frame.f_code.co_name))
    return None


def prof(frame, event, arg):
    if event == "call" and frame.f_code.co_name == "work":
        seen.append(("profile", frame.f_code.co_name))


def work(n):
    return sum(range(n))


threading.settrace(tracer)
t = threading.Thread(target=work, args=(10,))
t.start()
t.join()
threading.settrace(None)
print([s for s in seen if s[1] == "work"])
print(sys.gettrace())
seen.clear()
threading.setprofile(prof)
t = threading.Thread(target=work, args=(10,))
t.start()
t.join()
threading.setprofile(None)
print(seen)
print(sys.getprofile())

# os.times, umask, getgroups, get_terminal_size (not a terminal here), terminal_size, pipe and dup.
import os
t = os.times(); print(type(t).__name__, type(t).__module__, len(t), t.elapsed > 0, repr(t).startswith('posix.times_result(user='))
old = os.umask(0o27); print(oct(os.umask(old)), os.umask(old) == old)  # the inherited mask varies
print(isinstance(os.getgroups(), list))
try: print(os.get_terminal_size())
except OSError as e: print(e)
print(os.terminal_size((80, 24)), os.terminal_size((80, 24)).columns)
r, w = os.pipe(); print(r > 2, w > 2); os.write(w, b'hi'); print(os.read(r, 2))
d = os.dup(r); print(d > w); os.close(r); os.close(w); os.close(d)

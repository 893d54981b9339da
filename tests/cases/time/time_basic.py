# The time module: struct_time, gmtime/localtime (UTC), strftime, asctime, mktime, clocks.
import time
t=time.gmtime(0); print(repr(t), t.n_fields, t.n_sequence_fields, t.tm_zone, t.tm_gmtoff, time.localtime(0).tm_zone, time.timezone, time.tzname, time.daylight)
print(time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %p %I %y %Z %z %%', time.gmtime(1e9)), time.asctime(time.gmtime(1e9)), time.ctime(1e9))
try: time.sleep(-1)
except ValueError as e: print(e)
print(time.mktime(time.gmtime(1e9)))
for s in (0, 951782400, 1709208000, -86400, 4102444800): print(tuple(time.gmtime(s)))
a = time.monotonic(); time.sleep(0.01); print(time.monotonic() - a >= 0.01, isinstance(time.time(), float), type(time.time_ns()).__name__)

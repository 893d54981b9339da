import tracemalloc
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory(), tracemalloc.get_traceback_limit())
tracemalloc.start(5)
print(tracemalloc.is_tracing(), tracemalloc.get_traceback_limit())
data = [bytes(1000) for _ in range(1000)]
cur, peak = tracemalloc.get_traced_memory()
print(cur >= 1_000_000, peak >= cur)
del data
cur2, peak2 = tracemalloc.get_traced_memory()
print(cur2 < cur, peak2 >= 1_000_000)
tracemalloc.reset_peak()
cur3, peak3 = tracemalloc.get_traced_memory()
print(peak3 < 1_000_000, peak3 >= cur3)
snap = tracemalloc.take_snapshot()
print(type(snap).__name__, snap.traceback_limit)
print(isinstance(snap.statistics('lineno'), list))
print(isinstance(tracemalloc.get_tracemalloc_memory(), int))
tracemalloc.clear_traces()
tracemalloc.stop()
print(tracemalloc.is_tracing(), tracemalloc.get_traced_memory())
try:
    tracemalloc.take_snapshot()
except RuntimeError as e:
    print(e)
try:
    tracemalloc.start(0)
except ValueError as e:
    print(e)
print(tracemalloc.get_object_traceback(object()))

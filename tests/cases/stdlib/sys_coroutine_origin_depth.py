# sys.get/set_coroutine_origin_tracking_depth: asyncio's debug mode sets and restores it.
import sys
import threading

print(sys.get_coroutine_origin_tracking_depth())
for bad in (-1, "x", 2**40, 1.5):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
sys.set_coroutine_origin_tracking_depth(depth=3)
print(sys.get_coroutine_origin_tracking_depth())
# Per thread.
seen = []
t = threading.Thread(target=lambda: seen.append(sys.get_coroutine_origin_tracking_depth()))
t.start()
t.join()
print(seen)
sys.set_coroutine_origin_tracking_depth(0)
print(sys.get_coroutine_origin_tracking_depth())

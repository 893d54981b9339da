# sys.set_coroutine_origin_tracking_depth / cr_origin, the "never awaited" RuntimeWarning,
# sys.unraisablehook, and finalizers that see the dying object itself.
import inspect
import os
import sys
import types
import warnings
import weakref


def short(origin):
    if origin is None:
        return None
    return tuple((os.path.basename(f), line, name) for f, line, name in origin)


async def corofn():
    pass


def nested():
    return corofn()


def outer():
    return nested()


print(sys.get_coroutine_origin_tracking_depth())
c = corofn()
print(c.cr_origin)
c.close()

sys.set_coroutine_origin_tracking_depth(1)
c = outer()
print(short(c.cr_origin))
c.close()

sys.set_coroutine_origin_tracking_depth(2)
c = outer()
print(short(c.cr_origin))
c.close()

sys.set_coroutine_origin_tracking_depth(1000)
c = outer()
print(short(c.cr_origin))
c.close()

for bad in (-1, "x", 2**40):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
print(sys.get_coroutine_origin_tracking_depth())
try:
    sys.set_coroutine_origin_tracking_depth()
except TypeError as e:
    print("TypeError", e)
sys.set_coroutine_origin_tracking_depth(depth=0)


# Generators and iterable coroutines have no cr_origin.
@types.coroutine
def gencoro():
    yield


print(hasattr(gencoro(), "cr_origin"))


def unawaited(depth):
    sys.set_coroutine_origin_tracking_depth(depth)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        outer()
        for x in w:
            here = os.path.dirname(__file__)
            print(x.category.__name__, str(x.message).replace(here + os.sep, ""))
    sys.set_coroutine_origin_tracking_depth(0)


unawaited(0)
unawaited(2)

# Closed, finished, or a generator-based coroutine: no warning.
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = corofn()
    c.close()
    del c
    c = corofn()
    try:
        c.send(None)
    except StopIteration:
        pass
    del c
    gencoro()
    print(len(w))


# A failing _warn_unawaited_coroutine goes to sys.unraisablehook, then the plain warning.
seen = []


def hook(args):
    seen.append((args.exc_type.__name__, args.err_msg, repr(args.object) == who[0]))


orig = warnings._warn_unawaited_coroutine
who = []
sys.unraisablehook = hook
warnings._warn_unawaited_coroutine = lambda coro: 1 / 0
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = corofn()
    who.append(repr(c))
    del c
    print([str(x.message).split(" at ")[0] for x in w])
print(seen)
del warnings._warn_unawaited_coroutine
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    corofn()
    print([str(x.message) for x in w])
warnings._warn_unawaited_coroutine = orig

# A finalizer's exception reaches the hook with the __del__ function as the object.
seen.clear()


class Bad:
    def __del__(self):
        raise KeyError("boom")


def hook2(args):
    seen.append((args.exc_type.__name__, str(args.exc_value), args.err_msg, args.object is Bad.__del__))
    print(type(args).__name__, len(args))


sys.unraisablehook = hook2
Bad()
print(seen)
sys.unraisablehook = sys.__unraisablehook__


# __del__ sees the object itself: its id and its live weak references.
class Res:
    def __del__(self):
        global keep
        print("del", id(self) == first[0], ref() is self)
        keep = self


first = []
r = Res()
first.append(id(r))
ref = weakref.ref(r, lambda w: print("callback"))
del r
print("resurrected", ref() is keep)
del keep
print("gone", ref())

# Frame positions: f_lasti is an even offset that inspect maps back to the line.
f = sys._getframe()
print(f.f_lasti % 2, f.f_lasti >= 0, inspect.getframeinfo(f).lineno == f.f_lineno)

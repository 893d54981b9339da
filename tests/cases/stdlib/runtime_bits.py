# Small runtime pieces asyncio stands on: types.coroutine (code.replace + function.__code__
# assignment + awaiting a generator marked CO_ITERABLE_COROUTINE), types.SimpleNamespace,
# time.get_clock_info, sys.is_finalizing and the async-generator hooks.
import sys
import time
import types


@types.coroutine
def gen_based():
    yield "suspended"
    return "result"


async def uses_it():
    return await gen_based()


co = uses_it()
print(co.send(None))
try:
    co.send(None)
except StopIteration as e:
    print("returned", e.value)
print(hex(gen_based.__code__.co_flags & 0x1a0))


def plain():
    return 1


c2 = plain.__code__.replace(co_name="renamed", co_firstlineno=99)
print(c2.co_name, c2.co_firstlineno, plain.__code__.co_name)
plain.__code__ = c2
print(plain.__code__.co_name, plain())
for bad in (None, 1):
    try:
        plain.__code__ = bad
    except TypeError as e:
        print(e)


def outer():
    x = 1

    def inner():
        return x

    return inner


try:
    plain.__code__ = outer().__code__
except ValueError as e:
    print(e)
try:
    plain.__code__.replace(nonsense=1)
except TypeError as e:
    print(e)

ns = types.SimpleNamespace(a=1, b="two")
print(ns, ns.a, ns == types.SimpleNamespace(a=1, b="two"), ns == types.SimpleNamespace(a=1))
ns.c = [3]
del ns.a
print(ns, sorted(vars(ns)))
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print(e)
print(types.SimpleNamespace(), type(ns).__name__)

for name in ("time", "monotonic", "perf_counter", "process_time", "thread_time"):
    info = time.get_clock_info(name)
    print(name, info.implementation, info.monotonic, info.adjustable, info.resolution)
try:
    time.get_clock_info("nope")
except ValueError as e:
    print(e)

print(sys.is_finalizing())
print(sys.get_asyncgen_hooks())
def first(agen):
    pass
sys.set_asyncgen_hooks(firstiter=first)
h = sys.get_asyncgen_hooks()
print(h.firstiter is first, h.finalizer, h[0] is first, len(h))
sys.set_asyncgen_hooks(finalizer=None)
print(sys.get_asyncgen_hooks().firstiter is first)
try:
    sys.set_asyncgen_hooks(firstiter=1)
except TypeError as e:
    print(e)
sys.set_asyncgen_hooks(None, None)
print(sys.get_asyncgen_hooks())

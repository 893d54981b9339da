# Generators resumed by `for`, `yield from` and `await` (which Krait runs in the caller's eval
# loop): state flags, handled exceptions across yields, PEP 479, return values, exceptions
# thrown in, frames and tracebacks seen from inside, recursion limits.
import sys
import traceback


def counter(n):
    i = 0
    while i < n:
        yield i
        i += 1
    return "done"


print(sum(x for x in counter(5)), [x for x in counter(4)])
total = 0
for x in counter(10):
    total += x
print("total", total)

# gi_running and "already executing" while a for loop runs the generator.
def selfish():
    yield me.gi_running
    try:
        next(me)
    except ValueError as e:
        yield str(e)
    try:
        me.send(None)
    except ValueError as e:
        yield str(e)
    yield me.gi_suspended


me = selfish()
for v in me:
    print("selfish", v, me.gi_running, me.gi_suspended)
print("after", me.gi_running, me.gi_suspended, me.gi_frame)


# The caller's frame is f_back; the generator's own name is on the frame.
def where():
    for _ in range(2):
        f = sys._getframe()
        yield (f.f_code.co_name, f.f_back.f_code.co_name)


def consumer():
    return [w for w in where()], [w for w in iter(where())]


print(consumer())
for w in where():
    print("module loop", w)


# A handled exception stays the generator's across yields, not the consumer's.
def in_handler():
    try:
        raise KeyError("inner")
    except KeyError:
        yield sys.exc_info()[0].__name__
        yield repr(sys.exc_info()[1])
    yield sys.exc_info()[0]


for v in in_handler():
    print("item", v, "consumer sees", sys.exc_info()[0])

try:
    raise IndexError("outer")
except IndexError:
    for v in in_handler():
        print("item in except", v, "consumer sees", sys.exc_info()[0].__name__)
    print("still", sys.exc_info()[0].__name__)


# PEP 479: StopIteration inside becomes RuntimeError at the for loop.
def leaky():
    yield 1
    raise StopIteration("leak")


try:
    for v in leaky():
        print("leaky", v)
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__), e.__suppress_context__)
    print([fr.name for fr in traceback.extract_tb(e.__traceback__)])


def leaky_inner():
    for v in leaky():
        yield v * 10


try:
    for v in leaky_inner():
        print("leaky_inner", v)
except RuntimeError as e:
    print("outer", type(e).__name__, e)
    print([fr.name for fr in traceback.extract_tb(e.__traceback__)])


# An exception from a nested pipeline keeps every frame in its traceback.
def source():
    yield 1
    yield 0


def divide(it):
    for x in it:
        yield 10 // x


def scale(it):
    for x in it:
        yield x * 2


try:
    for v in scale(divide(source())):
        print("pipeline", v)
except ZeroDivisionError as e:
    tb = traceback.extract_tb(e.__traceback__)
    print([(fr.name, fr.line) for fr in tb])

# A caught exception inside the generator, and the loop going on.
def resilient():
    for x in [1, 0, 2]:
        try:
            yield 10 // x
        except GeneratorExit:
            raise
        except Exception as e:
            print("never here", e)
        try:
            1 / x
        except ZeroDivisionError as e:
            print("caught inside", e)


print(list(resilient()))
for v in resilient():
    print("resilient", v)

# Return values through yield from; the delegating generator sees them.
def inner(n):
    for i in range(n):
        got = yield i
        if got is not None:
            print("inner got", got)
    return n * 100


def outer():
    r = yield from inner(3)
    print("inner returned", r)
    r2 = yield from counter(2)
    print("counter returned", r2)
    return r + 1


for v in outer():
    print("outer item", v)
o = outer()
print(next(o), o.send("a"), o.send("b"))
try:
    o.send("c")
    o.send(None)
    o.send(None)
except StopIteration as e:
    print("stop", e.value)

# throw() into a generator suspended in yield from, while a for loop drives it.
def thrower():
    try:
        yield from inner(5)
    except ValueError as e:
        yield "caught " + str(e)
    yield "end"


t = thrower()
for v in t:
    print("thrower", v)
    if v == 1:
        print("thrown ->", t.throw(ValueError("boom")))


# break out of a for loop, finish by hand later; finally runs when closed.
def finalized():
    try:
        for i in range(5):
            yield i
    finally:
        print("finally ran")


g = finalized()
for v in g:
    if v == 2:
        break
print("broke at", v, next(g))
g.close()
for v in finalized():
    if v == 1:
        break
print("after loop")


# Loop else and a generator that returns at once.
def empty():
    return 5
    yield


for v in empty():
    print("never")
else:
    print("else ran")

# Coroutines awaiting coroutines.
class Later:
    def __await__(self):
        v = yield "suspend"
        return v


async def leaf(x):
    got = await Later()
    if x == 3:
        raise KeyError(x)
    return x + got


async def middle(x):
    return await leaf(x) * 2


async def top():
    out = []
    for i in range(4):
        try:
            out.append(await middle(i))
        except KeyError as e:
            out.append("KeyError %s" % e)
            tb = traceback.extract_tb(e.__traceback__)
            out.append([fr.name for fr in tb])
    return out


c = top()
steps = 0
try:
    y = c.send(None)
    while True:
        steps += 1
        y = c.send(steps)
except StopIteration as e:
    print("coroutine result", e.value, "steps", steps)


async def raiser():
    raise StopIteration("in coroutine")


async def awaiting():
    await raiser()


try:
    awaiting().send(None)
except RuntimeError as e:
    print(type(e).__name__, e, repr(e.__cause__))


# Deep recursion through generators: fine under the limit, RecursionError past it.
def nest(depth):
    if depth == 0:
        yield "bottom"
        return
    for v in nest(depth - 1):
        yield v


print(list(nest(200)))


def nest_from(depth):
    if depth == 0:
        yield "bottom"
        return "r"
    r = yield from nest_from(depth - 1)
    return r


print(list(nest_from(200)))
limit = sys.getrecursionlimit()
sys.setrecursionlimit(120)
try:
    print(list(nest(500)))
except RecursionError as e:
    print("RecursionError", e)
try:
    print(list(nest_from(500)))
except RecursionError as e:
    print("RecursionError", e)
sys.setrecursionlimit(limit)


# A generator exhausted by one loop stays exhausted; a second loop sees nothing.
g = counter(3)
print(list(g), list(g), [v for v in g])

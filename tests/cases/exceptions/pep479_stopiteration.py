# StopIteration inside generators becomes RuntimeError (PEP 479), elsewhere it doesn't
def gen_raises():
    yield 1
    raise StopIteration("explicit")
try:
    print(list(gen_raises()))
except RuntimeError as e:
    print("RuntimeError", e, "| cause:", repr(e.__cause__), "| ctx is cause:", e.__context__ is e.__cause__)
def gen_next_on_empty():
    yield next(iter([]))
try:
    next(gen_next_on_empty())
except RuntimeError as e:
    print("RuntimeError", e)
def plain_function():
    raise StopIteration("in a plain function")
try:
    plain_function()
except StopIteration as e:
    print("plain functions propagate StopIteration:", e)
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration
print(list(It()), "iterator protocol StopIteration is fine")
def gen_with_for():
    for x in It():
        yield x
    yield "after exhausted loop"
print(list(gen_with_for()))
def gen_catches():
    try:
        yield next(iter([]))
    except StopIteration:
        yield "caught locally"
print(list(gen_catches()))
async def coro_raises():
    raise StopIteration("in coroutine")
c = coro_raises()
try:
    c.send(None)
except RuntimeError as e:
    print("coroutine:", e)
async def agen_raises():
    yield 1
    raise StopAsyncIteration
ag = agen_raises()
def run(aw):
    try:
        while True:
            aw.send(None)
    except StopIteration as e:
        return e.value
print(run(ag.__anext__()))
try:
    run(ag.__anext__())
except RuntimeError as e:
    print("async generator:", e)
def gen_return_value():
    return "value"
    yield
try:
    next(gen_return_value())
except StopIteration as e:
    print("return is fine:", e.value)

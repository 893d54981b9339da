# return in a generator sets StopIteration.value; PEP 479
def gen():
    yield 1
    return "the value"
g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print(repr(e), e.value, e.args)
def no_return():
    yield 1
g = no_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print(repr(e), e.value)
def return_none():
    yield 1
    return None
g = return_none(); next(g)
try:
    next(g)
except StopIteration as e:
    print(repr(e), e.value)
def return_tuple():
    return (1, 2)
    yield
try:
    next(return_tuple())
except StopIteration as e:
    print(e.value, e.args)
def leaky():
    yield 1
    raise StopIteration("leaked")
try:
    list(leaky())
except RuntimeError as e:
    print("RuntimeError", e, "| cause:", repr(e.__cause__))
def leaky_next():
    it = iter([])
    yield next(it)
try:
    next(leaky_next())
except RuntimeError as e:
    print("RuntimeError", e, type(e.__cause__).__name__)
def caught_inside():
    try:
        raise StopIteration("caught")
    except StopIteration:
        yield "handled inside is fine"
print(list(caught_inside()))
def subclass_leak():
    class MyStop(StopIteration):
        pass
    yield 1
    raise MyStop
try:
    list(subclass_leak())
except RuntimeError as e:
    print("RuntimeError", e)
def exhausted_twice():
    yield 1
g = exhausted_twice()
print(list(g), list(g))
s = StopIteration(1, 2)
print(s.value, s.args)
s2 = StopIteration()
print(s2.value)
def gen_exp_stop():
    return list(x for x in [1, 2] if x < next(iter([5])))
print(gen_exp_stop())

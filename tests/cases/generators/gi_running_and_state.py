# Generator introspection: gi_running, gi_frame, gi_code, gi_yieldfrom, re-entrance errors
def self_referencing():
    yield gen.gi_running
    try:
        next(gen)
    except ValueError as e:
        yield f"ValueError: {e}"
gen = self_referencing()
print(gen.gi_running)
print(next(gen))
print(next(gen))
print(gen.gi_running)
def simple():
    yield 1
g = simple()
print(g.gi_frame is not None, g.gi_code.co_name, g.__name__, g.__qualname__)
print(g.gi_frame.f_lineno if False else "skip frame lineno")
next(g)
list(g)
print(g.gi_frame)
def inner():
    yield 1
def outer():
    yield from inner()
o = outer()
print(o.gi_yieldfrom)
next(o)
print(type(o.gi_yieldfrom).__name__, o.gi_yieldfrom.__name__)
def sender():
    yield
s = sender()
next(s)
def resend():
    x = yield
    s2.send(x)
    yield
s2 = resend()
next(s2)
try:
    s2.send(1)
except ValueError as e:
    print("ValueError", e)
def thrower():
    yield
    t.throw(KeyError)
t = thrower()
next(t)
try:
    next(t)
except ValueError as e:
    print("ValueError", e)
def closer():
    yield
    cl.close()
cl = closer()
next(cl)
try:
    next(cl)
except ValueError as e:
    print("ValueError", e)
print(type(simple()).__name__, hasattr(simple(), "send"), hasattr(simple(), "__next__"))

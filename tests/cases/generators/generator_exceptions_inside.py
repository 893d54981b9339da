# Exceptions inside generators: propagation, resumption impossible, handling per item
def risky(items):
    for x in items:
        if x == 0:
            raise ZeroDivisionError(f"item {x}")
        yield 10 // x
g = risky([5, 2, 0, 1])
out = []
try:
    for v in g:
        out.append(v)
except ZeroDivisionError as e:
    print("stopped by", e, "after", out)
print(list(g), "(a generator that raised is finished)")
def safe(items):
    for x in items:
        try:
            yield 10 // x
        except ZeroDivisionError:
            yield "inf"
print(list(safe([5, 0, 2])))
def handler_around_yield():
    try:
        yield 1
        yield 2
    except Exception as e:
        print("  never: exceptions at consumer side don't enter the generator")
    finally:
        print("  finally runs at close")
h = handler_around_yield()
for v in h:
    try:
        raise ValueError("consumer-side")
    except ValueError:
        print("consumer handled", v)
def context_in_gen():
    try:
        raise KeyError("in gen")
    except KeyError:
        yield "suspended inside except"
        raise TypeError("after resume")
g2 = context_in_gen()
print(next(g2))
try:
    raise OSError("consumer")
except OSError:
    try:
        next(g2)
    except TypeError as e:
        print("TypeError", e, "context:", repr(e.__context__))
def finally_yield():
    try:
        yield "body"
    finally:
        yield "from finally"
print(list(finally_yield()))
fy = finally_yield()
next(fy)
try:
    fy.close()
except RuntimeError as e:
    print("RuntimeError", e)
def reraiser():
    try:
        yield 1
    except ValueError:
        raise
r = reraiser()
next(r)
try:
    r.throw(ValueError("rethrown"))
except ValueError as e:
    print("ValueError", e)

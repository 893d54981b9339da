# generator.throw() and generator.close()
def resilient():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("  handled inside:", e)
            yield "recovered"
g = resilient()
print(next(g))
print(g.throw(ValueError("oops")))
print(next(g))
try:
    g.throw(KeyError("not handled"))
except KeyError as e:
    print("propagated", e)
print(g.gi_frame is None)
try:
    next(g)
except StopIteration:
    print("generator is finished after unhandled throw")
def fresh():
    print("  never runs")
    yield 1
f = fresh()
try:
    f.throw(RuntimeError("thrown before start"))
except RuntimeError as e:
    print("RuntimeError", e)
def with_cleanup():
    try:
        yield 1
        yield 2
    finally:
        print("  cleanup on close")
c = with_cleanup()
print(next(c))
print(c.close())
print(c.close())
c2 = with_cleanup()
c2.close()
print("closing an unstarted generator runs nothing")
def catches_exit():
    try:
        yield 1
    except GeneratorExit:
        print("  saw GeneratorExit")
        raise
ce = catches_exit()
next(ce)
ce.close()
def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        yield "refuse to die"
ie = ignores_exit()
next(ie)
try:
    ie.close()
except RuntimeError as e:
    print("RuntimeError", e)
def returns_on_exit():
    try:
        yield 1
    except GeneratorExit:
        return "ignored return value"
r = returns_on_exit()
next(r)
print(r.close())
def throw_returns():
    try:
        yield 1
    except ValueError:
        return "done after throw"
t = throw_returns()
next(t)
try:
    t.throw(ValueError)
except StopIteration as e:
    print("StopIteration value:", e.value)
try:
    t.throw(ValueError, ValueError("x"), None)
except ValueError as e:
    print("ValueError on finished generator:", e)

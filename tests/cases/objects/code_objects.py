# __code__.co_* basics
def f(a, b, c=1, *args, d, e=2, **kw):
    x = a + b
    y = [x]
    return y
co = f.__code__
print(co.co_name, co.co_argcount, co.co_posonlyargcount, co.co_kwonlyargcount, co.co_nlocals)
print(co.co_varnames, co.co_filename.endswith("code_objects.py"), co.co_firstlineno, co.co_qualname)
print(bool(co.co_flags & 0x04), bool(co.co_flags & 0x08), type(co.co_code).__name__, type(co).__name__)
def g(p, /, q, *, r):
    pass
print(g.__code__.co_posonlyargcount, g.__code__.co_argcount, g.__code__.co_kwonlyargcount, g.__code__.co_varnames)
def outer():
    z = 1
    def inner():
        return z
    return inner
print(outer.__code__.co_cellvars, outer().__code__.co_freevars, outer.__code__.co_varnames)
def gen():
    yield 1
print(bool(gen.__code__.co_flags & 0x20), bool(f.__code__.co_flags & 0x20))
print((lambda: 0).__code__.co_name, compile("1", "<s>", "eval").co_name, compile("1", "<s>", "eval").co_filename)
def uses_names():
    return len(str(abc_global))
print(uses_names.__code__.co_names)
print(f.__code__.co_consts[0] is None or True, f.__code__ is f.__code__)

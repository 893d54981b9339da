# Positional-only (/), keyword-only (*), *args and **kwargs
def f(a, b, /, c, d=4, *, e, f=6):
    return (a, b, c, d, e, f)
print(f(1, 2, 3, e=5), f(1, 2, c=3, e=5), f(1, 2, 3, 40, e=5, f=60))
errors = [
    "f(1, 2, 3)",
    "f(a=1, b=2, c=3, e=5)",
    "f(1, b=2, c=3, e=5)",
    "f(1, 2, 3, 4, 5, e=5)",
    "f(1, 2, 3, e=5, g=7)",
    "f(1, 2, 3, c=3, e=5)",
    "f(1, e=5)",
    "f()",
]
for src in errors:
    try:
        eval(src)
    except TypeError as e:
        print(src, "->", e)
def pos_only_kwargs(a, /, **kw):
    return a, kw
print(pos_only_kwargs(1, a=2))
def star_args(*args, **kwargs):
    return args, kwargs
print(star_args(), star_args(1, 2, x=3))
def kwonly_no_default(*, required):
    return required
try:
    kwonly_no_default()
except TypeError as e:
    print("TypeError", e)
try:
    kwonly_no_default(1)
except TypeError as e:
    print("TypeError", e)
def many_kwonly(*, a, b, c):
    pass
try:
    many_kwonly(b=1)
except TypeError as e:
    print("TypeError", e)
def many_pos(a, b, c, d):
    pass
try:
    many_pos(1)
except TypeError as e:
    print("TypeError", e)
try:
    many_pos(1, 2, 3, 4, 5, 6)
except TypeError as e:
    print("TypeError", e)
def with_defaults(a, b=1, c=2):
    pass
try:
    with_defaults(1, 2, 3, 4)
except TypeError as e:
    print("TypeError", e)
try:
    with_defaults()
except TypeError as e:
    print("TypeError", e)
def mixed(a, *args, b):
    pass
try:
    mixed(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
def pos_only_default(a, b=2, /):
    return a, b
print(pos_only_default(1))
try:
    pos_only_default(1, 2, 3)
except TypeError as e:
    print("TypeError", e)
class K:
    def m(self, a, /, *, b):
        return a, b
    def n(self, x):
        pass
print(K().m(1, b=2))
try:
    K().n()
except TypeError as e:
    print("TypeError", e)
try:
    K().n(1, x=1)
except TypeError as e:
    print("TypeError", e)
try:
    K().m(a=1, b=2)
except TypeError as e:
    print("TypeError", e)
code = f.__code__
print(code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, code.co_varnames[:6])

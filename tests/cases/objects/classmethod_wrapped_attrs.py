# classmethod/staticmethod copy the callable's __module__, __name__, __qualname__, __doc__ and
# __annotations__ into their own __dict__ (functools_wraps in cm_init/sm_init).
def f(x: int) -> str:
    "doc"


for deco in (classmethod, staticmethod):
    w = deco(f)
    print(sorted(w.__dict__), w.__annotations__, w.__wrapped__ is f)
    w.extra = 1
    print(sorted(w.__dict__))
print(sorted(classmethod(len).__dict__))

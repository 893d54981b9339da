# list/tuple/float refuse keyword arguments, except in a subclass whose own __init__ or __new__
# takes them (CPython's "type->tp_init == base tp_init" checks).
for base in (list, tuple, float):
    class Plain(base):
        pass

    class WithInit(base):
        def __init__(self, arg, newarg=None):
            if base is list:
                super().__init__(arg)
            self.newarg = newarg

    class WithNew(base):
        def __new__(cls, arg, newarg=None):
            self = super().__new__(cls, arg)
            self.newarg = newarg
            return self

    arg = [1, 2] if base is not float else 2.5
    try:
        Plain(arg, sequence=())
    except TypeError as e:
        print(base.__name__, "plain:", e)
    u = WithInit(arg, newarg=3)
    print(base.__name__, u, u.newarg)
    u = WithNew(arg, newarg=4)
    print(base.__name__, u, u.newarg)
    try:
        base(arg, x=1)
    except TypeError as e:
        print(base.__name__, "exact:", e)

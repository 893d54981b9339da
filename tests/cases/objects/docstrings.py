# __doc__ on modules, classes, functions, builtins
"""Module docstring here."""
print(__doc__)
class WithDoc:
    """Class doc
    spanning lines."""
    def m(self):
        """Method doc."""
class NoDoc:
    x = 1
def f():
    "single-quoted doc"
def g():
    x = "not a doc"
    return x
print(repr(WithDoc.__doc__), WithDoc.m.__doc__, NoDoc.__doc__, f.__doc__, g.__doc__)
print(len.__doc__.splitlines()[0], int.__doc__.splitlines()[0], str.upper.__doc__.splitlines()[0])
print(list.append.__doc__, type(None).__doc__)
class Inherit(WithDoc):
    pass
print(Inherit.__doc__, Inherit.m.__doc__)
p = property(lambda self: 1)
print(p.__doc__)
def documented():
    """Getter docstring."""
    return 1
print(property(documented).__doc__)
print(print.__doc__.splitlines()[0])
lam = lambda: None
print(lam.__doc__)

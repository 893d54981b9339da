# A bound method's __doc__ is its function's (None when the function has none), not
# object.__doc__ found on the method type.
class C:
    def documented(self):
        "Say hello."

    def bare(self):
        pass

    @classmethod
    def cm(cls):
        "A class method."


c = C()
print(repr(c.documented.__doc__))
print(repr(c.bare.__doc__))
print(repr(C.cm.__doc__))
print(repr(c.cm.__doc__))
c.bare.__func__.__doc__ = "set later"
print(repr(c.bare.__doc__))
print(repr([].append.__doc__))

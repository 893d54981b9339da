# A class may list a base together with a subclass of that base when both use __slots__
# (asyncio's _SSLProtocolTransport(_FlowControlMixin, Transport)); unrelated slot layouts
# still conflict.
class Base:
    __slots__ = ('_extra',)

class Mid(Base):
    __slots__ = ()

class Mixin(Mid):
    __slots__ = ('_loop', '_paused')

class Both(Mixin, Mid):
    pass

b = Both()
b._extra = 1
b._loop = 2
print(b._extra, b._loop, [c.__name__ for c in Both.__mro__])

class Other:
    __slots__ = ('x',)

try:
    class Bad(Mixin, Other):
        pass
except TypeError as e:
    print(e)

class Left(Base):
    __slots__ = ('a',)

class Right(Base):
    __slots__ = ('b',)

try:
    class Diamond(Left, Right):
        pass
except TypeError as e:
    print(e)

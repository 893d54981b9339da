# A special method found on the type is bound like any attribute unless it is a plain
# function (CPython's lookup_maybe_method): descriptors such as unittest.mock's MagicProxy,
# staticmethod and classmethod work for hash(), len(), ==, and dict keys.
class Proxy:
    def __get__(self, obj, tp=None):
        return lambda *a: 42


class C:
    pass


C.__hash__ = Proxy()
C.__len__ = Proxy()
C.__eq__ = Proxy()
c = C()
print(hash(c), len(c), c == 1, len({c: 1}), c in {1: 2})


class D:
    @classmethod
    def __len__(cls):
        return 7

    @staticmethod
    def __hash__():
        return 9


print(len(D()), hash(D()))

# A property without a getter/setter/deleter: the message names the property (as recorded by
# __set_name__) and the instance's type by qualified name; __set_name__ checks its arguments.
class A:
    class B:
        foo = property()
        bar = property(lambda s: 1)

    nn = property()


b = A.B()
anon = property()


class C:
    pass


c = C()
for f in [
    lambda: b.foo,
    lambda: setattr(b, "foo", 1),
    lambda: delattr(b, "foo"),
    lambda: setattr(b, "bar", 1),
    lambda: A.nn.__get__(b),
    lambda: A.nn.__set__(b, 1),
    lambda: A.nn.__delete__(b),
    lambda: anon.__get__(c),
    lambda: anon.__set__(c, 1),
    lambda: anon.__delete__(c),
    lambda: A.nn.__set_name__(),
    lambda: A.nn.__set_name__(1, 2, 3),
]:
    try:
        f()
    except (AttributeError, TypeError) as e:
        print(type(e).__name__, e)

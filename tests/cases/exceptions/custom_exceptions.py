# Custom exception classes: attributes, __init__, __str__, hierarchies
class AppError(Exception):
    """Base for application errors."""
class ValidationError(AppError):
    def __init__(self, field, problem):
        super().__init__(field, problem)
        self.field = field
        self.problem = problem
    def __str__(self):
        return f"{self.field}: {self.problem}"
class NotFound(AppError, LookupError):
    pass
try:
    raise ValidationError("age", "must be positive")
except AppError as e:
    print(type(e).__name__, str(e), repr(e), e.args, e.field)
try:
    raise NotFound("item 3")
except LookupError as e:
    print("caught as LookupError:", repr(e), isinstance(e, AppError))
print([c.__name__ for c in NotFound.__mro__])
class NoSuperInit(Exception):
    def __init__(self, code):
        self.code = code
e = NoSuperInit(404)
print(e.args, str(e), repr(e), e.code)
class ArgsOverride(Exception):
    def __init__(self, *args):
        super().__init__("fixed message")
print(ArgsOverride(1, 2).args)
class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr<custom>"
print(repr(WithRepr("x")), str(WithRepr("x")))
class Base(Exception):
    pass
class Mid(Base):
    pass
class Leaf(Mid):
    pass
for exc in (Leaf, Mid, Base):
    try:
        raise exc("m")
    except Leaf:
        print(exc.__name__, "caught by Leaf handler")
    except Mid:
        print(exc.__name__, "caught by Mid handler")
    except Base:
        print(exc.__name__, "caught by Base handler")
class NotFromException(BaseException):
    pass
try:
    try:
        raise NotFromException("skips Exception handlers")
    except Exception:
        print("never")
except BaseException as e:
    print("BaseException handler:", repr(e))
class KwInit(Exception):
    def __init__(self, msg, *, level=1):
        super().__init__(msg)
        self.level = level
k = KwInit("m", level=3)
print(k.level, k.args)
print(AppError.__doc__, ValidationError.__doc__)

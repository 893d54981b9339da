# assert with and without messages
assert True
assert 1 == 1, "not shown"
try:
    assert False
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print("AssertionError", e, e.args)
try:
    assert [], ["a", "list", "message"]
except AssertionError as e:
    print("AssertionError", e.args[0])
def msg():
    print("  message evaluated")
    return "lazy"
assert True, msg()
try:
    assert 0, msg()
except AssertionError as e:
    print("AssertionError", e)
try:
    assert None, None
except AssertionError as e:
    print("AssertionError", e.args)
class Obj:
    def __bool__(self):
        print("  __bool__")
        return False
try:
    assert Obj(), "falsy object"
except AssertionError as e:
    print("AssertionError", e)
print(__debug__)
x = 5
try:
    assert x < 3, f"x was {x}"
except AssertionError as e:
    print("AssertionError", e)
try:
    tup = (False, 'tuple is truthy')
    assert tup
    print("tuple assertion passed")
except AssertionError as e:
    print("AssertionError", e)
def check(n):
    assert isinstance(n, int), f"expected int, got {type(n).__name__}"
    return n * 2
print(check(2))
try:
    check("s")
except AssertionError as e:
    print("AssertionError", e)
AssertionError_ = AssertionError
print(issubclass(AssertionError, Exception))
print("ending with an uncaught assertion")
assert x == 6, "x should have been six"

# Sequence patterns with and without star
def m(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one: {a}"
        case [a, b]:
            return f"two: {a}, {b}"
        case [first, *rest] if len(rest) > 3:
            return f"long: {first} + {len(rest)} more"
        case [first, *middle, last]:
            return f"first={first} middle={middle} last={last}"
print(m([]), m([1]), m((1, 2)), m([1, 2, 3]), m(list(range(6))))
print(m("ab"), m(b"ab"), m(bytearray(b"ab")), m({1, 2}) if False else "")
for v in ["ab", b"ab", bytearray(b"ab"), {1: 2}, {1, 2}, range(2), iter([1, 2]), (x for x in [1, 2])]:
    match v:
        case [_, _]:
            print(type(v).__name__, "is a sequence of 2")
        case _:
            print(type(v).__name__, "does not match sequence pattern")
match [1, [2, [3, 4]]]:
    case [a, [b, [c, d]]]:
        print("nested", a, b, c, d)
match (1, 2, 3):
    case (1, *_, 3):
        print("star wildcard")
match [1, 2, 3, 4]:
    case [*head, 4]:
        print("head", head)
match [1]:
    case [1, *rest]:
        print("rest can be empty:", rest)
match [0, 1]:
    case (0 | 1, 0 | 1) as bits:
        print("bits", bits)
match range(3):
    case [0, *others]:
        print("range is a sequence", others, type(others).__name__)
class MySeq(list):
    pass
match MySeq([1, 2]):
    case [x, y]:
        print("list subclass", x, y)
try:
    exec("match x:\n    case [*a, *b]:\n        pass\n")
except SyntaxError as e:
    print("SyntaxError", e.msg)
match []:
    case ():
        print("() pattern matches empty list")
match "a", "b":
    case "a", second:
        print("open sequence subject and pattern", second)

# Capture patterns, wildcard, and binding behaviour
def m(x):
    match x:
        case 0:
            return "zero"
        case other:
            return f"captured {other!r}"
print(m(0), m(5), m([1]))
match 42:
    case answer:
        pass
print("answer bound after match:", answer)
match "x":
    case _:
        print("wildcard matched; _ is not bound:", "_" in dir())
values = []
for item in [1, "a", None]:
    match item:
        case captured:
            values.append(captured)
print(values, captured)
match (1, 2):
    case (a, _):
        print("a =", a)
match [1, 2, 3]:
    case [_, _, _]:
        print("three wildcards")
match {"k": 1}:
    case {"k": _}:
        print("wildcard value in mapping")
def partial_binding(x):
    result = "unbound"
    match x:
        case [first, 0]:
            return f"matched with {first}"
        case _:
            pass
    try:
        return f"first leaked: {first}"
    except UnboundLocalError:
        return result
print(partial_binding([5, 0]), partial_binding([5, 1]), partial_binding("s"))
match None:
    case None:
        print("None is a literal, not a capture")
x = 10
match 99:
    case x:
        print("capture rebinds module name x:", x)
print(x)

# OR patterns and AS patterns
def m(x):
    match x:
        case 0 | 1 | 2:
            return "small"
        case "a" | "b" as letter:
            return f"letter {letter}"
        case [1, (2 | 3) as second]:
            return f"list with second {second}"
        case (int() | float()) as number if number < 0:
            return f"negative {number}"
        case {"k": (1 | 2) as v} | {"j": v}:
            return f"mapping v={v}"
        case [x, y] | (x, y, _):
            return f"pair-ish {x},{y}"
        case _:
            return "other"
for v in [1, "b", [1, 3], [1, 4], -2.5, {"k": 2}, {"j": "jj"}, ["p", "q"], ("p", "q", "r"), 10]:
    print(repr(v), "->", m(v))
for src in ["match x:\n    case a | b:\n        pass\n",
            "match x:\n    case [a] | [b]:\n        pass\n",
            "match x:\n    case 1 as _:\n        pass\n",
            "match x:\n    case 1 as 2:\n        pass\n",
            "match x:\n    case (a as b) as a:\n        pass\n"]:
    try:
        compile(src, "<m>", "exec")
        print("compiles")
    except SyntaxError as e:
        print("SyntaxError", e.msg)
match [1, 2]:
    case [1, 2] as whole:
        print("whole", whole, type(whole).__name__)
match (1, (2, 3)):
    case (a, (b, c) as inner) as outer:
        print(a, b, c, inner, outer)
attempts = []
class Tracer:
    def __init__(self, v): self.v = v
    def __eq__(self, other):
        attempts.append(other)
        return self.v == other
class T:
    A = Tracer(1)
    B = Tracer(2)
    C = Tracer(3)
match 2:
    case T.A | T.B | T.C:
        print("matched after trying", attempts)

# Subject evaluation, first-match-wins, no fall-through, soft keywords
def subject():
    print("  subject evaluated once")
    return 3
match subject():
    case 1:
        print("one")
    case 3:
        print("three (first match wins)")
    case int():
        print("never: no fall-through")
match_result = None
match = "match is still a usable name"
case = "so is case"
print(match, case)
match (match := 5):
    case 5:
        print("match used as variable and as keyword")
def no_match(x):
    match x:
        case 1:
            return "one"
    return "fell out of match"
print(no_match(2))
match 1, 2:
    case (1, 2):
        print("tuple subject without parentheses")
match [1, 2], {"k": 3}:
    case [a, b], {"k": c}:
        print("multiple subjects", a, b, c)
def returns_in_case(x):
    for i in range(3):
        match i:
            case 1:
                continue
            case 2:
                break
        print("  loop", i)
    return "done"
print(returns_in_case(0))
class M:
    match = 1
    case = 2
print(M.match, M.case)
def _():
    return "underscore function"
print(_())
match {"a": [1, {"b": (2, 3)}]}:
    case {"a": [1, {"b": (2, x)}]}:
        print("deep structure", x)

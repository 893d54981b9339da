# Guards: evaluated after binding, only when the pattern matches
log = []
def g(label, result):
    log.append(label)
    return result
def m(x):
    match x:
        case [a, b] if g("pair guard", a == b):
            return "equal pair"
        case [a, b] if g("second guard", a < b):
            return "ascending pair"
        case [a, *_] if g("third guard", False):
            return "never"
        case int(n) if n % 2 == 0:
            return "even"
        case int(n):
            return "odd"
        case _:
            return "other"
for v in [[1, 1], [1, 2], [2, 1], 4, 5, "s"]:
    log.clear()
    print(repr(v), "->", m(v), log)
match [1, 2]:
    case [x, y] if x > y:
        pass
    case _:
        print("guard failed but x, y were bound:", x, y)
def guard_raises(v):
    match v:
        case n if 1 / n:
            return "ok"
try:
    guard_raises(0)
except ZeroDivisionError as e:
    print("ZeroDivisionError from guard", e)
match 5:
    case n if (doubled := n * 2) > 8:
        print("walrus in guard", doubled)
items = []
for i in range(6):
    match i:
        case _ if i % 3 == 0:
            items.append("fizz")
        case _:
            items.append(i)
print(items)

def f(cmd):
    match cmd:
        case 0 | 1:
            return "small"
        case [x, y, *rest]:
            return x
        case {"k": v, **kw}:
            return v
        case Point(x=0, y=yy) if yy > 0:
            return yy
        case str() as s:
            return s
        case None:
            return None
        case (a, b) | [b, a]:
            return a
        case [first, *_]:
            return first
        case _:
            return "other"

# def statement features: annotations, docstrings, defaults introspection, recursion
def area(width: float, height: float = 1.0, *, unit: str = "m") -> str:
    """Compute an area string."""
    return f"{width * height}{unit}2"
print(area(2, 3), area(2), area(2, unit="cm"))
print(area.__annotations__)
print(area.__doc__, area.__defaults__, area.__kwdefaults__)
c = area.__code__
print(c.co_argcount, c.co_kwonlyargcount, c.co_varnames, c.co_name)
def no_annotations(a, b):
    pass
print(no_annotations.__annotations__, no_annotations.__defaults__, no_annotations.__kwdefaults__)
def varargs(*args: int, **kwargs: str) -> None:
    pass
print(varargs.__annotations__, varargs.__code__.co_flags & 0x04 != 0, varargs.__code__.co_flags & 0x08 != 0)
def forward(x: "Later") -> "Later":
    return x
print(forward.__annotations__)
def evaluated_at_def(x: print("  annotation evaluated at def") or int):
    pass
print(evaluated_at_def.__annotations__)
def ackermann(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ackermann(m - 1, 1)
    return ackermann(m - 1, ackermann(m, n - 1))
print(ackermann(2, 3))
def hanoi(n, src="A", dst="C", via="B", moves=None):
    if moves is None:
        moves = []
    if n:
        hanoi(n - 1, src, via, dst, moves)
        moves.append(src + dst)
        hanoi(n - 1, via, dst, src, moves)
    return moves
print(hanoi(3))

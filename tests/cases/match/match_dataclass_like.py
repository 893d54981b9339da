# Matching tree-shaped data: a tiny expression evaluator
class Num:
    __match_args__ = ("value",)
    def __init__(self, value): self.value = value
class BinOp:
    __match_args__ = ("op", "left", "right")
    def __init__(self, op, left, right):
        self.op, self.left, self.right = op, left, right
class Neg:
    __match_args__ = ("operand",)
    def __init__(self, operand): self.operand = operand
def evaluate(node):
    match node:
        case Num(v):
            return v
        case Neg(Neg(inner)):
            return evaluate(inner)
        case Neg(x):
            return -evaluate(x)
        case BinOp("+", l, r):
            return evaluate(l) + evaluate(r)
        case BinOp("*", Num(0), _) | BinOp("*", _, Num(0)):
            return 0
        case BinOp("*", l, r):
            return evaluate(l) * evaluate(r)
        case BinOp(op, _, _):
            raise ValueError(f"unknown operator {op!r}")
        case _:
            raise TypeError(f"not a node: {node!r}")
def show(node):
    match node:
        case Num(v):
            return str(v)
        case Neg(x):
            return f"-{show(x)}"
        case BinOp(op, l, r):
            return f"({show(l)} {op} {show(r)})"
tree = BinOp("+", Num(2), BinOp("*", Num(3), Neg(Num(4))))
print(show(tree), "=", evaluate(tree))
print(evaluate(Neg(Neg(Num(7)))), evaluate(BinOp("*", Num(0), BinOp("/", Num(1), Num(0)))))
for bad in [BinOp("/", Num(1), Num(2)), "text"]:
    try:
        evaluate(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
def simplify(node):
    match node:
        case BinOp("+", Num(0), x) | BinOp("+", x, Num(0)):
            return simplify(x)
        case BinOp("*", Num(1), x) | BinOp("*", x, Num(1)):
            return simplify(x)
        case BinOp(op, l, r):
            return BinOp(op, simplify(l), simplify(r))
        case _:
            return node
print(show(simplify(BinOp("+", Num(0), BinOp("*", Num(1), Num(9))))))

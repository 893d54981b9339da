"""A small interpreter: tokenizer, recursive-descent parser, tree walker.

Mixed workload: character classification and slicing in the tokenizer,
many small tuples and lists in the parser, dict-based environments and
dispatch on node kind in the evaluator.  The toy program computes primes,
a GCD table and a Fibonacci number with while loops.
"""

SOURCE = """
n = 0; count = 0; total = 0;
while (n < LIMIT) {
    n = n + 1;
    d = 2; prime = 1;
    if (n < 2) { prime = 0; }
    while (d * d <= n and prime) {
        if (n % d == 0) { prime = 0; }
        d = d + 1;
    }
    if (prime) { count = count + 1; total = total + n; }
}
i = 1; g = 0;
while (i < 60) {
    j = 1;
    while (j < 60) {
        a = i; b = j;
        while (b != 0) { t = b; b = a % b; a = t; }
        g = g + a;
        j = j + 1;
    }
    i = i + 1;
}
x = 0; y = 1; k = 0;
while (k < 90) { t = x + y; x = y; y = t; k = k + 1; }
print(count); print(total); print(g); print(x);
"""

KEYWORDS = {"while", "if", "else", "print", "and", "or", "not"}
SYMBOLS2 = {"==", "!=", "<=", ">="}
SYMBOLS1 = set("+-*/%<>=(){};")


def tokenize(src):
    tokens = []
    i = 0
    n = len(src)
    while i < n:
        ch = src[i]
        if ch.isspace():
            i += 1
        elif ch.isdigit():
            j = i
            while j < n and src[j].isdigit():
                j += 1
            tokens.append(("num", int(src[i:j])))
            i = j
        elif ch.isalpha() or ch == "_":
            j = i
            while j < n and (src[j].isalnum() or src[j] == "_"):
                j += 1
            word = src[i:j]
            tokens.append(("kw", word) if word in KEYWORDS else ("name", word))
            i = j
        elif src[i:i + 2] in SYMBOLS2:
            tokens.append(("op", src[i:i + 2]))
            i += 2
        elif ch in SYMBOLS1:
            tokens.append(("op", ch))
            i += 1
        else:
            raise SyntaxError("bad character %r" % ch)
    tokens.append(("eof", None))
    return tokens


class Parser:
    PRECEDENCE = [("or",), ("and",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]

    def __init__(self, tokens):
        self.tokens = tokens
        self.pos = 0

    def peek(self):
        return self.tokens[self.pos]

    def take(self, value=None):
        tok = self.tokens[self.pos]
        if value is not None and tok[1] != value:
            raise SyntaxError("expected %s, got %r" % (value, tok))
        self.pos += 1
        return tok

    def program(self):
        stmts = []
        while self.peek()[0] != "eof":
            stmts.append(self.statement())
        return ("block", stmts)

    def block(self):
        self.take("{")
        stmts = []
        while self.peek()[1] != "}":
            stmts.append(self.statement())
        self.take("}")
        return ("block", stmts)

    def statement(self):
        kind, value = self.peek()
        if kind == "kw" and value == "while":
            self.take()
            self.take("(")
            cond = self.expr(0)
            self.take(")")
            return ("while", cond, self.block())
        if kind == "kw" and value == "if":
            self.take()
            self.take("(")
            cond = self.expr(0)
            self.take(")")
            then = self.block()
            other = ("block", [])
            if self.peek()[1] == "else":
                self.take()
                other = self.block()
            return ("if", cond, then, other)
        if kind == "kw" and value == "print":
            self.take()
            self.take("(")
            e = self.expr(0)
            self.take(")")
            self.take(";")
            return ("print", e)
        name = self.take()[1]
        self.take("=")
        e = self.expr(0)
        self.take(";")
        return ("assign", name, e)

    def expr(self, level):
        if level == len(self.PRECEDENCE):
            return self.atom()
        left = self.expr(level + 1)
        ops = self.PRECEDENCE[level]
        while self.peek()[1] in ops:
            op = self.take()[1]
            right = self.expr(level + 1)
            left = ("bin", op, left, right)
        return left

    def atom(self):
        kind, value = self.take()
        if kind == "num":
            return ("num", value)
        if kind == "name":
            return ("var", value)
        if value == "(":
            e = self.expr(0)
            self.take(")")
            return e
        if value == "not":
            return ("not", self.atom())
        if value == "-":
            return ("neg", self.atom())
        raise SyntaxError("unexpected %r" % (value,))


class Evaluator:
    def __init__(self, env):
        self.env = env
        self.output = []
        self.steps = 0

    def run(self, node):
        kind = node[0]
        self.steps += 1
        if kind == "block":
            for s in node[1]:
                self.run(s)
        elif kind == "assign":
            self.env[node[1]] = self.eval(node[2])
        elif kind == "while":
            while self.eval(node[1]):
                self.run(node[2])
        elif kind == "if":
            if self.eval(node[1]):
                self.run(node[2])
            else:
                self.run(node[3])
        elif kind == "print":
            self.output.append(self.eval(node[1]))
        else:
            raise ValueError(kind)

    def eval(self, node):
        kind = node[0]
        if kind == "num":
            return node[1]
        if kind == "var":
            return self.env[node[1]]
        if kind == "bin":
            op = node[1]
            if op == "and":
                return self.eval(node[2]) and self.eval(node[3])
            if op == "or":
                return self.eval(node[2]) or self.eval(node[3])
            a = self.eval(node[2])
            b = self.eval(node[3])
            if op == "+":
                return a + b
            if op == "-":
                return a - b
            if op == "*":
                return a * b
            if op == "/":
                return a // b
            if op == "%":
                return a % b
            if op == "<":
                return int(a < b)
            if op == ">":
                return int(a > b)
            if op == "<=":
                return int(a <= b)
            if op == ">=":
                return int(a >= b)
            if op == "==":
                return int(a == b)
            if op == "!=":
                return int(a != b)
            raise ValueError(op)
        if kind == "not":
            return int(not self.eval(node[1]))
        if kind == "neg":
            return -self.eval(node[1])
        raise ValueError(kind)


def main():
    ntok = 0
    for _ in range(150):
        ntok += len(tokenize(SOURCE * 3))
    tree = Parser(tokenize(SOURCE)).program()
    ev = Evaluator({"LIMIT": 15000})
    ev.run(tree)
    print(ntok, ev.output, ev.steps)


main()

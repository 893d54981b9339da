"""Recursive calls: naive Fibonacci and the Takeuchi function.

Almost nothing but Python-to-Python calls, small-int compares and adds:
measures call/return overhead and frame setup.
"""


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def tak(x, y, z):
    if y >= x:
        return z
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))


def count_calls(n, depth=0):
    # Keyword default and a second positional: a slightly different call shape.
    if n <= 1:
        return 1
    return 1 + count_calls(n - 1, depth + 1) + count_calls(n - 2, depth + 1)


def main():
    a = fib(32)
    b = tak(24, 16, 8)
    c = count_calls(30)
    print("fib", a, "tak", b, "calls", c)


main()

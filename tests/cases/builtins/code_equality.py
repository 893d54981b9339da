# Code objects compare by content (CPython's code_richcompare): two compilations of the same
# source are equal, and equal ones hash alike; qualname and filename are not compared.
import marshal

src = "def f(a, b=2):\n    return [a + b for _ in range(3)]\nx = f(1)\n"
c1 = compile(src, "one.py", "exec")
c2 = compile(src, "two.py", "exec")
c3 = compile(src.replace("a + b", "a - b"), "one.py", "exec")
print(c1 == c2, c1 != c2, hash(c1) == hash(c2))
print(c1 == c3, c1 != c3)
print(c1 == 1, c1 != "code")
print(marshal.loads(marshal.dumps(c1)) == c1)
print(len({c1, c2, c3}))


def g(x):
    return x * 2


def h(x):
    return x * 2


print(g.__code__ == h.__code__)
print(g.__code__ == g.__code__.replace(co_name="g"))
print(g.__code__ == g.__code__.replace(co_name="other"))
d = {g.__code__: "g"}
print(d.get(g.__code__))


def same_line_pair():
    def k1(): return 1
    def k2(): return 1
    return k1, k2


k1, k2 = same_line_pair()
print(k1.__code__ == k2.__code__)

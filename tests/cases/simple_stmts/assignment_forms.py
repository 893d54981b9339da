# Assignment statement forms
a = b = c = [1]
print(a is b is c)
x, y = 1, 2
x, y = y, x
print(x, y)
(p, q), r = (1, 2), 3
print(p, q, r)
[s, t] = "st"
print(s, t)
first, *rest = range(5)
*init, last = range(5)
a1, *mid, z1 = "abcde"
print(first, rest, init, last, a1, mid, z1)
(k,) = [9]
print(k)
m, = (8,)
print(m)
i, j = j, i = 1, 2
print(i, j)
d = {}
d["a"], d["b"] = 1, 2
print(d)
lst = [0, 0, 0]
idx = 0
idx, lst[idx] = 2, "set"
print(idx, lst)
class O: pass
o = O()
o.x, o.y = "ox", "oy"
print(o.x, o.y)
for err_src in ["a, b = 1, 2, 3", "a, b, c = 1, 2", "a, b = 1", "(a, b), c = 1, 2", "a, *b, c = [1]"]:
    try:
        exec(err_src)
    except (ValueError, TypeError) as e:
        print(err_src, "->", type(e).__name__, e)
for bad in ["1 = x", "f() = 1", "a + b = 1", "(a, 1) = 1, 2", "[a, b()] = 1, 2", "x.y() = 1", "'s' = 1", "a if b else c = 1", "*a, *b = 1, 2", "() = ()"]:
    try:
        compile(bad, "<a>", "exec")
        print(bad, "compiles")
    except SyntaxError as e:
        print(bad, "-> SyntaxError", e.msg)
() = ()
[] = []
print("empty target lists ok")
gen_a, gen_b = (n * n for n in range(2))
print(gen_a, gen_b)
dd = {"k": 1, "j": 2}
key1, key2 = dd
print(key1, key2)
(u, v), (w, xx) = {1: 2, 3: 4}.items()
print(u, v, w, xx)

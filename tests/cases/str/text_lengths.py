# Strings of every length around the sizes where storage changes (inline text, text in the
# object's own block, a separate block), built every way a program builds them.

def digest(s):
    return (len(s), s[:3], s[-3:], s.count("a"), s.upper()[::7], hash(s) == hash(s[:] + ""))

built = []
for n in range(0, 300, 1):
    a = "a" * n
    b = "".join(["b"] * n)
    c = "%s" % ("c" * n) + ""
    d = f"{'d' * (n // 2)}{'é' * (n - n // 2)}"
    e = ("x" * (n + 5))[5:]
    f = "{}{}".format("f" * (n // 3), "ф" * (n - n // 3))
    g = str(10 ** n)[:n] if n else ""
    parts = (a, b, c, d, e, f, g)
    built.append(parts)
    for s in parts:
        assert len(s) == n, (n, s)
    assert a == "a" * n and hash(a) == hash("a" * n)
    assert e.replace("x", "a") == a

total = 0
for parts in built:
    for s in parts:
        total += sum(map(ord, s[:4])) + len(s)
print(total)

# As dict keys and set members, looked up with equal strings made another way.
table = {parts[0]: i for i, parts in enumerate(built)}
print(all(table["".join(["a"] * i)] == i for i in range(300)))
print(len({p[3] for p in built}), len(set(p[5] for p in built)))

# += on strings of every length keeps the text (the first append may move it).
for n in (27, 28, 29, 40, 41, 100, 215, 216, 217, 250):
    s = "q" * n
    keep = s
    s += "!"
    s += "é" * 3
    print(n, len(s), s[-5:], len(keep), keep == "q" * n)

print([digest(p[3]) for p in built[25:60:5]])
print([digest(p[5]) for p in built[200:300:20]])

# Subclasses, and str() of those, at the same lengths.
class S(str):
    pass

for n in (10, 30, 60, 200, 260):
    t = S("s" * n)
    u = str(t)
    print(type(t).__name__, type(u).__name__, len(u), u == t, t.upper()[:4])

# Interned and identity behaviour is unchanged.
import sys
x = sys.intern("k" * 50)
y = sys.intern("".join(["k"] * 50))
print(x is y, len(x))
print(("z" * 60).encode()[:5], bytes("y" * 45, "ascii").decode()[-3:])
raise ValueError("w" * 70)

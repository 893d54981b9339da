# f-strings with format specs, conversions, nested expressions and '=' debugging
x, y = 3.14159, 42
name = "wörld"
print(f"{x}", f"{x:.2f}", f"{y:05d}", f"{y:#x}", f"{name!r}", f"{name!a}", f"{name:>10}", f"{name!r:^12}")
print(f"{x = }", f"{y=}", f"{name = !s}", f"{x = :.1f}", f"{1 + 1 = }")
w, p = 10, 3
print(f"[{x:{w}.{p}f}]", f"[{y:{'<' if y else '>'}{w}}]", f"[{name:*^{w + 2}}]")
print(f"{'quoted'}", f'{"dq"}', f"{{braces}}", f"{{{y}}}", f"{[1, 2][0]}", f"{ {'k': 1}['k'] }")
print(f"{y if y > 40 else 0}", f"{(lambda v: v * 2)(y)}", f"{','.join(['a', 'b'])}")
print(f"{3:}", f"{'s':}", f"{None}", f"{True:d}", f"{1_000_000:_}", f"{0.25:%}", f"{12345.6789:,.2f}")
class T:
    def __format__(self, spec):
        return "T[" + spec + "]"
print(f"{T()}", f"{T():abc}", f"{T():{w}}", format(T(), "z"))
try:
    f"{y:s}"
except ValueError as e:
    print("ValueError", e)
try:
    f"{name:d}"
except ValueError as e:
    print("ValueError", e)
try:
    f"{object():>10}"
except TypeError as e:
    print("TypeError", e)
items = ["a", "bb", "ccc"]
for i, it in enumerate(items):
    print(f"{i:>3}: {it:<5}| {len(it)!r}")
print(f"{'multi'}" f"{'part'}" "plain" f"{y}")
print(f"""triple {y}
second line {x:.1f}""")

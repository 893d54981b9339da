# f-string basics: expressions, conversions, =, braces
name = "Krait"
n = 42
f = 3.14159
print(f"{name} {n} {f}")
print(f"{{}} {{{n}}} }}{{")
print(f"{name!r} {name!s} {name!a}", f"{'é'!a}", f"{'é'!r}")
print(f"{n=}", f"{n = }", f"{n=!r}", f"{name=}", f"{f=:.2f}", f"{n*2=}")
print(f"{n+1}", f"{[1,2][0]}", f"{ {'a':1}['a'] }", f"{(lambda: 7)()}")
print(f"{'nested'}", f'{"dq"}', f"{n if n else 0}")
print(f"{n:>6}|{n:<6}|{n:^6}|{n:06}|{n:+}|{n:x}|{n:#b}|{n:,}")
print(f"{f:.3}|{f:10.2f}|{f:e}|{f:%}|{1e6:g}|{1234567.891:_.2f}")
print(f"{name:*^11}", f"{name:.2}")
class C:
    def __format__(self, spec):
        return f"C[{spec}]"
    def __repr__(self):
        return "C()"
    def __str__(self):
        return "str-C"
c = C()
print(f"{c}", f"{c:xyz}", f"{c!r}", f"{c!s}", f"{c=}", f"{c=:spec}")
print(f"""{n}
{name}""")
print(f"{n}" "-" f"{n}")
print(f"{'a' 'b'}")
print(f"{3!r:>5}|")
print(f"{n:{'>'}{10}}|")
for src in ["f'{}'", "f'{n!x}'", "f'{n'", "f'}'", "f'{n:{'", "f'{!r}'"]:
    try:
        print(src, "->", eval(src))
    except SyntaxError as e:
        print(src, "-> SyntaxError", e.msg)

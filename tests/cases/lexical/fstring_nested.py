# f-strings with nested format specs and 3.11 quote rules
width, prec = 10, 3
value = 12.3456789
print(f"{value:{width}.{prec}f}|")
print(f"{value:{width}.{prec}}|")
print(f"{'x':{'<'}{width}}|")
fill = '#'
print(f"{42:{fill}>{width}}|")
print(f"{42:{fill}^{width}d}|")
items = [("a", 1.5), ("bbb", 22.25), ("cc", 333.125)]
for k, v in items:
    print(f"{k:<{width - 5}}{v:>{width}.{prec - 1}f}")
print(f"{'abc'!r:>{width}}|")
print(f"{[f'{i:02}' for i in range(3)]}")
print(f"{f'{1 + 1}'}")
print(f"{dict(a=1)['a']}", f'{"quote"}', f"{'single'}")
print(f"""{"triple" + 'mix'}""")
print(f'''{f"{'deep'}"}''')
d = {"key": "v"}
print(f"{d['key']}")
print(f"{3:{'' if True else 'x'}}|")
print(f"{1:{2}}|{1:{'0'}{3}}|")
print(f"{2**10:#{'x'}}")
print(f"{'%':>3}", f"{'{}'}")
print(f"{ 1 + 2 }", f"{  'spaced'  }")
x = 10
print(f"{x:{x}}|", f"{x!r:{x}}|")
print(f"{(lambda y: y * 2)(x)}")
print(f"{x:=5}|")
print(f"{(x:=7)}", x)
print(format(12345.678, ",.1f"), format(0.000012, ".2e"), format(-5, "+05d"))

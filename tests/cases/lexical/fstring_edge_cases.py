# f-string edge cases: debug with spaces, conversions with specs, evaluation order
calls = []
def t(x):
    calls.append(x)
    return x
print(f"{t(1)}{t(2)}{t(3)}", calls)
x = 3.5
print(f"{x = :>8}|{x=!s:>8}|")
print(f"{x!r:^10}|{x!s:<10}|{x!a}")
print(f"{  x  =  }")
class Loud:
    def __str__(self):
        return "S"
    def __repr__(self):
        return "R"
    def __format__(self, spec):
        return "F" + spec
l = Loud()
print(f"{l}|{l!s}|{l!r}|{l!a}|{l:>3}|{l!s:>3}|{l!r:>3}")
print(f"{l=}|{l=:x}|{l=!s}")
try:
    eval('f"{\'\\\\n\'}"')
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    eval('f"{#}"')
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    eval("f'{a b}'")
except SyntaxError as e:
    print("SyntaxError", e.msg)
print(f"{1:{2}{3}}|")
print(f"{None}", f"{None!r:>6}", f"{True:d}", f"{True}")
print(f"{'a':}|{5:}|")
try:
    print(f"{5:q}")
except ValueError as e:
    print("ValueError", e)
try:
    print(f"{'s':d}")
except ValueError as e:
    print("ValueError", e)
try:
    print(f"{[]:x}")
except TypeError as e:
    print("TypeError", e)
print(f"{3.0:g}", f"{1e20:g}", f"{0.1:.0%}", f"{-0.0:+}", f"{12:=+6}")
print(f"{'abc':.{1+1}}")
print(f"{255:#X}|{255:#o}|{-255:x}|{65:c}")
print(f"{1000000:_d}|{1000000:,}|{0x123456:_x}")

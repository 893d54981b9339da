# Expression statements: values are discarded, side effects happen
1
"string statement"
[1, 2, 3]
None
...
def side():
    print("  side effect")
    return "discarded"
side()
side
lst = []
lst.append(1)
lst.append(2) or lst.append(3)
print(lst)
x = 5
x == 6
print(x)
(lambda: print("  lambda called"))()
[print(f"  comp {i}") for i in range(2)]
{print("  set display")}
print("in REPL these would echo; in a script nothing is printed")
class C:
    def __init__(self):
        print("  C() constructed and discarded")
C()
a = b = None
a if a else b
not x
x + 1
-x
print(x)
yield_free = (i for i in range(3))
next(yield_free)
print(next(yield_free))
try:
    undefined_expression_name
except NameError as e:
    print("NameError", e)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
import sys
sys.stdout.write("direct write\n")
print(sys.stdout.write("xyz\n"))

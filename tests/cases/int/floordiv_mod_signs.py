# Floor division and modulo follow sign of divisor
vals = [7, -7, 0, 1, -1, 13, -13, 2**70, -(2**70)]
divs = [3, -3, 1, -1, 7, -7, 2**65, -(2**65)]
for a in vals:
    for b in divs:
        q, r = a // b, a % b
        assert q * b + r == a
        print(a, b, q, r, divmod(a, b) == (q, r))

# Division by zero
for op in ("//", "%", "/"):
    try:
        eval("5 " + op + " 0")
    except ZeroDivisionError as e:
        print(op, type(e).__name__, e)
try:
    divmod(5, 0)
except ZeroDivisionError as e:
    print("divmod", e)
try:
    (2**100) % 0
except ZeroDivisionError as e:
    print("big %", e)

# Float % and // follow the sign of the divisor; -0.0 results
vals = [7.5, -7.5, 0.0, -0.0, 1.0, -1.0, 0.3, 1e20, 5e-324]
divs = [2.0, -2.0, 0.1, -0.1, 3.0, 1e-300, float("inf"), float("-inf")]
for a in vals:
    for b in divs:
        try:
            print(a, b, a // b, a % b, divmod(a, b))
        except Exception as e:
            print(a, b, type(e).__name__, e)
print(-1e-20 % 1.0, 1e-20 % -1.0)
print(6.0 % 3.0)
print(-6.0 % 3.0, 6.0 % -3.0)
print(5 % 2.5, -5 // 2.5)
print(5.5 // 1)
print(-5.5 // 1)
# divmod invariant q * b + r == a holds approximately for floats
for a, b in [(7.5, 2.0), (-7.5, 2.0), (7.5, -2.0), (-7.5, -2.0), (1e10, 3.3)]:
    q, r = divmod(a, b)
    print(a, b, q, r, abs(q * b + r - a) < 1e-6, (r == 0) or ((r > 0) == (b > 0)))
print(-0.0 // 1.0, -0.0 % 1.0)
print(0.0 // -1.0, 0.0 % -1.0)
print((-1.5) // 0.5, (-1.5) % 0.5)
print(1.5 // -0.5, 1.5 % -0.5)

# Ends with an uncaught ValueError converting NaN to int
print(int(3.5), int(-3.5))
print(int(1e15))
for v in (0.1, 0.9):
    print(v, int(v))
for v in (7.99, -7.99, 1e300):
    print(v, int(v) if v < 1e20 else len(str(int(v))))
print(round(2.5), round(-2.5), int(-0.0))
# int() of finite floats truncates toward zero
for v in [2.9, -2.9, 0.5, -0.5, 1e18, -1e18]:
    print(v, int(v))
inf_value = float("inf")
print(inf_value, -inf_value)
print(inf_value * 0 != inf_value * 0)
def to_int(values):
    return [int(v) for v in values]

print(to_int([1.5, -2.7, 1e10]))
inf = float("inf")
print(inf - inf)
print(to_int([3.0, inf - inf]))

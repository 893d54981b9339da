# Ends with an uncaught ValueError converting NaN to int
def to_int(values):
    return [int(v) for v in values]

print(to_int([1.5, -2.7, 1e10]))
inf = float("inf")
print(inf - inf)
print(to_int([3.0, inf - inf]))

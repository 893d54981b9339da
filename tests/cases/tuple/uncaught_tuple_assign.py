# Ends with an uncaught TypeError: tuples are immutable
def scale(point, factor):
    print("scaling", point, "by", factor)
    point[0] *= factor
    return point

print(scale([1, 2], 3))
print(scale((1, 2), 3))

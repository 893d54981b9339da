# Ends with an uncaught TypeError: tuples are immutable
# Tuples support reading, slicing and concatenation but not item assignment
pt = (1, 2)
print(pt[0], pt[-1])
print(pt[:1], pt + (3,))
print(pt * 2, len(pt))
print(sum(pt))
x0, y0 = pt
print(x0, y0)
print(tuple([x0 * 3, y0]), list(pt))
pt2 = pt
pt += (5,)
print(pt, pt2)
print(pt is pt2)
def scale(point, factor):
    print("scaling", point, "by", factor)
    point[0] *= factor
    return point

print(scale([1, 2], 3))
print(scale((1, 2), 3))

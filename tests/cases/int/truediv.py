# True division of ints gives correctly-rounded floats
print(1 / 2, 1 / 3, 2 / 3, -1 / 3, 10 / 5, 7 / -2)
print(10**20 / 3, 2**53 / 1, (2**53 + 1) / 1)
print(10**400 // 10**399, 10**400 / 10**399)
print((10**400 + 1) / 10**400)
print(1 / 10**300, 1 / 10**400)
print(2**1023 / 1, 2**1024 // 2 / 1)
try:
    print(2**1024 / 1)
except OverflowError as e:
    print("OverflowError", e)
try:
    print(10**400 / 7)
except OverflowError as e:
    print("OverflowError", e)
try:
    float(10**400)
except OverflowError as e:
    print("OverflowError", e)
print(type(4 / 2).__name__, 4 / 2)
try:
    1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
# Exactness: huge / huge correctly rounded
a = 3**200
b = 3**199
print(a / b)
print((2**60 + 1) / 2**60)
print(123456789123456789 / 1000)
print(-(10**20) / 7)

# Ends with an uncaught ZeroDivisionError inside nested calls
for a in (1, -1, 10 ** 30):
    print(a, a // 7, a % 7, a / 8)
try:
    1 // 0
except ZeroDivisionError as e:
    print("caught", e)
# Division by non-zero values first
for a, b in [(7, 2), (-7, 2), (7, -2), (0, 5)]:
    print(a, b, a // b, a % b, divmod(a, b))
print(10 ** 20 // 3, -(10 ** 20) % 7)
def ratio(a, b):
    return a // b

def average_ratio(pairs):
    total = 0
    for a, b in pairs:
        total += ratio(a, b)
        print("running total", total)
    return total

average_ratio([(10, 2), (9, 3), (7, 0), (1, 1)])

# Ends with an uncaught ZeroDivisionError inside nested calls
def ratio(a, b):
    return a // b

def average_ratio(pairs):
    total = 0
    for a, b in pairs:
        total += ratio(a, b)
        print("running total", total)
    return total

average_ratio([(10, 2), (9, 3), (7, 0), (1, 1)])

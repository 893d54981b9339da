# RecursionError traceback with repeated frames collapsed
def countdown(n):
    return countdown(n - 1) + 1
print("starting")
countdown(10)

# Ends with an uncaught RecursionError (traceback repeated lines are collapsed)
def walk(node):
    return walk(node + 1)

print("starting")
walk(0)

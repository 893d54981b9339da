# Ends with an uncaught StopIteration from next() at top level
it = iter(["first", "second"])
print(next(it))
print(next(it))
print(next(it))

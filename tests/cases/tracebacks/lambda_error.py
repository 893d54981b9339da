# Exception raised inside a lambda passed to sorted()
people = [("ann", 31), ("bob", None), ("cy", 22)]
print(sorted(people, key=lambda p: p[0]))
print(sorted(people, key=lambda p: p[1] + 0))

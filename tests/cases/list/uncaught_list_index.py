# Ends with an uncaught ValueError from list.index
print([1, 2, 3].index(3))
print([[1], [2]].index([2]))
print(["a"].index("a", -1))
print([0.0].index(0))
# list.index succeeds for present values, including with start/stop
colors0 = ["red", "green", "blue", "green"]
print(colors0.index("green"), colors0.index("green", 2))
print(colors0.index("blue", -2), colors0.count("green"))
print("purple" in colors0, colors0.index("red", 0, 1))
try:
    colors0.index("green", 0, 1)
except ValueError as e:
    print("caught", e)
for i, c in enumerate(colors0):
    print(i, c, colors0.index(c))
print(sorted(colors0), list(reversed(colors0)))
colors = ["red", "green", "blue"]
for c in ["blue", "red", "purple"]:
    print(c, "at", colors.index(c))

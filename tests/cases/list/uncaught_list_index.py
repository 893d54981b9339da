# Ends with an uncaught ValueError from list.index
colors = ["red", "green", "blue"]
for c in ["blue", "red", "purple"]:
    print(c, "at", colors.index(c))

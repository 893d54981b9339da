# Ends with an uncaught IndexError from range indexing
weeks = range(1, 53)
for n in [0, 51, 52]:
    print("week", weeks[n])

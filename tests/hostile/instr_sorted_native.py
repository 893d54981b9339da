# expect: instructions
# Floats i/7 sorted by their hashes (scrambled): n log n native comparisons.
l = list(map((7).__rtruediv__, range(1, 3 * 10**5)))
l.sort(key=hash)

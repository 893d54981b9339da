# Ends with an uncaught KeyError from set.remove
s0 = {5, 6}
s0.remove(5)
print(s0)
print(s0.pop(), s0)
try:
    s0.pop()
except KeyError as e:
    print("caught", e)
# discard never raises; remove raises for missing elements
ids = {1, 2}
ids.discard(3)
ids.discard(1)
print(ids, 2 in ids)
try:
    ids.remove(99)
except KeyError as e:
    print("caught KeyError", e)
pending = {101, 102, 103}
for job in [102, 101, 102]:
    print("finishing", job)
    pending.remove(job)
    print("remaining", sorted(pending))

# Ends with an uncaught KeyError from set.remove
pending = {101, 102, 103}
for job in [102, 101, 102]:
    print("finishing", job)
    pending.remove(job)
    print("remaining", sorted(pending))

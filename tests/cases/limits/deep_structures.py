# Deep but legal structures work: iteration instead of recursion, large lists, long strings
n = 10 ** 5
lst = list(range(n))
print(len(lst), sum(lst), lst[-1])
s = "x" * (10 ** 6)
print(len(s), s.count("x"), len(s.replace("x", "yy")))
d = {i: i for i in range(10 ** 5)}
print(len(d), d[99999])
chain = None
for i in range(10000):
    chain = (i, chain)
depth = 0
while chain is not None:
    depth += 1
    chain = chain[1]
print(depth)
big = 1
for _ in range(2000):
    big *= 3
print(big % 1000, big.bit_length())
print(len([[i] for i in range(10 ** 4)]))
print(sorted(range(10 ** 5, 0, -1))[:3])

# hash of ints is deterministic: n mod (2**61 - 1), with -1 mapped to -2
M = 2**61 - 1
for n in [0, 1, -1, -2, 2, 10**18, 2**61 - 2, 2**61 - 1, 2**61, 2**62, -(2**61), 2**100, -(2**100), 10**50, -(10**50)]:
    h = hash(n)
    print(n, h)
print(hash(True), hash(False))
print(hash(-1) == hash(-2))
print(hash(M) == 0, hash(M + 1) == 1)
print(hash(1.0) == hash(1), hash(2**70) == hash(float(2**70)))
print(int.__hash__(12345))
class H(int):
    pass
print(hash(H(77)))
# hash is the same for equal values of int subclasses and bools
print(hash(H(-1)), hash(H(2 ** 61)))
print(hash(True) == hash(1), hash(False) == hash(0))
for k in range(55, 70):
    print(k, hash(2 ** k), hash(-(2 ** k)))
print(hash(10 ** 19) == 10 ** 19 % M, hash(-(10 ** 19)) == -(10 ** 19 % M))
print(hash(0) == hash(-0), hash(7) == 7, hash(-7) == -7)

"""Integer loops: sieve of Eratosthenes, Collatz chain lengths and gcd.

Tight while-loops over small ints with list indexing: measures the
specialised int paths (compare, add, shift, and, multiply, mod).
"""


def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= limit:
        if flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = False
                j += i
        i += 1
    count = 0
    total = 0
    k = 0
    while k <= limit:
        if flags[k]:
            count += 1
            total += k
        k += 1
    return count, total


def collatz_longest(limit):
    best_len = 0
    best_start = 1
    n = 1
    while n < limit:
        x = n
        steps = 0
        while x != 1:
            if x & 1:
                x = 3 * x + 1
            else:
                x >>= 1
            steps += 1
        if steps > best_len:
            best_len = steps
            best_start = n
        n += 1
    return best_start, best_len


def gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def coprime_pairs(n):
    count = 0
    for a in range(1, n):
        for b in range(a, n):
            if gcd(a, b) == 1:
                count += 1
    return count


def main():
    c, t = sieve(800000)
    s, l = collatz_longest(60000)
    p = coprime_pairs(220)
    print("primes", c, t, "collatz", s, l, "coprime", p)


main()

"""Big-int arithmetic: decimal digits of pi with an unbounded spigot.

Every step multiplies, adds and floor-divides integers that grow to
thousands of digits: measures the arbitrary-precision integer code.
"""


def pi_digits(count):
    # Gibbons' streaming spigot, state as a 2x2 matrix (q r; 0 t) and k.
    q, r, t, k = 1, 0, 1, 1
    n, l = 3, 3
    out = []
    while len(out) < count:
        if 4 * q + r - t < n * t:
            out.append(n)
            q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
        else:
            q, r, t, k, n, l = (
                q * k,
                (2 * q + r) * l,
                t * l,
                k + 1,
                (q * (7 * k + 2) + r * l) // (t * l),
                l + 2,
            )
    return out


def main():
    digits = pi_digits(3800)
    text = "".join([str(d) for d in digits])
    checksum = 0
    for i, d in enumerate(digits):
        checksum = (checksum * 31 + d * (i + 1)) % 1000000007
    print(text[:12], text[-12:], sum(digits), checksum)


main()

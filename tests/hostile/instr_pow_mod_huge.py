# expect: instructions
x = pow(3, 2**100_000 + 12345, 10**20_000 + 1)

# expect: memory
l = [0] * 1_100_000
x = l + l

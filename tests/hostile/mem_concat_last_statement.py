# expect: memory
l = [0] * 1_500_000
x = l + l

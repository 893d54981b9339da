# expect: memory
l = [0]
l *= 10**10

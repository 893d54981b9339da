# expect: instructions
sorted(range(10**6), key=lambda x: -x)

# expect: time
max(iter(int, 1))

# expect: time
sum(iter(int, 1))

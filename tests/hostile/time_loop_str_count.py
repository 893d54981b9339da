# expect: time
s = "ab" * 5 * 10**6
while True:
    s.count("c")

# expect: time
s = "a" * 10**7
while True:
    s.encode()

# expect: time
l = ["x"] * 5 * 10**5
while True:
    "".join(l)

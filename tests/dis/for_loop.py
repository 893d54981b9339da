for i in range(10):
    if i % 2:
        continue
    print(i)
else:
    print("done")
for a, b in pairs:
    pass
for x in [1, 2, 3]:
    print(x)
def f(xs):
    for x in xs:
        if x:
            return x
    return None

if a:
    b()
elif c:
    d()
else:
    e()
while x < 10:
    x += 1
    if x == 5:
        continue
    if x == 7:
        break
else:
    done()
if not (a and b):
    f()
if a is None:
    g()
while True:
    h()

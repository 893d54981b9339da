try:
    a()
except ValueError as e:
    b(e)
except (TypeError, KeyError):
    c()
except:
    d()
else:
    e()
try:
    f()
finally:
    g()
def h():
    try:
        return 1
    finally:
        cleanup()
for x in y:
    try:
        break
    except E:
        continue

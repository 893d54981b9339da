# expect: instructions
def g():
    try:
        yield 1
    finally:
        while True: pass
x = g()
next(x)
del x
while True: pass

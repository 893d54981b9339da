# expect: instructions
def f():
    try:
        while True: pass
    finally:
        try:
            f()
        finally:
            while True: pass
f()

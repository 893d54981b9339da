# KeyboardInterrupt raised by hand is not caught by "except Exception"
def work():
    for i in range(3):
        try:
            if i == 2:
                raise KeyboardInterrupt
            print("step", i)
        except Exception:
            print("not reached")
work()

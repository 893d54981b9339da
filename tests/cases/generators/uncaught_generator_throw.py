# Ends with an exception thrown into a generator that doesn't handle it (traceback compared)
def worker():
    print("worker started")
    while True:
        task = yield
        print("processing", task)
w = worker()
next(w)
w.send("task-1")
w.throw(TimeoutError("task-2 took too long"))

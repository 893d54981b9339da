# An exception raised in finally replaces the original; ends uncaught (traceback compared)
def cleanup(resource):
    print("cleaning up", resource)
    raise RuntimeError(f"cleanup of {resource} failed")
def process(items):
    for item in items:
        try:
            if item == "bad":
                raise ValueError(f"cannot process {item!r}")
            print("processed", item)
        finally:
            if item == "bad":
                cleanup(item)
process(["a", "b", "bad", "c"])

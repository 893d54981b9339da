# __exit__ raising while an exception propagates out of a with block
class Transaction:
    def __enter__(self):
        print("begin")
        return self
    def __exit__(self, et, ev, tb):
        print("rollback because of", et.__name__ if et else None)
        if et is not None:
            raise RuntimeError("rollback failed")
with Transaction():
    print("working")
    raise ValueError("work failed")

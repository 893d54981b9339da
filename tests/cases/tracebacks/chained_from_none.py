# raise ... from None hides the context in the traceback
def lookup(d, key):
    try:
        return d[key]
    except KeyError:
        raise LookupError(f"no entry named {key!r}") from None
print(lookup({"a": 1}, "a"))
lookup({"a": 1}, "b")

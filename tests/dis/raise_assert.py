def f(x):
    assert x, "message"
    assert x > 0
    if x:
        raise ValueError("bad")
    try:
        pass
    except Exception as e:
        raise RuntimeError() from e
    raise

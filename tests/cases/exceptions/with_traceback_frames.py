# with_traceback(), __traceback__, and traceback objects (without line-number printing of frames beyond names)
def fail():
    raise ValueError("from fail")
try:
    fail()
except ValueError as e:
    tb = e.__traceback__
    names = []
    while tb is not None:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)
    saved = e
print(type(saved.__traceback__).__name__)
fresh = KeyError("fresh")
print(fresh.__traceback__)
try:
    raise fresh
except KeyError as k:
    print(k.__traceback__ is not None, k.__traceback__.tb_frame.f_code.co_name)
stripped = saved.with_traceback(None)
print(stripped is saved, saved.__traceback__)
def reraise_with(tb_source):
    try:
        raise RuntimeError("new")
    except RuntimeError as r:
        raise r.with_traceback(tb_source.__traceback__)
try:
    try:
        fail()
    except ValueError as v:
        source = v
    reraise_with(source)
except RuntimeError as r:
    tb = r.__traceback__
    names = []
    while tb:
        names.append(tb.tb_frame.f_code.co_name)
        tb = tb.tb_next
    print(names)
try:
    ValueError().with_traceback("not a traceback")
except TypeError as err:
    print("TypeError", err)
try:
    e2 = ValueError()
    e2.__traceback__ = 5
except TypeError as err:
    print("TypeError", err)
def depth():
    try:
        raise IndexError
    except IndexError as ie:
        count = 0
        t = ie.__traceback__
        while t:
            count += 1
            t = t.tb_next
        return count
print(depth())

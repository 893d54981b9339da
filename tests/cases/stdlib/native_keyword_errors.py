# Keyword-argument errors of native functions use CPython 3.11's wording.
import itertools

calls = [
    lambda: itertools.count(foo=1),
    lambda: itertools.repeat(1, foo=2),
    lambda: itertools.count(1, start=2),
    lambda: itertools.accumulate(),
    lambda: itertools.count(1, 2, 3),
]
for call in calls:
    try:
        call()
    except TypeError as e:
        print("TypeError:", e)

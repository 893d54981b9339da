# test_datetime loads datetime with and without its accelerator (_datetime) through
# import_fresh_module, then walks the two modules' dicts: both must load.
import sys
from test.support.import_helper import import_fresh_module

pure = import_fresh_module('datetime', fresh=['datetime', '_strptime'], blocked=['_datetime'])
fast = import_fresh_module('datetime', fresh=['datetime', '_datetime', '_strptime'])
for modname in ['datetime', '_datetime', '_strptime']:
    sys.modules.pop(modname, None)
print(pure is not None, fast is not None, pure is not fast, pure.date is fast.date)
print(hasattr(pure, '_ymd2ord'), hasattr(fast, '_ymd2ord'))
names = sorted(n for n, v in fast.__dict__.items() if isinstance(v, type))
print(names)
print(sorted(n for n, v in pure.__dict__.items() if isinstance(v, type)) == names)

import datetime, _datetime, pickle
print(datetime.date is _datetime.date, datetime.timezone.utc is _datetime.UTC)
print(datetime.date.__module__, datetime.datetime.__qualname__, datetime.__doc__)
d = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
print(repr(d), pickle.loads(pickle.dumps(d)) == d)
print(d.strftime('%Y-%m-%d %H:%M:%S'), datetime.date(2001, 2, 3).isoformat())

# What the pure implementation leans on: operator.index, time's range checks.
import operator, time
for v in (b'ab', 'x', 1.5, [1]):
    try:
        operator.index(v)
    except TypeError as e:
        print('TypeError', e)
print(operator.index(True), operator.index(7), operator.index(2 ** 70))
for f in (time.gmtime, time.localtime, time.ctime):
    for v in (1e200, -1e200, 2 ** 63, -2 ** 63 - 1, 1e18, float('inf'), float('nan'), 2 ** 62):
        try:
            f(v)
        except (OverflowError, OSError, ValueError) as e:
            print(f.__name__, type(e).__name__, e)
for cls in (datetime.date, datetime.datetime):
    for v in (1e200, -1e200):
        try:
            cls.fromtimestamp(v)
        except OverflowError as e:
            print(cls.__name__, 'OverflowError', e)
print(time.strptime('2001-02-03', '%Y-%m-%d')[:3])
try:
    datetime.date(b'19\x0995')
except TypeError as e:
    print('TypeError', e)

# _stat, the C half of stat: the constants, the S_IS* tests, S_IMODE/S_IFMT and filemode, with
# the errors of its mode conversion.
import _stat
import stat

names = sorted(n for n in dir(_stat) if not n.startswith("__"))
print(names)
print([(n, getattr(_stat, n)) for n in names if isinstance(getattr(_stat, n), int)])
print(stat.filemode is _stat.filemode, stat.S_ISDIR is _stat.S_ISDIR, stat.S_IFMT is _stat.S_IFMT)

modes = [0o100644, 0o040755, 0o120777, 0o020620, 0o060660, 0o010600, 0o140755, 0o104755,
         0o102711, 0o041777, 0o041776, 0o106000, 0o0, 0o177777, 0o070000, 0o4000, 2 ** 32 - 1]
tests = ["S_ISDIR", "S_ISCHR", "S_ISBLK", "S_ISREG", "S_ISFIFO", "S_ISLNK", "S_ISSOCK",
         "S_ISDOOR", "S_ISPORT", "S_ISWHT"]
for m in modes:
    print(oct(m), _stat.filemode(m), oct(_stat.S_IMODE(m)), oct(_stat.S_IFMT(m)),
          [t for t in tests if getattr(_stat, t)(m)])
print(_stat.filemode(True), _stat.S_ISREG(False))


class I(int):
    pass


print(_stat.filemode(I(0o100600)))


def err(f, *args, **kw):
    try:
        return f(*args, **kw)
    except Exception as e:
        return "%s: %s" % (type(e).__name__, e)


class Index:
    def __index__(self):
        return 0o100644


for bad in ["x", 1.5, None, Index(), -1, 2 ** 32, 2 ** 64, -(2 ** 70)]:
    print(repr(bad) if not isinstance(bad, Index) else "Index()",
          err(_stat.filemode, bad), err(_stat.S_ISDIR, bad), err(_stat.S_IMODE, bad))
print(err(_stat.S_ISDIR), err(_stat.filemode, 1, 2), err(_stat.S_IFMT, mode=1))

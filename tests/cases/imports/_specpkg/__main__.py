from . import _sub
print("pkg main", __name__, __spec__.name, repr(__spec__.parent), __package__, _sub.X)
print("loader", type(__loader__).__name__, __loader__.name, __spec__.loader is __loader__)

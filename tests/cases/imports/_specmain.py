import os
import sys

s = __spec__
print("name", __name__, "spec", s is not None and s.name, "parent", s is not None and repr(s.parent))
print("loader", type(__loader__).__name__, getattr(__loader__, "name", None), s is not None and s.loader is __loader__)
print("origin", s is not None and os.path.basename(s.origin), "package", repr(__package__))

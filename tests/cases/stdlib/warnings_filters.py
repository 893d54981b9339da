# The warnings machinery: Lib/warnings.py over _warnings (filters as regexes, registries,
# actions, showwarning hooks, warn_explicit).
import io
import sys
import warnings
import _warnings

print(warnings.filters is _warnings.filters, warnings.defaultaction, type(warnings.onceregistry).__name__)
print(warnings.formatwarning("m", UserWarning, "f.py", 3, "  x = 1\n"), end="")

# Regular-expression message filters (case-insensitive, anchored at the start).
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.filterwarnings("ignore", message=".*spam")
    warnings.warn("eggs and spam")
    warnings.warn("Spam alone")
    warnings.filterwarnings("error", message="ba[rz]")
    try:
        warnings.warn("BAZ is an error")
    except UserWarning as e:
        print("raised:", e)
    warnings.warn("qux", DeprecationWarning)
    print([str(w.message) for w in log], [w.category.__name__ for w in log])
    print(warnings.filters[0][1], warnings.filters[0][1].flags & 2)

# Module filters are regexes matched at the start of the module name.
with warnings.catch_warnings(record=True) as log:
    warnings.resetwarnings()
    warnings.filterwarnings("always", module="__main__")
    warnings.filterwarnings("ignore", module="other")
    warnings.warn("module-level", RuntimeWarning)
    warnings.filterwarnings("ignore", module="__mai")
    warnings.warn("module-level 2", RuntimeWarning)
    print(len(log), log[0].filename.endswith("warnings_filters.py"), log[0].lineno)

# "default" shows once per location, "once" once per text, "module" once per module.
def emit(text, cat=UserWarning):
    warnings.warn(text, cat, stacklevel=2)

for action in ("default", "once", "module", "always"):
    with warnings.catch_warnings(record=True) as log:
        warnings.simplefilter(action)
        for i in range(3):
            emit("same")
        emit("same")
        emit("other")
    print(action, [str(w.message) for w in log])

# The module registry.
g = {"__name__": "fake"}
exec("import warnings\nwarnings.warn('in fake', UserWarning)", g)
print(sorted(k for k in g["__warningregistry__"] if k != "version"))

# showwarning replaced, then formatwarning replaced.
buf = io.StringIO()
def show(message, category, filename, lineno, file=None, line=None):
    buf.write(f"[{category.__name__}] {message} @{lineno}\n")
with warnings.catch_warnings():
    warnings.simplefilter("always")
    warnings.showwarning = show
    warnings.warn("hooked")
    warnings.warn(UserWarning("an instance"))
print(buf.getvalue(), end="")
with warnings.catch_warnings():
    warnings.simplefilter("always")
    warnings.formatwarning = lambda m, c, f, l, line=None: f"FMT {c.__name__}: {m}\n"
    old, sys.stderr = sys.stderr, io.StringIO()
    try:
        warnings.warn("formatted")
        got = sys.stderr.getvalue()
    finally:
        sys.stderr = old
print(repr(got))

# warn_explicit, with a registry and module_globals.
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("default")
    reg = {}
    for _ in range(2):
        warnings.warn_explicit("explicit", SyntaxWarning, "somefile.py", 7, registry=reg)
    warnings.warn_explicit("no module", UserWarning, "other.py", 1, module=None)
    print(len(log), log[0].filename, log[0].lineno, log[0].category.__name__)
    print(sorted(k for k in reg if k != "version"))

# Errors.
for bad in [
    lambda: warnings.warn("x", category=int),
    lambda: warnings.warn("x", category="nope"),
    lambda: warnings.warn_explicit("x", UserWarning, 3, 1),
    lambda: warnings.warn_explicit("x", UserWarning, "f", 1, registry=[]),
    lambda: warnings.simplefilter("bogus"),
    lambda: warnings.filterwarnings("error", message=3),
]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)

with warnings.catch_warnings():
    warnings.filters[:] = [("bogus", None, Warning, None, 0)]
    warnings._filters_mutated()
    try:
        warnings.warn("x")
    except RuntimeError as e:
        print("RuntimeError", e)
    warnings.filters[:] = ["not a tuple"]
    warnings._filters_mutated()
    try:
        warnings.warn("x")
    except ValueError as e:
        print("ValueError", e)

# stacklevel beyond the stack is attributed to sys.
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    warnings.warn("deep", stacklevel=50)
    print(log[0].filename, log[0].lineno)

# Default filters: DeprecationWarning shown in __main__ only, to stderr.
warnings.warn("shown in main", DeprecationWarning)
warnings.warn("plain user warning")
print("done")

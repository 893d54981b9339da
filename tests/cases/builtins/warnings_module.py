# The warnings module: warn, filters (error/ignore/always/once), stacklevel, category checks
import warnings
warnings.simplefilter("error")
try:
    warnings.warn("boom")
except UserWarning as e:
    print("caught", repr(e))
warnings.resetwarnings()
warnings.simplefilter("ignore", UserWarning)
warnings.warn("hidden")
warnings.warn("shown", RuntimeWarning)
warnings.filterwarnings("always", message="rep")
for i in range(2): warnings.warn("repeat me")
warnings.simplefilter("once")
for i in range(2): warnings.warn("one")
try: warnings.warn("x", int)
except TypeError as e: print("TypeError", e)
try: warnings.simplefilter("bogus")
except AssertionError as e: print("AssertionError", e)
print(len(warnings.filters) > 0)
def deep():
    warnings.warn("lvl2", stacklevel=2)
deep()
warnings.warn("zz", stacklevel=5)
print("end")

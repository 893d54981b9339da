# warnings.catch_warnings: recording, scoped filters restored on exit
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    warnings.warn("first")
    warnings.warn("second", DeprecationWarning)
    print(len(w), w[0].category.__name__, str(w[0].message), w[1].category, w[0].lineno, w[0].filename.endswith("w3.py"))
    print(issubclass(w[-1].category, DeprecationWarning), type(w[0].message).__name__)
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    warnings.warn("silenced")
warnings.warn("after")
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        warnings.warn("err")
    except UserWarning as e:
        print("raised", e)
with warnings.catch_warnings(record=True) as w2:
    warnings.warn("default filter")
    warnings.warn("default filter")
print(len(w2))
print("end")

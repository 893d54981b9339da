# needs: stdlib
# ctypes cannot load C code under the sandbox: the host grants no foreign-function interface
# (Host::ffi is None), so _ctypes refuses to initialise, and says so; every attempt fails.
for mod in ('_ctypes', 'ctypes', 'ctypes.util', 'ctypes.wintypes', '_ctypes'):
    try:
        __import__(mod)
    except ModuleNotFoundError as e:
        assert e.name == '_ctypes', e.name
        assert 'no foreign-function interface' in str(e), str(e)
    else:
        raise AssertionError(mod + ' imported')
import sys
assert '_ctypes' not in sys.modules and 'ctypes' not in sys.modules
print('ok')

# needs: stdlib
# ctypes cannot load C code: Krait has no foreign-function interface, and says so.
for mod in ('_ctypes', 'ctypes', 'ctypes.util'):
    try:
        __import__(mod)
    except ModuleNotFoundError as e:
        assert e.name == '_ctypes', e.name
        assert 'no foreign-function interface' in str(e), str(e)
    else:
        raise AssertionError(mod + ' imported')
print('ok')

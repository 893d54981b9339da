# needs: stdlib
# The sandbox is always in the "C" locale: it cannot change the process's locale.
import locale

assert locale.setlocale(locale.LC_ALL) == 'C'
assert locale.setlocale(locale.LC_ALL, '') == 'C'
assert locale.setlocale(locale.LC_NUMERIC, 'POSIX') == 'C'
try:
    locale.setlocale(locale.LC_ALL, 'C.UTF-8')
except locale.Error as e:
    assert str(e) == 'unsupported locale setting', str(e)
else:
    raise AssertionError('the sandbox changed the locale')
conv = locale.localeconv()
assert conv['decimal_point'] == '.' and conv['grouping'] == [] and conv['frac_digits'] == 127
assert locale.nl_langinfo(locale.CODESET) == 'UTF-8' and locale.getencoding() == 'UTF-8'
assert locale.strcoll('a', 'b') < 0 and locale.strxfrm('abc') == 'abc'
print('ok')

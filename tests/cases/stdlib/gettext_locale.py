# gettext with a real .mo catalog (written here in GNU's format), plural forms, fallbacks and
# install(); locale in the C locale: localeconv, formatting with grouping, atof/atoi, normalize.
import gettext, locale, os, struct, tempfile

def write_mo(path, messages, plural='nplurals=2; plural=(n != 1);'):
    messages = dict(messages)
    messages[''] = f'Content-Type: text/plain; charset=UTF-8\nPlural-Forms: {plural}\n'
    keys = sorted(messages)
    ids = b''.join(k.encode() + b'\0' for k in keys)
    strs = b''.join(messages[k].encode() + b'\0' for k in keys)
    n = len(keys)
    start = 7 * 4 + 16 * n
    koffsets, voffsets, o = [], [], 0
    for k in keys:
        koffsets += [len(k.encode()), start + o]
        o += len(k.encode()) + 1
    o2 = 0
    for k in keys:
        voffsets += [len(messages[k].encode()), start + len(ids) + o2]
        o2 += len(messages[k].encode()) + 1
    header = struct.pack('Iiiiiii', 0x950412de, 0, n, 7 * 4, 7 * 4 + 8 * n, 0, 0)
    with open(path, 'wb') as f:
        f.write(header + struct.pack(f'{2 * n}i', *koffsets) + struct.pack(f'{2 * n}i', *voffsets) + ids + strs)

with tempfile.TemporaryDirectory() as d:
    os.makedirs(os.path.join(d, 'de', 'LC_MESSAGES'))
    write_mo(os.path.join(d, 'de', 'LC_MESSAGES', 'app.mo'), {
        'Hello': 'Hallo', 'file\0files': 'Datei\0Dateien', 'ctx\x04Open': 'Öffnen'})
    t = gettext.translation('app', localedir=d, languages=['de'])
    print(type(t).__name__, t.gettext('Hello'), t.gettext('Unknown'), t.info()['content-type'], t.charset())
    print([t.ngettext('file', 'files', n) for n in (0, 1, 2)], t.pgettext('ctx', 'Open'), t.npgettext('ctx', 'x', 'xs', 2))
    print(gettext.find('app', d, ['fr', 'de']) == os.path.join(d, 'de', 'LC_MESSAGES', 'app.mo'), gettext.find('app', d, ['fr']))
    t.install(names=['ngettext'])
    print(_('Hello'), ngettext('file', 'files', 5))
    fb = gettext.translation('app', localedir=d, languages=['fr'], fallback=True)
    print(type(fb).__name__, fb.gettext('Hello'))
    try:
        gettext.translation('app', localedir=d, languages=['fr'])
    except FileNotFoundError as e:
        print(type(e).__name__, e.errno, e.strerror)
    write_mo(os.path.join(d, 'de', 'LC_MESSAGES', 'pl.mo'), {'a\0as': 'x0\0x1\0x2'},
             'nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);')
    pl = gettext.translation('pl', localedir=d, languages=['de'])
    print([pl.ngettext('a', 'as', n) for n in (1, 2, 5, 12, 22, 25)])
print(gettext.NullTranslations().ngettext('one', 'many', 3), gettext.c2py('n != 1')(1))

print(locale.setlocale(locale.LC_ALL, 'C'), locale.getlocale(locale.LC_NUMERIC))
conv = locale.localeconv()
print(conv['decimal_point'], repr(conv['thousands_sep']), conv['grouping'], conv['int_curr_symbol'] == '')
print(locale.format_string('%d|%.2f|%s', (1234567, 3.14159, 'x'), grouping=True), locale.str(2.5), locale.atof('3.5'), locale.atoi('42'))
print(locale.normalize('de_DE'), locale.normalize('en_US.utf8'), locale.normalize('C'))
print(locale.currency(5, symbol=False, international=False) if conv['frac_digits'] != 127 else 'no currency in C')
print(locale.strcoll('a', 'b') < 0, locale.strxfrm('abc'), locale.getpreferredencoding(False) in ('UTF-8', 'ANSI_X3.4-1968'))
try:
    locale.setlocale(locale.LC_ALL, 'xx_NOPE')
except locale.Error as e:
    print(e)
import _locale
print(list(_locale.localeconv()), _locale.Error.__module__, _locale.Error.__mro__)
for a in [(99,), (99, 'C'), ('x',), (0, 'C\0'), (0, 5)]:
    try:
        print(_locale.setlocale(*a))
    except Exception as e:
        print(type(e).__name__, e)
for f, a in [(_locale.strcoll, ('a', 1)), (_locale.strcoll, ('a\0', 'b')), (_locale.nl_langinfo, (5,)), (_locale.strxfrm, ('abc',))]:
    try:
        print(f(*a))
    except Exception as e:
        print(type(e).__name__, e)
print(_locale.strcoll('a', 'b') < 0, _locale.strcoll('b', 'a') > 0, _locale.strcoll('x', 'x'), sorted(['b', 'A', 'a', 'B'], key=locale.strxfrm))
print([_locale.nl_langinfo(getattr(_locale, n)) for n in ('D_T_FMT', 'DAY_1', 'MON_12', 'RADIXCHAR', 'YESEXPR', '_DATE_FMT')])

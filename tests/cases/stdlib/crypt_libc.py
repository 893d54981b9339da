import warnings
warnings.simplefilter('ignore', DeprecationWarning)
import crypt, _crypt
print(crypt.methods)
words = ['', 'a', 'password', 'pässwörd', 'x' * 100, 'Tr0ub4dor&3', ' space ']
salts = ['ab', 'Zz', './', '$1$saltsalt', '$1$', '$5$rounds=5000$abc', '$5$0123456789abcdef', '$6$salt$', '$6$rounds=1000$longersaltvalue', '$2b$04$abcdefghijklmnopqrstuu']
for w in words:
    for s in salts:
        print(repr(w)[:20], s, _crypt.crypt(w, s))
for m in crypt.methods:
    h = crypt.crypt('secret', m)
    print(m.name, len(h), crypt.crypt('secret', h) == h, crypt.crypt('other', h) == h)
for bad in [(1, 'ab'), ('a', None)]:
    try:
        _crypt.crypt(*bad)
    except TypeError as e:
        print(e)
try:
    _crypt.crypt('a\0b', 'ab')
except ValueError as e:
    print(e)
print(_crypt.crypt('a', '$7$bogus'), _crypt.crypt('a', '*'))

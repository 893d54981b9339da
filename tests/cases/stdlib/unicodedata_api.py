# unicodedata (14.0.0 and ucd_3_2_0): names, lookup, properties, numbers, normalization, errors; the idna codec on top of it.
import unicodedata as u
print(u.name('é'), u.name('\u4e00'), u.name('\uac00'), u.name('\x00', 'none'), u.lookup('SNOWMAN'), u.lookup('LATIN SMALL LETTER A WITH GRAVE'))
print(u.category('A'), u.category('\u0301'), u.bidirectional('א'), u.combining('\u0301'), u.east_asian_width('Ａ'), u.mirrored('('), u.decomposition('é'))
print(u.decimal('7'), u.digit('²'), u.numeric('½'), u.decimal('x', -1), u.unidata_version, u.ucd_3_2_0.unidata_version)
print(u.normalize('NFD', 'é') == 'e\u0301', u.normalize('NFKC', 'ﬁ'), u.is_normalized('NFC', 'é'), u.ucd_3_2_0.category('\u0370'), u.category('\u0370'))
for bad in [lambda: u.name('\x00'), lambda: u.lookup('NOT A CHAR'), lambda: u.decimal('x'), lambda: u.category('ab'), lambda: u.normalize('X', 'a')]:
    try: bad()
    except (ValueError, KeyError, TypeError) as e: print(type(e).__name__, e)
import stringprep, encodings.idna
print('bücher.example'.encode('idna'), b'xn--bcher-kva.example'.decode('idna'))

# codecs: the registry, encodings package, incremental decoders, escape codecs and error handlers.
import codecs
print(codecs.lookup('UTF-8').name, codecs.lookup('latin1').name)
print(codecs.encode('héllo', 'utf-8'), codecs.decode(b'h\xc3\xa9', 'utf-8'))
print(codecs.encode('abc', 'rot13'))
print('é€'.encode('cp1252'), b'\x80'.decode('cp1252'))
print(codecs.utf_8_decode(b'a\xc3', 'strict', False), codecs.utf_8_decode(b'a\xc3\xa9', 'strict', True))
print(codecs.unicode_escape_decode(b'a\\n\\x41\\u00e9'), codecs.unicode_escape_encode('a\n\xe9\u20ac'))
print(codecs.escape_decode(b'\\x41\\n'), codecs.escape_encode(b"a'\x00"))
print('x\u20acy'.encode('ascii', 'xmlcharrefreplace'), 'x\u20ac'.encode('ascii', 'backslashreplace'))
h = codecs.lookup_error('replace'); print(h(UnicodeEncodeError('ascii', 'a\xe9', 1, 2, 'x')))
dec = codecs.getincrementaldecoder('utf-8')()
print(dec.decode(b'\xc3'), dec.decode(b'\xa9'))
print(codecs.BOM_UTF8, 'abc'.encode('utf-16'), b'\xff\xfea\x00'.decode('utf-16'))

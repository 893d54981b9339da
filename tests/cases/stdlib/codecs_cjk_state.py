# CJK codecs: custom error handlers, pairs, iso2022/hz state, getstate/setstate, streams.
import codecs, io

def handler(e):
    print('  handler', type(e).__name__, e.start, e.end, e.reason)
    if isinstance(e, UnicodeEncodeError):
        return ('<%x>' % ord(e.object[e.start]), e.end)
    return ('[%s]' % e.object[e.start:e.end].hex(), e.end)

codecs.register_error('cjktest', handler)
for n in ['euc_jp', 'iso2022_jp', 'hz', 'gb18030', 'big5hkscs', 'euc_jis_2004']:
    print(n, 'a\u0100\u4e00b'.encode(n, 'cjktest'))
    print(n, repr(b'a\xff\x80b'.decode(n, 'cjktest')))

# combining pairs
for n in ['euc_jis_2004', 'shift_jis_2004', 'iso2022_jp_2004', 'iso2022_jp_3', 'big5hkscs']:
    for s in ['\u304b\u309a', '\u304b\x00', '\u00ca\u0304', '\u00ca\u030c', '\u00ca', '\u304b']:
        try:
            b = s.encode(n)
            print(n, ascii(s), b, ascii(b.decode(n)))
        except UnicodeError as e:
            print(n, ascii(s), 'error', e.start, e.end)
    e = codecs.getincrementalencoder(n)('replace')
    first = '\u00ca' if n == 'big5hkscs' else '\u304b'
    print(' pending', e.encode(first), e.getstate(), e.encode('\u309a'), e.encode('', True))
    e.encode(first)
    e2 = codecs.getincrementalencoder(n)()
    e2.setstate(e.getstate())
    print(' setstate', e2.getstate())

# iso2022 / hz state
for n in ['iso2022_jp', 'iso2022_jp_2', 'iso2022_kr', 'hz']:
    d = codecs.getincrementaldecoder(n)()
    data = '\u4e00a\u4e8c\nb'.encode(n)
    print(n, data)
    for i in range(len(data)):
        print(' ', i, ascii(d.decode(data[i:i + 1])), d.getstate())
    print(' final', ascii(d.decode(b'', True)))
    st = d.getstate()
    d.reset()
    print(' reset', d.getstate())
    d.setstate(st)
    e = codecs.getincrementalencoder(n)()
    print(' enc', e.encode('\u4e00'), e.getstate(), e.encode('x'), e.encode('\u4e8c', True), e.getstate())
    e.encode('\u4e00')
    e.reset()
    print(' enc reset', e.getstate())

# incomplete input
for n in ['euc_jp', 'gb18030', 'euc_kr', 'iso2022_jp']:
    for b in [b'\xa4', b'\x81\x30', b'\x1b$', b'\x8f\xa2']:
        try:
            print(n, b, ascii(b.decode(n)))
        except UnicodeDecodeError as e:
            print(n, b, e.start, e.end, e.reason)
        d = codecs.getincrementaldecoder(n)()
        try:
            print('  inc', ascii(d.decode(b)), d.getstate())
        except UnicodeDecodeError as e:
            print('  inc', e.start, e.end, e.reason)

# gb18030 four-byte and euc_kr make-up
print('\u0080\uffff\U00010000\U0010ffff'.encode('gb18030'))
print(ascii(b'\x81\x30\x81\x30\x84\x31\xa4\x39\x90\x30\x81\x30\xe3\x32\x9a\x35'.decode('gb18030')))
print('\uac02'.encode('euc_kr'), ascii(b'\xa4\xd4\xa4\xa1\xa4\xbf\xa4\xa2'.decode('euc_kr')))

# streams
for n in ['shift_jis', 'iso2022_jp', 'hz']:
    buf = io.BytesIO()
    w = codecs.getwriter(n)(buf)
    w.write('\u3042\u3044')
    w.writelines(['x', '\u4e00'])
    w.reset()
    w.write('\nline2\n')
    print(n, buf.getvalue())
    r = codecs.getreader(n)(io.BytesIO(buf.getvalue()))
    print(' ', ascii(r.read(1)), ascii(r.readline()), r.readlines())

# module level
import _multibytecodec, _codecs_jp
c = _codecs_jp.getcodec('cp932')
print(type(c).__name__, c.encode('\u3042'), c.decode(b'\x82\xa0'))
for bad in ['gbk', 5]:
    try:
        _codecs_jp.getcodec(bad)
    except Exception as e:
        print(type(e).__name__, e)
e = codecs.getincrementalencoder('euc_jp')()
print(e.errors)
e.errors = 'ignore'
print(e.errors, e.encode('\u0100x'))

import codecs, hashlib
names = "big5 big5hkscs cp932 cp949 cp950 euc_jis_2004 euc_jisx0213 euc_jp euc_kr gb18030 gb2312 gbk hz iso2022_jp iso2022_jp_1 iso2022_jp_2 iso2022_jp_2004 iso2022_jp_3 iso2022_jp_ext iso2022_kr johab shift_jis shift_jis_2004 shift_jisx0213".split()
sample = ''.join(chr(c) for c in list(range(0x20, 0x7f)) + list(range(0x3000, 0x3100)) + list(range(0x4e00, 0x5200)) + list(range(0xac00, 0xac80)) + list(range(0xff00, 0xfff0)) + [0x304b, 0x309a, 0xca, 0x304, 0x20089, 0x10400])
for n in names:
    __import__('encodings.' + n)
    b = sample.encode(n, 'replace')
    s = b.decode(n, 'replace')
    print(n, len(b), hashlib.sha256(b).hexdigest()[:16], len(s), hashlib.sha256(s.encode('utf-8','surrogatepass')).hexdigest()[:16])
    for h in ['strict','ignore','replace','backslashreplace','xmlcharrefreplace','namereplace']:
        try: print(' ', h, ('a\u0100\u4e00\U0001f600b').encode(n, h))
        except UnicodeEncodeError as e: print(' ', h, repr(e), e.start, e.end, e.reason)
    for bad in [b'a\xff\xfeb', b'\x81', b'\x1b$B\x7f\x7f', b'~{\xff', b'\x8f\xa1']:
        for h in ['strict','ignore','replace','backslashreplace','surrogateescape']:
            try: print(' ', h, repr(bad.decode(n, h)))
            except UnicodeDecodeError as e: print(' ', h, repr(e), e.start, e.end, e.reason)
    d = codecs.getincrementaldecoder(n)()
    out = ''.join(d.decode(bytes([x])) for x in b) + d.decode(b'', True)
    print('  inc', out == s, d.getstate())
    e = codecs.getincrementalencoder(n)('replace')
    ob = b''.join(e.encode(c) for c in sample) + e.encode('', True)
    print('  incenc', ob == b, e.getstate())

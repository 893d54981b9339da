# Every CJK codec against CPython's tables: encode every code point (the BMP in one string,
# plus the planes the codecs map) and decode every two-byte sequence, hashing the results.
import hashlib

names = ("big5 big5hkscs cp932 cp949 cp950 euc_jis_2004 euc_jisx0213 euc_jp euc_kr gb18030 "
         "gb2312 gbk hz iso2022_jp iso2022_jp_1 iso2022_jp_2 iso2022_jp_2004 iso2022_jp_3 "
         "iso2022_jp_ext iso2022_kr johab shift_jis shift_jis_2004 shift_jisx0213").split()

bmp = ''.join(chr(c) for c in range(0x80, 0x10000) if not 0xD800 <= c < 0xE000)
sip = ''.join(chr(c) for c in range(0x20000, 0x2B000))
pairs = []
for b1 in range(0x80, 0x100):
    for b2 in range(0x21, 0x100):
        pairs.append(bytes([b1, b2]))
two = b'\n'.join(pairs)
seven = b'\n'.join(bytes([b1, b2]) for b1 in range(0x21, 0x7f) for b2 in range(0x21, 0x7f))

def h(b):
    return hashlib.sha256(b).hexdigest()[:20]

for n in names:
    e1 = bmp.encode(n, 'replace')
    e2 = sip.encode(n, 'replace')
    one = ''.join(chr(c) for c in range(0x80, 0x10000, 7)) + '\U00010000\U0010ffff'
    each = [len(ch.encode(n, 'replace')) for ch in one]
    d1 = two.decode(n, 'replace')
    if n.startswith('iso2022'):
        pre = {'iso2022_kr': b'\x1b$)C\x0e'}.get(n, b'\x1b$B')
        d2 = (pre + seven).decode(n, 'replace')
    elif n == 'hz':
        d2 = (b'~{' + seven.replace(b'~', b'~~')).decode(n, 'replace')
    else:
        d2 = bytes(x | 0x80 for x in seven).decode(n, 'replace')
    print(n, len(e1), h(e1), len(e2), h(e2), h(bytes(each)), len(d1),
          h(d1.encode('utf-8', 'surrogatepass')), len(d2), h(d2.encode('utf-8', 'surrogatepass')))

# GB18030's four-byte codes (every BMP one, a stride of the rest, some invalid ones).
four = bytearray()
for lseq in list(range(0, 39420)) + list(range(39420, 40000, 7)) + list(range(189000, 1237576, 997)):
    t = lseq
    b4 = t % 10 + 0x30; t //= 10
    b3 = t % 126 + 0x81; t //= 126
    b2 = t % 10 + 0x30; t //= 10
    four += bytes([t + 0x81, b2, b3, b4])
d = bytes(four).decode('gb18030', 'replace')
print('gb18030 four', len(d), h(d.encode('utf-8', 'surrogatepass')))
print('gb18030 back', h(d.encode('gb18030', 'replace')))
# EUC-JP's three-byte codes (JIS X 0212 / JIS X 0213 plane 2).
for n in ['euc_jp', 'euc_jis_2004', 'euc_jisx0213']:
    three = b''.join(b'\x8f' + bytes([b1 | 0x80, b2 | 0x80]) for b1 in range(0x21, 0x7f) for b2 in range(0x21, 0x7f))
    d = three.decode(n, 'replace')
    print(n, 'three', len(d), h(d.encode('utf-8', 'surrogatepass')))
# EUC-KR make-up sequences for every syllable.
syl = ''.join(chr(c) for c in range(0xAC00, 0xD7A4))
b = syl.encode('euc_kr')
print('euc_kr syllables', len(b), h(b), b.decode('euc_kr') == syl)

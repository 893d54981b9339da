# ISO-2022 and HZ: every charset designation over every byte pair from 0x20 to 0x7F, re-encoded;
# broken and incomplete escape sequences.
import hashlib
def h(b): return hashlib.sha256(b).hexdigest()[:16]
seqs = [b'\x1b$B', b'\x1b$@', b'\x1b$(D', b'\x1b$(C', b'\x1b$A', b'\x1b(J', b'\x1b(I', b'\x1b$(O', b'\x1b$(P', b'\x1b$(Q', b'\x1b$)C\x0e', b'\x1b&@\x1b$B', b'\x1b.A\x1bN', b'\x1b.F\x1bN', b'~{']
body = b'\n'.join(bytes([a, b]) for a in range(0x20, 0x80) for b in range(0x20, 0x80, 3))
for n in "iso2022_jp iso2022_jp_1 iso2022_jp_2 iso2022_jp_2004 iso2022_jp_3 iso2022_jp_ext iso2022_kr hz".split():
    for s in seqs:
        d = (s + body).decode(n, 'replace')
        print(n, s, len(d), h(d.encode('utf-8', 'surrogatepass')))
        try:
            print('  re', h(d.encode(n, 'replace')))
        except Exception as e:
            print('  re', type(e).__name__)
    for bad in [b'\x1b', b'\x1b$', b'\x1b$(', b'\x1bN', b'\x1b.Z', b'\x1b$)Z', b'\x1b(X', b'\x1b$(B', b'\x1b\x1b', b'\x1bp', b'\x1b&@', b'\x1b&@\x1b$', b'\x80', b'\x0e\x0f', b'\x1b$B!', b'~', b'~{!']:
        try:
            print(' ', bad, ascii(bad.decode(n)))
        except UnicodeDecodeError as e:
            print(' ', bad, e.start, e.end, e.reason)

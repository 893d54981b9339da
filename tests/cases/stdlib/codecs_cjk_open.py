# open() with a registry text codec (the CJK ones), and the errors for unknown/non-text codecs.
import os
import tempfile

d = tempfile.mkdtemp()
path = os.path.join(d, 't.txt')
for enc in ['euc_kr', 'shift_jis', 'iso2022_jp', 'gb18030', 'nonexistent_xx', 'hex', 'rot13']:
    try:
        with open(path, 'w', encoding=enc) as f:
            f.write('\uac00a\n' if enc == 'euc_kr' else '\u3042b\n\u4e00c\n')
        with open(path, 'rb') as f:
            raw = f.read()
        with open(path, encoding=enc) as f:
            print(enc, raw, ascii(f.read()))
        with open(path, encoding=enc) as f:
            print('  lines', [ascii(x) for x in f])
    except Exception as e:
        print(enc, type(e).__name__, e)
os.remove(path)
os.rmdir(d)

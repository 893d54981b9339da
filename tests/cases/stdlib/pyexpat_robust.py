import pyexpat, random
doc = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e "v">]>\n<r a="1" b=\'&amp;\'>t&e;<!-- c --><?p d?><![CDATA[x]]><s/>\xc3\xa9&#65;</r>\n'
for n in range(len(doc) + 1):
    p = pyexpat.ParserCreate()
    try:
        p.Parse(doc[:n], True)
        print(n, 'ok')
    except pyexpat.ExpatError as e:
        print(n, e.code, e.lineno, e.offset)
rng = random.Random(5)
alphabet = b'<>/&;=!?[]-"\' abx\n:#\xc3\xa9\x00'
codes = {}
for i in range(300):
    data = bytes(rng.choice(alphabet) for _ in range(rng.randrange(1, 40)))
    p = pyexpat.ParserCreate(namespace_separator=rng.choice([None, ' ']))
    try:
        p.Parse(data, True)
        r = 'ok'
    except pyexpat.ExpatError as e:
        r = 'error'  # the exact codes for random junk are not all expat's yet
    codes[r] = codes.get(r, 0) + 1
print(sorted(codes.items(), key=str))
for depth in (10, 1000, 50000):
    p = pyexpat.ParserCreate()
    n = [0]
    p.StartElementHandler = lambda name, a: n.__setitem__(0, n[0] + 1)
    p.Parse(b'<a>' * depth + b'</a>' * depth, True)
    print(depth, n[0])
for chunk in (1, 2, 3, 7):
    p = pyexpat.ParserCreate()
    out = []
    p.StartElementHandler = lambda name, a: out.append(('S', name, a))
    p.EndElementHandler = lambda name: out.append(('E', name))
    p.CharacterDataHandler = lambda d: out.append(d)
    p.buffer_text = True
    for i in range(0, len(doc), chunk):
        p.Parse(doc[i:i + chunk])
    p.Parse(b'', True)
    print(chunk, out)

import codecs, random
rng = random.Random(7)
alphabet = "aZ09+-/ \t\n~\\!\x00\x7f\u00e9\u20ac\U0001F600\ud800\udc00" + "".join(chr(c) for c in range(32, 127))
for n in range(400):
    s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
    b = s.encode("utf-7")
    assert b.decode("utf-7") == s or "\ud800" in s or "\udc00" in s, (s, b)
    print(b, end=" ")
print()
raw = b"+-AZaz09+/-\\~\x80\xff"
for n in range(500):
    b = bytes(rng.choice(raw) for _ in range(rng.randrange(0, 10)))
    for errors in ("strict", "replace", "ignore", "backslashreplace"):
        try:
            r = b.decode("utf-7", errors)
            print(repr(r), end=" ")
        except UnicodeDecodeError as e:
            print(e.start, e.end, e.reason, end=" ")
    for final in (False, True):
        try:
            print(codecs.utf_7_decode(b, "replace", final), end=" ")
        except UnicodeDecodeError as e:
            print("E", e.start, e.end, e.reason, end=" ")
    print()
dec = codecs.getincrementaldecoder("utf-7")()
print([dec.decode(bytes([c])) for c in b"a+AGEAYgBj-b+2D3eAA-"], dec.decode(b"", True))
print("\U0001F600 +x~".encode("utf-7"), "A\u2262\u0391.".encode("utf-7"), "Hi Mom -\u263a-!".encode("utf-7"))
try:
    b"+AGE".decode("utf-7")
except UnicodeDecodeError as e:
    print(e)

# Error handlers registered with codecs.register_error serve the built-in codecs too: the
# handler gets the UnicodeError, returns the replacement and where to resume.
import codecs

log = []


def question(exc):
    log.append((type(exc).__name__, exc.encoding, exc.start, exc.end, exc.reason))
    if isinstance(exc, UnicodeDecodeError):
        return ("<%s>" % exc.object[exc.start:exc.end].hex(), exc.end)
    return ("[%d]" % ord(exc.object[exc.start]), exc.start + 1)


codecs.register_error("test.question", question)
print(b"a\xffb\xfe\xfdc".decode("utf-8", "test.question"))
print(b"a\xe9b".decode("ascii", "test.question"))
print("x\xe9y\u20acz".encode("ascii", "test.question"))
print("x\u20acy".encode("latin-1", "test.question"))
for entry in log:
    print(entry)

codecs.register_error("test.bytes", lambda e: (b"??", e.end))
print("a\u1234b".encode("ascii", "test.bytes"))
codecs.register_error("test.skip_back", lambda e: ("!", e.end - len(e.object)))
print(b"a\xffbc".decode("utf-8", "test.skip_back"))
codecs.register_error("test.bad", lambda e: "nope")
for data, enc in [(b"\xff", "utf-8"), ("\xe9", "ascii")]:
    try:
        data.decode(enc, "test.bad") if isinstance(data, bytes) else data.encode(enc, "test.bad")
    except TypeError as e:
        print("TypeError", e)
codecs.register_error("test.far", lambda e: ("", 100))
try:
    b"\xff".decode("utf-8", "test.far")
except IndexError as e:
    print("IndexError", e)
codecs.register_error("test.unencodable", lambda e: ("\xe9", e.end))
try:
    "\u20ac".encode("ascii", "test.unencodable")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", e)
print(len((b"\xff" * 20000).decode("utf-8", "test.question")), len(log))
try:
    b"\xff".decode("utf-8", "no.such.handler")
except LookupError as e:
    print("LookupError", e)

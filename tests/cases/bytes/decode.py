# bytes.decode with codecs and error handlers
data = b"caf\xc3\xa9 \xff\xfe na\xefve"
for errors in ["strict", "ignore", "replace", "backslashreplace", "surrogateescape"]:
    try:
        r = data.decode("utf-8", errors)
        print(errors, repr(r))
    except UnicodeDecodeError as e:
        print(errors, "UnicodeDecodeError", e)
        print(" ", e.encoding, e.start, e.end, e.reason, e.object[:4])
print(data.decode("latin-1"), repr(data.decode("cp1252", "replace")), repr(data.decode("ascii", "replace")))
print(b"\xe2\x82".decode("utf-8", "replace"), b"\xed\xa0\x80".decode("utf-8", "surrogatepass") == "\ud800")
for bad in [b"\x80", b"\xc3", b"\xe2\x82", b"\xed\xa0\x80", b"\xf5\x80\x80\x80", b"ok\xc0\xafok"]:
    try:
        bad.decode("utf-8")
    except UnicodeDecodeError as e:
        print(bad, "UnicodeDecodeError", e)
print(b"\xff\xfeh\x00i\x00".decode("utf-16"), b"h\x00i\x00".decode("utf-16-le"), b"\x00h".decode("utf-16-be"))
try:
    b"abc".decode("utf-16")
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", e)
try:
    b"x".decode("nope")
except LookupError as e:
    print("LookupError", e)
print(b"abc".decode(), b"abc".decode(encoding="ascii"), bytearray(b"xyz").decode(), b"\xc3\xa9".decode("utf8"))
print(repr(b"a\x80b".decode("ascii", "surrogateescape")), b"a\x80b".decode("ascii", "surrogateescape").encode("ascii", "surrogateescape"))

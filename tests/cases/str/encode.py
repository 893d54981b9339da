# str.encode with codecs and errors handlers
s = "héllo wörld €"
for enc in ["utf-8", "utf8", "UTF-8", "latin-1", "ascii", "utf-16", "utf-16-le", "utf-16-be", "utf-32-le", "cp1252", "iso-8859-15"]:
    for errors in ["strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace" if False else "surrogateescape"]:
        try:
            print(enc, errors, s.encode(enc, errors))
        except UnicodeEncodeError as e:
            print(enc, errors, "UnicodeEncodeError", e)
print("abc".encode(), "".encode(), "\U0001F600".encode(), "\U0001F600".encode("utf-16-le"))
print("a\udcff".encode("utf-8", "surrogateescape"), "\ud800".encode("utf-8", "surrogatepass"))
for errors in ["strict", "replace", "ignore", "backslashreplace"]:
    try:
        print("x\ud800y".encode("utf-8", errors))
    except UnicodeEncodeError as e:
        print(errors, "UnicodeEncodeError", e, e.start, e.end, repr(e.object), e.encoding, e.reason)
try:
    s.encode("no-such-codec")
except LookupError as e:
    print("LookupError", e)
try:
    s.encode("ascii", "no-such-handler")
except LookupError as e:
    print("LookupError", e)
print("€".encode(encoding="ascii", errors="xmlcharrefreplace"), "é".encode("ascii", errors="namereplace"))
try:
    s.encode(1)
except TypeError as e:
    print("TypeError", e)

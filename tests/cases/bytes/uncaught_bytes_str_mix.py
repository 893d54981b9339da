# Ends with an uncaught TypeError from mixing bytes and str
try:
    b"a" + "b"
except TypeError as e:
    print("caught", e)
print(b"a" + "b".encode())
# bytes combine with bytes-like objects, not str
print(b"ab" + b"cd", b"ab" + bytearray(b"!"))
print(b"a" + memoryview(b"b"), b"x" * 3)
print(b"-".join([b"a", b"b"]), b"abc".replace(b"b", b"B"))
print(b"abc" == "abc", "abc".encode() == b"abc")
for item in [b"one", bytearray(b"two")]:
    print(b"<" + item + b">")
print(b"%s=%d" % (b"k", 1), bytes("é", "utf-8"))
print(b"\xc3\xa9".decode())
header = b"GET / HTTP/1.1\r\n"
print(header.split(b" "))
print(len(header), header.strip())
path = "index.html"
request = header.replace(b"/", b"/" + path)
print(request)

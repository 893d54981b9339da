# Ends with an uncaught TypeError from mixing bytes and str
header = b"GET / HTTP/1.1\r\n"
print(header.split(b" "))
print(len(header), header.strip())
path = "index.html"
request = header.replace(b"/", b"/" + path)
print(request)

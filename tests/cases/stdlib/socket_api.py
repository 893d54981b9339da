# The pure parts of the socket module: conversions, constants, errors and argument checks.
import socket
import _socket

print(socket.htons(1), socket.ntohs(256), socket.htonl(1), socket.ntohl(16777216))
for f, v in ((socket.htons, -1), (socket.htons, 65536), (socket.htonl, 2**32), (socket.htonl, -1)):
    try:
        f(v)
    except OverflowError as e:
        print(f.__name__, e)
print(socket.inet_aton("127.0.0.1"), socket.inet_aton("127.1"), socket.inet_aton("0x7f.1"))
print(socket.inet_ntoa(b"\xc0\xa8\x00\x01"))
for bad in ("1.2.3.400", "", "a.b.c.d", "1.2.3.4.5"):
    try:
        socket.inet_aton(bad)
    except OSError as e:
        print(repr(bad), e)
try:
    socket.inet_ntoa(b"123")
except OSError as e:
    print(e)
for text in ("::1", "::", "2001:db8::1", "fe80::1:2", "::ffff:10.0.0.1", "1:0:0:2:0:0:0:3"):
    packed = socket.inet_pton(socket.AF_INET6, text)
    print(text, len(packed), socket.inet_ntop(socket.AF_INET6, packed))
print(socket.inet_pton(socket.AF_INET, "10.1.2.3"), socket.inet_ntop(socket.AF_INET, b"\n\x01\x02\x03"))
for fam, text in ((socket.AF_INET, "1.2.3"), (socket.AF_INET, "01.2.3.4"), (socket.AF_INET6, "1::2::3"), (socket.AF_INET6, "12345::")):
    try:
        socket.inet_pton(fam, text)
    except OSError as e:
        print(text, e)
try:
    socket.inet_ntop(socket.AF_INET6, b"short")
except ValueError as e:
    print(e)

print(socket.AF_INET, socket.AF_INET6, socket.AF_UNIX, socket.SOCK_STREAM, socket.SOCK_DGRAM)
print(repr(socket.AF_INET), repr(socket.SOCK_STREAM), socket.SOL_SOCKET, socket.SO_REUSEADDR)
print(socket.IPPROTO_TCP, socket.TCP_NODELAY, socket.SHUT_RDWR, socket.MSG_PEEK, socket.SOMAXCONN)
print(socket.AI_PASSIVE, socket.NI_NUMERICHOST, socket.EAI_NONAME, socket.has_ipv6)
print(socket.error is OSError, socket.timeout is TimeoutError)
print(socket.herror.__mro__[1:], socket.gaierror.__mro__[1:])
print(socket.herror.__module__, socket.gaierror.__name__, _socket.socket.__module__)
print(issubclass(socket.socket, _socket.socket), socket.SocketType is _socket.socket)
print(len([n for n in dir(_socket) if n.isupper()]) > 300)
e = socket.gaierror(-2, "Name or service not known")
print(e, e.errno, e.strerror)

print(socket.getdefaulttimeout())
socket.setdefaulttimeout(2.5)
s = socket.socket()
print(s.gettimeout(), s.getblocking())
s.close()
socket.setdefaulttimeout(None)
for bad in (-1, "x", float("nan")):
    try:
        socket.setdefaulttimeout(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

s = socket.socket()
print(s.family, s.type, s.proto, s.fileno() >= 0)
print(repr(s).startswith("<socket.socket fd="), repr(s).endswith("family=2, type=1, proto=0, laddr=('0.0.0.0', 0)>"))
for addr in ("x", ("1.2.3.4", 70000), ("1.2.3.4", -1), ("1.2.3.4", "x"), (1, 2), ("a", 1, 2), ("1.2.3.4",)):
    try:
        s.bind(addr)
    except (TypeError, OverflowError, OSError) as e:
        print(type(e).__name__, e)
for bad in (-1, "x"):
    try:
        s.settimeout(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    s.recv(-1)
except ValueError as e:
    print(e)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 0))
for n in (-1, 1025):
    try:
        s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, n)
    except OSError as e:
        print(e)
print(s.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE, 4))
d = s.detach()
print(s.fileno(), repr(s))
try:
    s.getsockname()
except OSError as e:
    print(type(e).__name__, e)
_socket.close(d)
try:
    socket.socket(fileno=-5)
except ValueError as e:
    print(e)

for name in ("tcp", "udp", "icmp"):
    print(name, socket.getprotobyname(name))
try:
    socket.getprotobyname("nonesuch")
except OSError as e:
    print(e)

# Numeric lookups need no resolver.
print(socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM))
print(socket.getaddrinfo("::1", "8080", socket.AF_INET6, socket.SOCK_DGRAM))
print(socket.getaddrinfo(None, 0, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_PASSIVE))
print(socket.gethostbyname("127.0.0.1"))
print(socket.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(socket.getnameinfo(("::1", 80, 0, 0), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
print(isinstance(socket.gethostname(), str))
try:
    socket.getaddrinfo("127.0.0.1", 1.5)
except OSError as e:
    print(e)
try:
    socket.getaddrinfo("1.2.3.4", 80, socket.AF_INET, socket.SOCK_STREAM, 0, socket.AI_NUMERICHOST | socket.AI_NUMERICSERV)
    socket.getaddrinfo("not a number", 80, 0, 0, 0, socket.AI_NUMERICHOST)
except socket.gaierror as e:
    print(type(e).__name__, e.errno, e)

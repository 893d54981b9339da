# Sockets, name lookups and waiting on descriptors are refused by a host without a network,
# each with the same clear PermissionError; nothing reaches the real network.
import _socket
import select

def refused(what, call):
    try:
        call()
    except PermissionError as e:
        assert e.errno == 1 and str(e) == '[Errno 1] Operation not permitted', (what, str(e))
    else:
        raise AssertionError(f'{what} worked in the sandbox')

refused('socket()', lambda: _socket.socket())
refused('socket(AF_INET6, SOCK_DGRAM)', lambda: _socket.socket(_socket.AF_INET6, _socket.SOCK_DGRAM))
refused('socket(AF_UNIX)', lambda: _socket.socket(_socket.AF_UNIX))
refused('socket(fileno=0)', lambda: _socket.socket(fileno=0))
refused('socketpair()', lambda: _socket.socketpair())
refused('getaddrinfo(name)', lambda: _socket.getaddrinfo('example.com', 80))
refused('getaddrinfo(numeric)', lambda: _socket.getaddrinfo('127.0.0.1', 80))
refused('gethostbyname', lambda: _socket.gethostbyname('localhost'))
refused('gethostbyaddr', lambda: _socket.gethostbyaddr('127.0.0.1'))
refused('getnameinfo', lambda: _socket.getnameinfo(('127.0.0.1', 80), 0))
refused('gethostname', lambda: _socket.gethostname())
refused('getservbyname', lambda: _socket.getservbyname('http'))
refused('select on stdin', lambda: select.select([0], [], [], 0))
refused('epoll', lambda: select.epoll())
p = select.poll()
p.register(0)
refused('poll', lambda: p.poll(0))

# Pure conversions need no host and still work.
assert _socket.inet_aton('127.0.0.1') == b'\x7f\x00\x00\x01'
assert _socket.inet_ntop(_socket.AF_INET6, bytes(15) + b'\x01') == '::1'
assert _socket.htons(1) == 256
assert select.select([], [], [], 0) == ([], [], [])
print('ok')

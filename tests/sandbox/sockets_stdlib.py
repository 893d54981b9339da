# needs: stdlib
# The socket module of CPython's Lib/ imports in the sandbox, and every way out through it
# fails with the clear PermissionError: socket(), create_connection(), socketpair(),
# create_server(), lookups; asyncio-style selectors cannot wait on descriptors either.
import selectors
import socket

def refused(what, call):
    try:
        call()
    except PermissionError as e:
        assert e.errno == 1 and str(e) == '[Errno 1] Operation not permitted', (what, str(e))
    else:
        raise AssertionError(f'{what} worked in the sandbox')

refused('socket.socket()', lambda: socket.socket())
refused('socket.socket(AF_INET, SOCK_DGRAM)', lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
refused('create_connection(numeric)', lambda: socket.create_connection(('127.0.0.1', 80), timeout=1))
refused('create_connection(name)', lambda: socket.create_connection(('example.com', 80)))
refused('create_server', lambda: socket.create_server(('127.0.0.1', 0)))
refused('socketpair', lambda: socket.socketpair())
refused('getaddrinfo', lambda: socket.getaddrinfo('localhost', 80))
refused('getfqdn', lambda: socket.gethostbyaddr('127.0.0.1'))
refused('fromfd', lambda: socket.fromfd(0, socket.AF_INET, socket.SOCK_STREAM))
sel = selectors.DefaultSelector()
sel.register(0, selectors.EVENT_READ)
refused('selector.select', lambda: sel.select(0))
refused('EpollSelector', lambda: selectors.EpollSelector())
print('ok')

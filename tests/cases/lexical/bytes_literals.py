# Bytes literals and their reprs
b1 = b'hello'
print(b1, repr(b1), b1[0], b1[-1:], type(b1[0]).__name__)
print(b'\x00\x01\x7f\x80\xff')
print(b"'", b'"', b'\'"', b"\\")
print(b'\t\n\r', bytes([9, 10, 13, 7, 8]))
print(bytes(3), bytes(b'ab'), bytes("é", "utf-8"), bytearray(b'xy'))
print(b'abc' + b'def', b'ab' * 3, b'b' in b'abc', 98 in b'abc')
print(b'%d-%s' % (5, b'x'))
print(rb'\n' == b'\\n', len(rb'\n'))
print(b'''multi
line''')
print(b'A\101\x41')
try:
    eval("b'\\u00e9'")
    print("ok", eval("b'\\u00e9'"))
except SyntaxError as e:
    print("SyntaxError", e.msg)
try:
    b'a' + 'b'
except TypeError as e:
    print("TypeError", e)
try:
    bytes([256])
except ValueError as e:
    print("ValueError", e)
print(b'abc'.hex(), bytes.fromhex('61 62'), b'A'.decode())
print(str(b'x'), str(b'x', 'ascii'))
print(list(b'\x80\xfe'), b'\x80\xfe'.decode('latin-1'))

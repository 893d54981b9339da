# binascii and base64: hex with separators, lenient and strict base64 decoding with CPython's errors, crc32/crc_hqx.
import binascii, base64
print(binascii.hexlify(b'\xb9\x01\xef'), binascii.hexlify(b'\xb9\x01\xef', '-'), binascii.hexlify(b'\x01\x02\x03\x04\x05', ':', 2), binascii.hexlify(b'\x01\x02\x03\x04\x05', b' ', -2))
print(binascii.unhexlify('b901ef'), binascii.a2b_hex(b'00ff'))
for bad in ['abc', 'zz']:
    try: binascii.unhexlify(bad)
    except binascii.Error as e: print(e)
print(binascii.b2a_base64(b'hello world'), binascii.b2a_base64(b'ab', newline=False), binascii.a2b_base64(b'aGVsbG8gd29ybGQ=\n'))
print(binascii.a2b_base64('YW Jj\nZA=='), binascii.a2b_base64(b'YQ==YQ=='))
for bad in [b'a', b'abc', b'YWJ']:
    try: binascii.a2b_base64(bad)
    except binascii.Error as e: print(e)
for bad in [b'=YWJj', b'YW=Jj', b'YWJj====', b'YQ==x', b'YW!j']:
    try: print(binascii.a2b_base64(bad, strict_mode=True))
    except binascii.Error as e: print(e)
print(binascii.crc32(b'hello'), binascii.crc32(b'world', binascii.crc32(b'hello ')), binascii.crc32(b'x', -1), binascii.crc_hqx(b'hello', 0), binascii.crc_hqx(b'abc', 0xffff))
print(base64.b64encode(b'data to encode'), base64.b64decode(b'ZGF0YSB0byBlbmNvZGU='), base64.urlsafe_b64encode(b'\xfb\xff'), base64.b16encode(b'\x01\xab'), base64.b32encode(b'abc'), base64.b85encode(b'hi'))
print(issubclass(binascii.Error, ValueError))

# expect: memory
# prelude: import struct
b = struct.pack('1000000000s', b'')

# expect: memory
import zlib
c = zlib.compressobj(1)
z = bytes(10**6)
parts = [c.compress(z) for _ in range(200)]
parts.append(c.flush())
data = b''.join(parts)
del parts, z
x = zlib.decompress(data)

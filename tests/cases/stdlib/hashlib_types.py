# Without OpenSSL hashlib uses _md5, _sha1, _sha256, _sha3 and _blake2: one type per
# algorithm (the SHA-3 and BLAKE2 ones are their constructors, with their class constants
# and sponge parameters), hashlib.new by name, usedforsecurity, file_digest and copy.
import _blake2
import _md5
import _sha256
import _sha3
import hashlib
import io
import re


def show(x):
    print(re.sub(r"0x[0-9a-f]+", "0x...", repr(x)))


show(type(_md5.md5()))
show(_md5.md5())
show(type(_sha256.sha224()))
show(_sha3.sha3_224)
show(_sha3.shake_128(b"x"))
show(_blake2.blake2b)
print(_blake2.blake2b.SALT_SIZE, _blake2.blake2b.PERSON_SIZE, _blake2.blake2b.MAX_KEY_SIZE,
      _blake2.blake2b.MAX_DIGEST_SIZE, _blake2.blake2s.MAX_DIGEST_SIZE)
for name in ("sha3_224", "sha3_256", "sha3_384", "sha3_512", "shake_128", "shake_256"):
    h = getattr(_sha3, name)()
    print(name, h._capacity_bits, h._rate_bits, h._suffix, h.block_size, h.digest_size, h.name)
try:
    type(_md5.md5())()
except TypeError as e:
    print("TypeError:", e)
for base in (_sha3.sha3_256, _blake2.blake2b):
    try:
        type("X", (base,), {})
    except TypeError as e:
        print("TypeError:", e)

for name in ("md5", "sha1", "sha224", "sha256", "sha3_256", "blake2b", "blake2s", "SHA256"):
    h = hashlib.new(name, b"abc", usedforsecurity=False)
    print(h.name, h.digest_size, h.block_size, h.hexdigest()[:16], h.name.split("_")[0] in repr(h))
print(hashlib.blake2b(b"abc", digest_size=16).hexdigest(), hashlib.shake_256(b"abc").hexdigest(8))
h = hashlib.sha256(b"a")
c = h.copy()
c.update(b"b")
print(h.hexdigest() != c.hexdigest(), c.hexdigest() == hashlib.sha256(b"ab").hexdigest(), type(c) is type(h))
print(hashlib.file_digest(io.BytesIO(b"abc"), "sha1").hexdigest())
print(hashlib.file_digest(io.BytesIO(b"abc"), hashlib.md5).hexdigest())
for bad in (lambda: hashlib.new("nope"), lambda: hashlib.sha256("str"),
            lambda: hashlib.blake2b(digest_size=65), lambda: hashlib.file_digest(None, "sha256")):
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
import _sha512
show(type(_sha512.sha384()))
show(type(_sha512.sha512(b"x").copy()))
print(hashlib.sha384(b"abc").hexdigest()[:16], "sha384" in repr(hashlib.sha384()))

# hashlib over the built-in hash modules (md5, sha1, sha2, sha3, shake, blake2), hmac, secrets.
import hashlib, hmac, secrets
for n in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_224', 'sha3_256', 'sha3_384', 'sha3_512', 'blake2b', 'blake2s']:
    h = hashlib.new(n, b'hello')
    h2 = h.copy(); h2.update(b' world')
    print(n, h.hexdigest(), h2.hexdigest()[:16], h.digest_size, h.block_size, h.name)
print(hashlib.shake_128(b'abc').hexdigest(10), hashlib.shake_256(b'abc').hexdigest(5))
print(hashlib.blake2b(b'x', digest_size=20).hexdigest(), hashlib.blake2s(digest_size=8).hexdigest())
print(hashlib.sha256(b'a' * 1000).hexdigest(), sorted(hashlib.algorithms_guaranteed)[:5])
print(hmac.new(b'key', b'msg', 'sha256').hexdigest(), hmac.compare_digest(b'a', b'a'), hmac.digest(b'k', b'm', 'md5'))
print(len(secrets.token_hex(8)))
try: hashlib.md5('text')
except TypeError as e: print(e)

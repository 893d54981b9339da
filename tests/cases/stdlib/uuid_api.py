# uuid: parsing and formatting, fields, name-based uuid3/uuid5 (fixed results), uuid1 and uuid4
# shapes, comparisons, and the errors for bad input.
import uuid

u = uuid.UUID('{12345678-1234-5678-1234-567812345678}')
print(u, repr(u), u.hex, u.int, u.urn, u.version, u.variant, u.fields, u.time_low, u.node, u.bytes, u.bytes_le)
print(uuid.UUID(bytes=u.bytes) == u, uuid.UUID(int=u.int) == u, uuid.UUID(fields=u.fields) == u, uuid.UUID(bytes_le=u.bytes_le) == u)
print(uuid.uuid3(uuid.NAMESPACE_DNS, 'python.org'), uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org'))
print(uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.com/x'), uuid.uuid3(uuid.NAMESPACE_OID, '1.2.3'), uuid.uuid5(uuid.NAMESPACE_X500, 'cn=a'))
r = uuid.uuid4()
print(r.version, r.variant, len(str(r)), uuid.UUID(str(r)) == r)
t = uuid.uuid1()
print(t.version, t.variant, t.time > 0x1d0000000000000)
print(sorted([uuid.UUID(int=5), uuid.UUID(int=2), uuid.UUID(int=9)]), uuid.UUID(int=1) < uuid.UUID(int=2), hash(u) == hash(uuid.UUID(str(u))))
print(uuid.NAMESPACE_DNS, uuid.RESERVED_NCS, uuid.RFC_4122, uuid.SafeUUID.unknown, u.is_safe)
print(str(uuid.UUID('urn:uuid:12345678123456781234567812345678')), uuid.UUID(int=0).version)
for bad in [dict(hex='xyz'), dict(hex='12345678-1234-5678-1234-56781234567'), dict(int=-1), dict(bytes=b'short'), {}]:
    try:
        uuid.UUID(**bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    u.hex = 'x'
except TypeError as e:
    print(e)

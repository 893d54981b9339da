import plistlib, datetime
d = {'name': 'x', 'n': 42, 'f': 1.5, 'b': True, 'l': [1, 'two', {'three': 3}], 'data': b'\x00\x01binary',
     'date': datetime.datetime(2020, 1, 2, 3, 4, 5), 'empty': {}, 'neg': -7, 'uni': 'caf\u00e9 <&>'}
s = plistlib.dumps(d)
print(s.decode())
print(plistlib.loads(s) == d, plistlib.loads(s))
print(plistlib.loads(plistlib.dumps(d, sort_keys=False, fmt=plistlib.FMT_XML)))
try:
    plistlib.loads(b'<?xml version="1.0"?><plist><dict><key>a</key></plist>')
except Exception as e:
    print(type(e).__name__, e)
import xmlrpc.client as xc
req = xc.dumps((1, 'two', [3.5, True], {'k': None}), 'method', allow_none=True)
print(req)
print(xc.loads(req))
resp = xc.dumps(({'a': [1, 2]},), methodresponse=True)
print(resp)
print(xc.loads(resp))
f = xc.dumps(xc.Fault(4, 'too many'))
try:
    xc.loads(f)
except xc.Fault as e:
    print('Fault', e.faultCode, e.faultString)
print(xc.loads(xc.dumps((xc.Binary(b'abc'), xc.DateTime('20200101T00:00:00')), 'm'), use_builtin_types=True))

# The _json accelerator's string functions: scanstring (escapes, surrogate pairs, strict and
# non-strict control characters, and its errors with positions) and the two encoders.
import json
import _json

print(json.decoder.scanstring is _json.scanstring, json.encoder.c_encode_basestring_ascii is _json.encode_basestring_ascii)
print(_json.scanstring('"z\\ud834\\udd20x"', 1))
print(_json.scanstring('"\\u007b"', 1), _json.scanstring('"a\\"b\\\\c\\/\\b\\f\\n\\r\\t"', 1))
print(_json.scanstring('"\\ud834x"', 1), ascii(_json.scanstring('"\\udd20"', 1)[0]))
print(_json.scanstring('"a\nb"', 1, False))
for doc in ['"abc', '"a\nb"', '"\\x"', '"\\u12"', '"\\u12zz"', '"\\ud834\\uzzzz"', '"\\', '["a", "b\\q"]']:
    try:
        print(json.loads(doc))
    except json.JSONDecodeError as e:
        print(type(e).__name__, e, e.pos)
for bad in [(1, 1), ("x", -1), ("x", 5)]:
    try:
        _json.scanstring(*bad)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
s = 'a"b\\c\n\x01\x7f é \U0001d120 \ud800'
print(_json.encode_basestring_ascii(s))
print(ascii(_json.encode_basestring(s)))
print(json.dumps({"k": s}), json.dumps(s, ensure_ascii=False) == _json.encode_basestring(s))
try:
    _json.encode_basestring_ascii(b"x")
except TypeError as e:
    print(e)

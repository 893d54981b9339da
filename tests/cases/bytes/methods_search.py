# bytes find/index/count/replace/startswith/endswith/split/partition
b = b"abracadabra"
print(b.find(b"bra"), b.rfind(b"bra"), b.find(97), b.rfind(ord("c")), b.find(b"z"), b.count(b"a"), b.count(97), b.count(b""))
print(b.index(b"c"), b.rindex(b"a", 0, 5), b.find(b"a", 1, 4), b.count(b"a", -5))
try:
    b.index(b"z")
except ValueError as e:
    print("ValueError", e)
try:
    b.find("a")
except TypeError as e:
    print("TypeError", e)
try:
    b.find(256)
except ValueError as e:
    print("ValueError", e)
print(b.replace(b"a", b"A"), b.replace(b"a", b"", 2), b.replace(b"", b"-", 3))
print(b.startswith(b"abr"), b.endswith((b"x", b"ra")), b.startswith(b"cad", 4), b.startswith(bytearray(b"ab")))
try:
    b.startswith("a")
except TypeError as e:
    print("TypeError", e)
print(b"a b  c".split(), b"a,b,,c".split(b","), b"a,b,c".rsplit(b",", 1), b"  x  ".split(None, 0), b"a\x0bb\x1cc".split())
print(b"k=v=w".partition(b"="), b"k=v=w".rpartition(b"="), b"none".partition(b"="))
print(b"l1\nl2\r\nl3".splitlines(), b"l1\nl2\r\n".splitlines(True), b"a\x0bb".splitlines())
print(b",".join([b"a", bytearray(b"b"), memoryview(b"c")]), b"".join([]))
try:
    b",".join([b"a", "b"])
except TypeError as e:
    print("TypeError", e)
print(b"prefix_body".removeprefix(b"prefix_"), b"body.txt".removesuffix(b".txt"))

# bin/oct/hex and repr for ints in many sizes
for n in [0, 1, -1, 7, -8, 255, -256, 4096, 2**32, 2**64 - 1, -(2**64), 2**100]:
    print(n, repr(n), bin(n), oct(n), hex(n))
for n in [0, 1, 2**63, 12345678901234567890]:
    for b in (2, 8, 16):
        s = {2: bin, 8: oct, 16: hex}[b](n)
        print(s, int(s, 0) == n, int(s[2:], b) == n)
print(str(-0), repr(+0), str(0o0))
print("%d %i %o %x %X %#o %#x %#X" % (255, 255, 255, 255, 255, 255, 255, 255))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x" % -255, "%#x" % -255, "%o" % -8)
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError", e)
try:
    "%x" % 1.5
except TypeError as e:
    print("TypeError", e)
print("%d" % 3.99, "%d" % True, "%i" % -2.5)
print("%c" % 65, "%c" % "z", "%r" % 5, "%s" % 5)

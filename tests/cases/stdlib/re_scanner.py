# Pattern.scanner (_sre.SRE_Scanner), finditer built on it, and the Match/Pattern fixes
# from test_re: group numbers through __index__, groups of bytearray/memoryview subjects
# are bytes, groupindex is read-only, a live finditer/scanner pins a bytearray's size,
# and \A / ^ searches try only the start.
import re

sc = re.compile(r"\s").scanner("a b c")
print(type(sc).__name__, sc.pattern.pattern)
print(sc.search().span(), sc.search().span(), sc.search(), sc.search())

sc = re.compile(r"\w").scanner("ab c")
print(sc.match().span(), sc.match().span(), sc.match(), sc.match())

# Empty matches advance, then the next may not be empty at the same place.
sc = re.compile(r"x*").scanner("axxb")
out = []
while True:
    m = sc.search()
    if m is None:
        break
    out.append((m.span(), m.group()))
print(out)

sc = re.compile(r"ab").scanner(string="abracadabra", pos=3, endpos=10)
m = sc.search()
print(m.span(), m.pos, m.endpos, sc.search())

sc = re.compile(rb"(a)|(b)").scanner(b"ab")
m = sc.match()
print(m.lastindex, m.groups())
m = sc.match()
print(m.lastindex, m.groups())

def s_ident(scanner, token): return token
def s_int(scanner, token): return int(token)
lex = re.Scanner([
    (r"[a-zA-Z_]\w*", s_ident),
    (r"\d+", s_int),
    (r"=|\+", lambda s, t: "op" + t),
    (r"\s+", None),
])
print(lex.scan("sum = 3 + foo 12 ?"))

it = re.finditer(r"(a)|(b)", "a b a")
print(type(it).__name__, [m.span() for m in it])
print([m.group() for m in re.finditer(r"", "ab")])
print([m.span() for m in re.compile(r"b").finditer("abcabc", 2, 5)])

class Index:
    def __init__(self, v):
        self.v = v
    def __index__(self):
        return self.v

m = re.match("(a)(b)", "ab")
print(m.group(Index(1)), m[Index(2)], m.span(Index(2)), m.start(Index(0)))
try:
    m.group(Index(3))
except IndexError as e:
    print("IndexError", e)

for subj in (b"[abracadabra]", bytearray(b"[abracadabra]"), memoryview(b"[abracadabra]")):
    m = re.search(rb"(.+)(.*?)\1", subj)
    print(repr(m), type(m.group(1)).__name__, m.groups())

class S(str):
    pass
m = re.search(r"b+", S("abbc"))
print(type(m.group()).__name__, type(m.string).__name__, repr(m))

p = re.compile(r"(?P<first>a)(?P<other>b)")
gi = p.groupindex
print(type(gi).__name__, sorted(gi), gi["other"])
try:
    gi["other"] = 0
except TypeError as e:
    print("TypeError", e)

b = bytearray(b"x")
it = re.finditer(b"a", b)
try:
    b.extend(b"x" * 40)
except BufferError as e:
    print("BufferError", e)
list(it)
del it
b.extend(b"y" * 3)
print(b)

sc = re.compile(b"x").scanner(b)
try:
    b.append(1)
except BufferError as e:
    print("BufferError", e)
del sc
b.append(33)
print(len(b))

s = "x" * 1000 + "y"
for pat in (r"\Ay", r"^y", r"\Ax", r"(?m)^y"):
    print(pat, re.search(pat, s), re.findall(pat, s)[:2], len(re.split(pat, s)),
          re.sub(pat, "-", s)[:3], re.search(pat, s, ) and re.search(pat, s).span())
print(re.compile(r"^x").search("xx", 1), re.compile(r"\Ax").search("xx", 0).span())

print(p.groupindex == {"first": 1, "other": 2}, re.compile("(a)").groupindex == {},
      re.compile("(a)").groupindex != {})
print(m.group(1 << 1000) if False else "skip")
try:
    re.match("(a)", "a").group(1 << 1000)
except IndexError as e:
    print("IndexError", e)

s = bytearray(b"abcdefgh")
m = re.search(b"[a-h]+", s)
m2 = re.search(b"[e-h]+", s)
s[:] = b"xyz"
print(m.group(), m2.group(), m.span())

# Non-ASCII subjects take the code-point path.
print(re.findall(r"\w+", "héllo wörld ∑x"), re.sub(r"ö", "o", "wörld"), re.split(r"é", "aébéc"))
print([m.span() for m in re.finditer(r"(.)\1", "ééaa€€")], re.search(r"(€+)", "a€€b").group(1))
t = "naïve"
print(re.sub(r"z", "-", t) is t, re.sub(r"z", "-", "plain") == "plain")

# Str builders across the inline (<= 28 bytes), boxed (29-216) and heap (longer) sizes:
# results must be right, with the right length, ASCII-ness and surrogates, at every size.

SIZES = [0, 1, 27, 28, 29, 30, 100, 215, 216, 217, 300, 5000]


def show(tag, s):
    # Length, a checksum of code points, and whether it encodes as UTF-8.
    try:
        s.encode("utf-8")
        ok = True
    except UnicodeEncodeError:
        ok = False
    print(tag, len(s), sum(map(ord, s)) % 100003, s.isascii(), ok, ascii(s[:12]), ascii(s[-12:]))


for n in SIZES:
    base = ("abC dEf-1x" * 600)[:n]
    show("upper", base.upper())
    show("lower", base.lower())
    show("swap", base.swapcase())
    show("title", base.title())
    show("cap", base.capitalize())
    show("casefold", base.casefold())
    show("rev", base[::-1])
    show("step2", base[::2])
    show("repl", base.replace("x", "XYZ"))
    show("repl1", base.replace(" ", "", 1))
    show("replnone", base.replace("Q", "z"))
    show("replempty", base.replace("", "-", 7))
    show("join", "|".join(base.split(" ")))
    show("joinu", "\u00e9".join(base.split("-")))
    show("strip", ("  \t" + base + " \n").strip())
    show("rstripc", (base + "xxx").rstrip("x"))
    show("lstripc", ("xxx" + base).lstrip("xa"))
    show("pct", "%s<%d>%s" % (base, n, base[:3]))
    show("fmt", "{}:{:>5}:{}".format(base, n, base[:4]))
    show("fstr", f"{base}{n:04d}{base[:2]!r}")

uni = "h\u00e9llo w\u00f6rld \u4e16\u754c " * 40
for n in [5, 14, 20, 40, 70, 200, 600]:
    t = uni[:n]
    show("u-upper", t.upper())
    show("u-title", t.title())
    show("u-rev", t[::-1])
    show("u-repl", t.replace("l", "L"))
    show("u-repl-away", t.replace("\u00e9", "e").replace("\u00f6", "o").replace("\u4e16", "").replace("\u754c", ""))
    show("u-join", "".join(reversed(t)))
    show("u-strip", ("\u3000 " + t + "\u2003").strip())
    show("u-pct", "%s!" % t)

# Lone surrogates: kept by builders, and gone when replaced away.
sur = "ab\ud800cd" * 20
show("s-repl", sur.replace("c", "C"))
show("s-away", sur.replace("\ud800", ""))
show("s-join", "-".join([sur[:3], "x" * 30]))
show("s-sepjoin", "\udc00".join(["a" * 20, "b" * 20]))
show("s-onejoin", "\udc00".join(["a" * 40]))
show("s-upper", sur.upper())
show("s-pct", "%s%s" % (sur[:4], "y" * 40))
show("s-step", sur[::3])
print("abc".title(), "1a2b c_d".title(), "hELLO wORLD".capitalize(), "ǅ".title())
empty = ""
print("".join([]) is empty, "%s" % "" == "", "".replace("", "x"), "ab".replace("", "-"))

# str.__format__: fill, alignment, precision, non-ASCII fill, surrogates kept.
for spec in ["", "<5", ">40", "^41", "*^7", "\u00e9>30", ".3", "10.2", "05", "^9.4", "-<9", "s", ">3s"]:
    for v in ["ab", "x" * 35, "h\u00e9llo", "a\ud800b" * 12]:
        show("fmt" + repr(spec), format(v, spec))
for bad in ["+5", "#5", "=5", "z5", "d", "5,"]:
    try:
        format("ab", bad)
    except ValueError as e:
        print("bad", repr(bad), e)

# int str and repr on the stack; f-strings of many parts; long % and format templates.
for i in [0, 7, -7, 10, -10, 99999, 2**31, -2**63, 2**63 - 1, 2**64, -2**64]:
    print(str(i), repr(i), f"{i}", "%d" % i, "{}".format(i), len(str(i)))
parts = [str(k) * (k % 5) for k in range(40)]
(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, b0, b1, b2, b3, b4, b5, b6, b7, b8, b9) = parts[:20]
show("fs20", f"{a0}{a1}{a2}{a3}{a4}{a5}{a6}{a7}{a8}{a9}{b0}{b1}{b2}{b3}{b4}{b5}{b6}{b7}{b8}{b9}")
show("fs20u", f"{a1}\u00e9{a2}{a3}\u4e16{a4}{a5}{a6}{a7}{a8}{a9}{b0}{b1}{b2}{b3}{b4}{b5}{b6}{b7}{b8}{b9}")
long_fmt = "%s." * 30 + "%d|%%|" * 10
show("pctlong", long_fmt % (tuple(parts[:30]) + tuple(range(10))))
long_tpl = "{}-" * 70
show("fmtlong", long_tpl.format(*range(70)))
show("pct\u00e9", "\u00e9%s\u00e9%5s\u4e16" % ("x" * 30, "y"))
show("fmt\u00e9", "\u00e9{}\u00e9{:>5}\u4e16{{}}".format("x" * 30, "y"))
for i in [0, 5, -5, 123456, -2**63, 2**63 - 1, True]:
    print("%d|%i|%u|%+d|% d|%5d|%-5d|%05d|%+06d|% 06d|%-+7d|%.3d|%x" % ((i,) * 13))
specs = ["d", "5", "5d", "<5", "^6", "=+8", "08", "+08", "-08", " 08", "*^9d", "\u00e9>7", "x<4",
         "+", " ", "0", "030", "<030", ",", "_d", "n", "#d", "x", "#b", ".2", "z5"]
for i in [0, 7, -7, 1234, -98765, -2**63, 2**63 - 1, True]:
    row = []
    for spec in specs:
        try:
            row.append(format(i, spec))
        except ValueError as e:
            row.append("E:" + str(e)[:20])
    print("|".join(row))
print(f"{42:6d}:{-3:<4}|{7:^5}|{-12:=+6}|{5:\u00e9>4}")

# binascii's uu and quoted-printable codecs (Modules/binascii.c), their argument rules and
# the BufferError of a non-contiguous view; ends in an uncaught binascii.Error.
import array
import binascii


def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


# uu
for data in [b"", b"x", b"Cat", b"\x00Cat", bytes(range(45))]:
    enc = binascii.b2a_uu(data)
    print(enc, binascii.a2b_uu(enc) == data)
    print(binascii.b2a_uu(data, backtick=True))
show("empty line", lambda: binascii.a2b_uu(b""))
show("short line", lambda: binascii.a2b_uu(b"#86\n"))
show("backticks", lambda: binascii.a2b_uu(b"$`$-A=```\n"))
show("str", lambda: binascii.a2b_uu("#86)C\n"))
show("array", lambda: binascii.b2a_uu(array.array("B", b"abc")))
show("illegal", lambda: binascii.a2b_uu(b"#8\x016)C"))
show("garbage", lambda: binascii.a2b_uu(b"#86)Cx"))
show("too long", lambda: binascii.b2a_uu(b"x" * 46))
show("positional backtick", lambda: binascii.b2a_uu(b"", True))
show("keywords", lambda: binascii.a2b_uu(data=b""))
show("no args", lambda: binascii.a2b_uu())
show("int", lambda: binascii.b2a_uu(1))

# quoted-printable
samples = [
    b"hello world",
    b"x" * 200 + b"\n" + b"a \n\tb\t",
    b".\r\nfoo bar_=\xff\r\n",
    b"tab\there \nend ",
    b"a\nb\r\n",
    b"." ,
    b"=" * 30 + b"y" * 80,
]
for s in samples:
    for kw in [{}, {"quotetabs": True}, {"istext": False}, {"header": True}]:
        enc = binascii.b2a_qp(s, **kw)
        print(kw, enc, binascii.a2b_qp(enc, header=kw.get("header", False)) == s)
show("decode", lambda: binascii.a2b_qp(b"=41=4=\n=\r\nx=4g_a==", header=True))
show("decode end", lambda: binascii.a2b_qp(b"a="))
show("decode str", lambda: binascii.a2b_qp("caf=C3=A9"))
show("float flag", lambda: binascii.b2a_qp(b"", istext=2.0))
show("too many", lambda: binascii.b2a_qp(b"", 1, 1, 1, 1))

# a view with gaps is not a simple buffer
m = memoryview(bytearray(b"noncontig"))[::-2]
show("hex of gaps", lambda: binascii.b2a_hex(m))
show("base64 of gaps", lambda: binascii.b2a_base64(m))
show("ascii of gaps", lambda: binascii.a2b_base64(m))
show("strict positional", lambda: binascii.a2b_base64(b"", True))

binascii.a2b_uu(b"!\x7f")

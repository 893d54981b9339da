# Errors from registry codecs name the codec (CPython's wrap_codec_error), with the original as
# __cause__, when the exception carries only its message; str.encode / bytes.decode refuse
# codecs that are not text encodings.
import codecs


class Plain(Exception):
    pass


class Rich(Exception):
    def __init__(self, msg, code):
        super().__init__(msg, code)
        self.code = code


def search(name):
    if name not in ("plainfail", "richfail", "twoargs"):
        return None

    def enc(s, errors="strict"):
        if name == "plainfail":
            raise Plain("plain trouble")
        if name == "richfail":
            raise Rich("rich trouble", 7)
        raise ValueError("a", "b")

    return codecs.CodecInfo(enc, enc, name=name)


codecs.register(search)
cases = [
    lambda: codecs.decode(b"abc", "rot13"),
    lambda: codecs.encode(b"abc", "base64").decode("zlib"),
    lambda: codecs.decode(b"x\x9c", "zlib"),
    lambda: "abc".encode("hex"),
    lambda: codecs.encode("abc", "hex"),
    lambda: codecs.decode("zz", "hex"),
    lambda: "x".encode("plainfail"),
    lambda: b"x".decode("plainfail"),
    lambda: codecs.encode("x", "richfail"),
    lambda: codecs.decode(b"x", "twoargs"),
]
for f in cases:
    try:
        print(f())
    except Exception as e:
        c = e.__cause__
        print(type(e).__name__, e, "| cause:", type(c).__name__ if c else None, c if c else "")
try:
    "x".encode("plainfail")
except Plain as e:
    print(e.args, e.__cause__.args, e.__suppress_context__)

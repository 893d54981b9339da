#!/usr/bin/env python3
"""Generate Krait's CJK codec tables by asking CPython 3.11's own codecs.

Usage (from the repository root):

    python3 tools/gen_cjk_tables.py

writes `crates/stdlib/src/cjk/data/*.bin`. Nothing is copied from CPython's C mapping
headers: every table is what the real codecs answer when asked to decode every 1-, 2- and
(where the codec reads them) 3-byte sequence and to encode every code point, so Krait's
tables are CPython's behaviour by construction. The codec *logic* that is not a table
(ISO-2022 escape handling, HZ, GB18030's algorithmic four-byte ranges, EUC-KR's make-up
sequences, combining pairs) is written in Rust (`crates/stdlib/src/cjk/`).

File format (all integers little-endian), zlib-compressed as a whole:
    repeated: tag (1 byte), length (u32), body
    a map body is a list of runs: varint key gap, varint (len << 2 | step << 1 | special),
    then for a special value one byte (the low byte of 0xFFFFFFxx), otherwise a zigzag
    varint delta from the previous ordinary run's end value. Within a run key k+i maps to
    v + i*step.

Tags: D decode map, Q decode pairs (key -> c1 << 16 | c2), E encode exceptions (on top of
the inverse of D; value 0 = unmappable), F pair encodings (c1 << 16 | c2 -> code),
K EUC-KR make-up jamo bytes. Iso-2022 codecs: C<mark> charset decode maps, E encode map
(cp -> mark << 16 | code), F pairs.
"""

import codecs
import os
import sys
import zlib

if sys.version_info[:2] != (3, 11):
    sys.exit("gen_cjk_tables.py must run under CPython 3.11")

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "stdlib", "src", "cjk", "data")

# Decode-map special values.
MORE = 0xFFFFFFF0
PAIR = 0xFFFFFFF1
ERR = 0xFFFFFF00  # | esize

STATELESS = [
    "shift_jis", "cp932", "euc_jp", "shift_jis_2004", "euc_jis_2004", "euc_jisx0213",
    "shift_jisx0213", "euc_kr", "cp949", "johab", "gb2312", "gbk", "gb18030", "big5",
    "cp950", "big5hkscs",
]
ISO2022 = ["iso2022_kr", "iso2022_jp", "iso2022_jp_1", "iso2022_jp_2", "iso2022_jp_2004",
           "iso2022_jp_3", "iso2022_jp_ext"]

MAXCP = 0x110000


def varint(n, out):
    assert n >= 0
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return


def zigzag(n):
    return (n << 1) if n >= 0 else ((-n) << 1) - 1


def encode_map(m):
    """Run-compress a dict {u32: u32}."""
    items = sorted(m.items())
    runs = []
    for k, v in items:
        if runs:
            r = runs[-1]
            ks, n, vs, step = r
            if k == ks + n:
                special = v >= 0xFFFFFF00
                if special == (vs >= 0xFFFFFF00):
                    if n == 1 and not special and v == vs + 1:
                        r[3] = 1
                        r[1] += 1
                        continue
                    if v == vs + n * step and (step == 1 or v == vs):
                        r[1] += 1
                        continue
        runs.append([k, 1, v, 0])
    out = bytearray()
    prev_k = 0
    prev_v = 0
    for ks, n, vs, step in runs:
        varint(ks - prev_k, out)
        special = vs >= 0xFFFFFF00
        varint((n << 2) | (step << 1) | int(special), out)
        if special:
            out.append(vs & 0xFF)
        else:
            varint(zigzag(vs - prev_v), out)
            prev_v = vs + (n - 1) * step
        prev_k = ks + n
    return bytes(out)


def section(tag, body):
    return tag.encode("latin-1") + len(body).to_bytes(4, "little") + body


def write(name, sections):
    raw = b"".join(sections)
    data = zlib.compress(raw, 9)
    with open(os.path.join(OUT, name + ".bin"), "wb") as f:
        f.write(data)
    return len(data)


def probe(codec, b):
    try:
        return ("ok", b.decode(codec))
    except UnicodeDecodeError as e:
        assert e.start == 0, (codec, b, e)
        if e.reason == "incomplete multibyte sequence":
            return ("more", None)
        assert e.reason == "illegal multibyte sequence", e.reason
        return ("err", e.end - e.start)


def dec_value(codec, b, key, pairs):
    kind, r = probe(codec, b)
    if kind == "more":
        return MORE
    if kind == "err":
        return ERR | r
    if len(r) == 1:
        return ord(r)
    assert len(r) == 2, (codec, b, r)
    pairs[key] = (ord(r[0]) << 16) | ord(r[1])
    return PAIR


def stateless_decode(codec):
    d, q = {}, {}
    for b1 in range(256):
        v = dec_value(codec, bytes([b1]), b1, q)
        d[b1] = v
        if v != MORE:
            continue
        for b2 in range(256):
            key = 0x10000 | b1 << 8 | b2
            v2 = dec_value(codec, bytes([b1, b2]), key, q)
            d[key] = v2
            if v2 == MORE and b1 == 0x8F:
                for b3 in range(256):
                    k3 = 0x20000 | b2 << 8 | b3
                    if k3 not in d:
                        d[k3] = dec_value(codec, bytes([0x8F, b2, b3]), k3, q)
    return d, q


errs = []


def _record(e):
    errs.append((e.start, e.end))
    return (b"\xff\xfe\xfd", e.end)


codecs.register_error("krait_gen", _record)


def stateless_encode(codec):
    """{cp: bytes} for every encodable code point (each encoded alone, flushed)."""
    enc = {}
    chunk = 4096
    for base in range(0, MAXCP, chunk):
        cps = [c for c in range(base, min(base + chunk, MAXCP)) if c != 1]
        text = "\x01".join(chr(c) for c in cps) + "\x01"
        errs.clear()
        out = text.encode(codec, "krait_gen")
        parts = out.split(b"\x01")
        assert parts[-1] == b"" and len(parts) == len(cps) + 1, codec
        for (s, e) in errs:
            assert e - s == 1, (codec, s, e)
        for c, p in zip(cps, parts):
            if p == b"\xff\xfe\xfd":
                continue
            assert b"\xff\xfe\xfd" not in p
            enc[c] = p
    enc[1] = b"\x01"
    return enc


def multic_set(codec, candidates):
    """The code points an incremental encoder holds back (possible pair starts)."""
    out = set()
    for c in candidates:
        e = codecs.getincrementalencoder(codec)("ignore")
        if e.encode(chr(c)) == b"" and e.getstate() & 0xFF:
            out.add(c)
    return out


def enc_value(b, codec):
    if len(b) == 1:
        return 0x01000000 | b[0]
    if len(b) == 2:
        return 0x02000000 | b[0] << 8 | b[1]
    if len(b) == 3:
        return 0x03000000 | b[0] << 16 | b[1] << 8 | b[2]
    if len(b) == 4 and codec == "gb18030":
        c1, c2, c3, c4 = b[0] - 0x81, b[1] - 0x30, b[2] - 0x81, b[3] - 0x30
        return 0x04000000 | (((c1 * 10 + c2) * 126 + c3) * 10 + c4)
    if len(b) == 8 and codec == "euc_kr":
        return 0x05000000
    raise AssertionError((codec, b))


def inverse(d):
    """The encoding Krait derives from a decode map: the first code (in key order) for
    each code point. Keep in step with `Tables::encode` in cjk/tables.rs."""
    inv = {}
    for k in sorted(d):
        v = d[k]
        if v >= 0x110000:
            continue
        if k < 0x100:
            ev = 0x01000000 | k
        elif k < 0x20000:
            ev = 0x02000000 | (k & 0xFFFF)
        elif k < 0x30000:
            ev = 0x03000000 | 0x8F0000 | (k & 0xFFFF)
        else:
            ev = 0x04000000 | (k & 0xFFFF)
        inv.setdefault(v, ev)
    return inv


def gen_stateless(codec):
    d, q = stateless_decode(codec)
    sections = []
    if codec == "gb18030":
        for lseq in range(39420):
            t = lseq
            b4 = t % 10 + 0x30
            t //= 10
            b3 = t % 126 + 0x81
            t //= 126
            b2 = t % 10 + 0x30
            t //= 10
            b1 = t + 0x81
            r = bytes([b1, b2, b3, b4]).decode("gb18030")
            assert len(r) == 1
            d[0x30000 | lseq] = ord(r)
    enc = stateless_encode(codec)
    if codec == "gb18030":
        for c in range(0x10000, MAXCP):
            enc.pop(c, None)
    e = {c: enc_value(b, codec) for c, b in enc.items()}
    inv = inverse(d)
    exc = {}
    for c in set(e) | set(inv):
        if e.get(c) != inv.get(c):
            exc[c] = e.get(c, 0)
    sections.append(section("D", encode_map(d)))
    sections.append(section("E", encode_map(exc)))
    if q:
        sections.append(section("Q", encode_map(q)))
        firsts = sorted({v >> 16 for v in q.values()})
        # U+0000 after a pair start is looked up as the pair (c, 0), CPython's "alone" entry.
        seconds = sorted({v & 0xFFFF for v in q.values()} | {0})
        multic = multic_set(codec, range(0x80, 0x10000))
        assert multic <= set(firsts), (codec, multic - set(firsts))
        f = {}
        for c1 in sorted(multic):
            for c2 in seconds:
                try:
                    r = (chr(c1) + chr(c2)).encode(codec)
                except UnicodeEncodeError:
                    continue
                if len(r) in (2, 3) and r != enc.get(c1, b"") + enc.get(c2, b""):
                    f[(c1 << 16) | c2] = enc_value(r, codec)
        sections.append(section("F", encode_map(f)))
        sections.append(section("M", encode_map({c: 1 for c in multic})))
    else:
        assert not multic_set(codec, [c for c in range(0x80, 0x10000) if c in enc][:2000])
    if codec == "euc_kr":
        cho, jung, jong = [0] * 19, [0] * 21, [0] * 28
        for c, b in enc.items():
            if len(b) == 8:
                s = c - 0xAC00
                cho[s // 588] = b[3]
                jung[(s // 28) % 21] = b[5]
                jong[s % 28] = b[7]
        assert all(cho) and all(jung) and all(jong)
        sections.append(section("K", bytes(cho + jung + jong)))
    return write(codec, sections)


# ----- ISO-2022 -----

# (mark byte as the C code keeps it: DBCS sets 0x80) -> how to designate it when probing
DESIG = {
    0x42 | 0x80: b"\x1b$B", 0x40 | 0x80: b"\x1b$@", 0x44 | 0x80: b"\x1b$(D",
    0x43 | 0x80: b"\x1b$(C", 0x41 | 0x80: b"\x1b$A", 0x4A: b"\x1b(J", 0x49: b"\x1b(I",
    0x4F | 0x80: b"\x1b$(O", 0x50 | 0x80: b"\x1b$(P", 0x51 | 0x80: b"\x1b$(Q",
}
MARKS = {
    "iso2022_kr": [0xC3],
    "iso2022_jp": [0xC2, 0x4A, 0xC0],
    "iso2022_jp_1": [0xC2, 0xC4, 0x4A, 0xC0],
    "iso2022_jp_2": [0xC2, 0xC4, 0xC3, 0xC1, 0x4A, 0xC0],
    "iso2022_jp_2004": [0xD1, 0xC2, 0xD0],
    "iso2022_jp_3": [0xCF, 0xC2, 0xD0],
    "iso2022_jp_ext": [0xC2, 0xC4, 0x4A, 0x49, 0xC0],
}


def charset_decode(codec, mark):
    d, q = {}, {}
    pre = DESIG[mark]
    if codec == "iso2022_kr":
        pre = b"\x1b$)C\x0e"
    if mark & 0x80:
        # The charset decoders see every byte from 0x20 (space) to 0x7F (DEL).
        for b1 in range(0x20, 0x80):
            for b2 in range(256):
                key = b1 << 8 | b2
                d[key] = dec_iso(codec, pre + bytes([b1, b2]), len(pre), key, q)
    else:
        for b in range(0x20, 0x80):
            d[b] = dec_iso(codec, pre + bytes([b]), len(pre), b, q)
    return d, q


def dec_iso(codec, b, at, key, pairs):
    try:
        r = b.decode(codec)
    except UnicodeDecodeError as e:
        assert e.start == at and e.reason == "illegal multibyte sequence", (codec, b, e)
        return ERR | (e.end - e.start)
    if len(r) == 1:
        return ord(r)
    assert len(r) == 2, (codec, b, r)
    pairs[key] = (ord(r[0]) << 16) | ord(r[1])
    return PAIR


def parse_iso(b):
    """(mark, code) from the encoding of one character."""
    i = 0
    mark = None
    while b[i] in (0x1B, 0x0E):
        if b[i] == 0x0E:
            i += 1
            continue
        if b[i + 1] == ord("$"):
            if b[i + 2] in b"()":
                mark = b[i + 3] | 0x80
                i += 4
            else:
                mark = b[i + 2] | 0x80
                i += 3
        else:
            mark = b[i + 2]
            i += 3
    width = 2 if mark & 0x80 else 1
    code = int.from_bytes(b[i:i + width], "big")
    return mark, code


def gen_iso2022(codec, shared):
    sections = []
    for mark in MARKS[codec]:
        d, q = charset_decode(codec, mark)
        body = section("D", encode_map(d)) + (section("Q", encode_map(q)) if q else b"")
        sections.append(section("C", bytes([mark]) + body))
    e = {}
    for c in range(0x80, 0x30000):
        try:
            b = chr(c).encode(codec)
        except UnicodeEncodeError as ex:
            assert ex.end - ex.start == 1
            continue
        mark, code = parse_iso(b)
        e[c] = mark << 16 | code
    for c in range(0x30000, MAXCP, 4097):
        try:
            chr(c).encode(codec)
            raise AssertionError(c)
        except UnicodeEncodeError:
            pass
    sections.append(section("E", encode_map(e)))
    if codec in ("iso2022_jp_2004", "iso2022_jp_3"):
        d, q = charset_decode(codec, MARKS[codec][0])
        seconds = sorted({v & 0xFFFF for v in q.values()} | {0})
        multic = multic_set(codec, range(0x80, 0x10000))
        f = {}
        for c1 in sorted(multic):
            for c2 in seconds:
                try:
                    b = (chr(c1) + chr(c2)).encode(codec)
                except UnicodeEncodeError:
                    continue
                mark, code = parse_iso(b)
                body = b[: len(b) - 3] if b.endswith(b"\x1b(B") else b
                if mark == MARKS[codec][0] and len(body) - body.rfind(bytes([mark & 0x7F])) - 1 == 2:
                    f[(c1 << 16) | c2] = mark << 16 | code
        sections.append(section("F", encode_map(f)))
        sections.append(section("M", encode_map({c: 1 for c in multic})))
    else:
        assert not multic_set(codec, [c for c in e][:3000])
    if codec == "iso2022_jp_2":
        g2 = {}
        for x in range(256):
            try:
                r = (b"\x1b.F\x1bN" + bytes([x])).decode(codec)
                g2[x] = ord(r)
            except UnicodeDecodeError:
                g2[x] = ERR | 3
        sections.append(section("G", encode_map(g2)))
    return write(codec, sections)


def main():
    os.makedirs(OUT, exist_ok=True)
    total = 0
    only = sys.argv[1:]
    for c in STATELESS:
        if only and c not in only:
            continue
        n = gen_stateless(c)
        print(f"{c}: {n} bytes", flush=True)
        total += n
    for c in ISO2022:
        if only and c not in only:
            continue
        n = gen_iso2022(c, None)
        print(f"{c}: {n} bytes", flush=True)
        total += n
    print(f"total {total} bytes")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate Krait's Unicode character tables from CPython 3.11's own character data.

Usage (from the repository root):

    python3 tools/gen_unicode_tables.py

writes `crates/common/src/unicode/tables.rs`. Nothing is read from UnicodeData.txt: every value
is what CPython 3.11 (Unicode 14.0.0) reports through `unicodedata` and the `str` methods, over
all 0x110000 code points, so Krait's answers are CPython's by construction. The same run computes
FNV-1a checksums of every property over every code point, straight from CPython; the exhaustive
tests in `unicode/tests.rs` recompute them through the generated tables.

Layout: one record per distinct combination of (category, bidi class, east asian width,
combining class, flags, numeric value, case-mapping record); a two-level table (stage 1 indexed
by `cp >> SHIFT`, stage 2 holding de-duplicated blocks) maps a code point to its record. The
decompositions have their own two-level table. Case mappings are stored as deltas, so the few
hundred distinct case records cover all ~2,900 cased code points.
"""

import os
import sys
import unicodedata as ud

if sys.version_info[:2] != (3, 11) or ud.unidata_version != "14.0.0":
    sys.exit(
        "gen_unicode_tables.py must run under CPython 3.11 (Unicode 14.0.0); "
        f"this is {sys.version.split()[0]} with Unicode {ud.unidata_version}"
    )

N = 0x110000
OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "crates", "common", "src", "unicode", "tables.rs"
)

CATEGORIES = [
    "Cn", "Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "No", "Pc", "Pd", "Ps",
    "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Cf", "Cs", "Co",
]
BIDI = sorted({ud.bidirectional(chr(c)) for c in range(N)})
EAW = sorted({ud.east_asian_width(chr(c)) for c in range(N)})
assert BIDI[0] == ""

# Flag bits; keep in step with `unicode.rs`.
FLAGS = [
    "PRINTABLE", "ALPHA", "DECIMAL", "DIGIT", "NUMERIC", "SPACE", "LOWER", "UPPER", "TITLE",
    "CASED", "CASE_IGNORABLE", "XID_START", "XID_CONTINUE", "LINEBREAK", "MIRRORED",
]
BIT = {name: 1 << i for i, name in enumerate(FLAGS)}

HANGUL_S, HANGUL_COUNT = 0xAC00, 11172


def is_cased(ch):
    # `str.title()` lowercases after a cased character and titlecases after an uncased one
    # (`do_title` asks `_PyUnicode_IsCased`), so the case of the following 'a' tells.
    return (ch + "a").title()[-1] == "a"


def is_case_ignorable(ch, cased):
    # `handle_capital_sigma`: U+03A3 lowers to final sigma when preceded by a cased character
    # (skipping case-ignorables) and not followed by one (again skipping case-ignorables).
    if cased:
        return ("A\u03a3" + ch).lower()[1] == "\u03c2"
    return ("A" + ch + "\u03a3").lower()[-1] == "\u03c2"


def flags_of(ch):
    f = 0
    if ch.isprintable():
        f |= BIT["PRINTABLE"]
    if ch.isalpha():
        f |= BIT["ALPHA"]
    if ch.isdecimal():
        f |= BIT["DECIMAL"]
    if ch.isdigit():
        f |= BIT["DIGIT"]
    if ch.isnumeric():
        f |= BIT["NUMERIC"]
    if ch.isspace():
        f |= BIT["SPACE"]
    if ch.islower():
        f |= BIT["LOWER"]
    if ch.isupper():
        f |= BIT["UPPER"]
    if ud.category(ch) == "Lt":
        f |= BIT["TITLE"]
    assert ch.istitle() == bool(f & (BIT["UPPER"] | BIT["TITLE"])), hex(ord(ch))
    cased = is_cased(ch)
    if cased:
        f |= BIT["CASED"]
    if is_case_ignorable(ch, cased):
        f |= BIT["CASE_IGNORABLE"]
    if ch.isidentifier():
        f |= BIT["XID_START"]
    if ("a" + ch).isidentifier():
        f |= BIT["XID_CONTINUE"]
    if len(("a" + ch + "b").splitlines()) == 2:
        f |= BIT["LINEBREAK"]
    if ud.mirrored(ch):
        f |= BIT["MIRRORED"]
    return f


# ---------------------------------------------------------------------------------------------
# Collect the data.

numeric_values = [None]  # index 0: no numeric value
numeric_index = {}
case_records = [(0, 0, 0, 0, 0)]  # (lower, upper, title, fold, special-mask); index 0: identity
case_index = {case_records[0]: 0}
special = []  # flat code points of multi-character case mappings
special_index = {}
records = []
record_index = {}
cp_record = [0] * N

decomp_text = []  # pieces of the concatenated `decomposition()` strings
decomp_offsets = [0]  # entry i is DECOMP_TEXT[offsets[i - 1]..offsets[i]]; index 0: none
cp_decomp = [0] * N


def special_slot(s):
    cps = tuple(ord(c) for c in s)
    if cps not in special_index:
        special_index[cps] = len(special)
        special.extend(cps)
    return special_index[cps] | (len(cps) << 16)


for c in range(N):
    ch = chr(c)
    flags = flags_of(ch)
    n = ud.numeric(ch, None)
    d = ud.decimal(ch, None)
    g = ud.digit(ch, None)
    # `decimal()`/`digit()` are derived from the numeric value and the flags at run time.
    assert (d is not None) == bool(flags & BIT["DECIMAL"]), hex(c)
    assert (g is not None) == bool(flags & BIT["DIGIT"]), hex(c)
    assert (n is not None) == bool(flags & BIT["NUMERIC"]), hex(c)
    assert d is None or d == n
    assert g is None or g == n
    if n is None:
        ni = 0
    else:
        if n not in numeric_index:
            numeric_index[n] = len(numeric_values)
            numeric_values.append(n)
        ni = numeric_index[n]

    mask = 0
    fields = []
    for bit, mapped in enumerate((ch.lower(), ch.upper(), ch.title(), ch.casefold())):
        if len(mapped) == 1:
            fields.append(ord(mapped) - c)
        else:
            assert 2 <= len(mapped) <= 3
            fields.append(special_slot(mapped))
            mask |= 1 << bit
    crec = (*fields, mask)
    if crec not in case_index:
        case_index[crec] = len(case_records)
        case_records.append(crec)
    ci = case_index[crec]

    rec = (
        CATEGORIES.index(ud.category(ch)),
        BIDI.index(ud.bidirectional(ch)),
        EAW.index(ud.east_asian_width(ch)),
        ud.combining(ch),
        flags,
        ni,
        ci,
    )
    if rec not in record_index:
        record_index[rec] = len(records)
        records.append(rec)
    cp_record[c] = record_index[rec]

    text = ud.decomposition(ch)
    nfd = ud.normalize("NFD", ch)
    nfkd = ud.normalize("NFKD", ch)
    if HANGUL_S <= c < HANGUL_S + HANGUL_COUNT:
        assert text == ""  # Hangul syllables decompose algorithmically
    elif text:
        assert text.isascii() and '"' not in text and "\\" not in text
        decomp_text.append(text)
        cp_decomp[c] = len(decomp_offsets)
        decomp_offsets.append(decomp_offsets[-1] + len(text))
    else:
        assert nfd == ch and nfkd == ch, hex(c)

# Values above U+10FFFF behave as unassigned; U+0378 is an unassigned code point whose record
# must be the all-default one CPython also uses beyond the range.
UNASSIGNED = cp_record[0x378]
assert records[UNASSIGNED] == (0, 0, EAW.index("F"), 0, 0, 0, 0), records[UNASSIGNED]
assert len(records) < 1 << 16 and len(case_records) < 1 << 16 and len(numeric_values) < 256
assert len(decomp_offsets) < 1 << 16

# Primary composites (`makeunicodedata.py`: canonical two-code-point decompositions whose first
# code point is a starter, minus the composition exclusions). A composite is excluded exactly
# when NFC does not give it back.
comp_pairs = []
for c in range(N):
    ch = chr(c)
    text = ud.decomposition(ch)
    if not text or text.startswith("<"):
        continue
    parts = [int(p, 16) for p in text.split()]
    if len(parts) != 2 or ud.combining(chr(parts[0])) != 0:
        continue
    if ud.normalize("NFC", ch) == ch:
        comp_pairs.append((parts[0], parts[1], c))
comp_pairs.sort()


# ---------------------------------------------------------------------------------------------
# `unicodedata.ucd_3_2_0` (IDNA's stringprep uses it), stored as changes from the current data
# as CPython does: code points unassigned in 3.2.0, a few changed properties, and the
# normalization corrections. Everything else is asserted equal to the current data.

old = ud.ucd_3_2_0
assert old.unidata_version == "3.2.0"
old_unassigned = []  # inclusive ranges
old_changes = []  # (cp, category, bidi, eaw, mirrored, decimal); 0xFF: as now, decimal 0xFE: none
old_normalization = []  # (cp, replacement) applied before decomposing
for c in range(N):
    ch = chr(c)
    if old.category(ch) == "Cn":
        assert (old.bidirectional(ch), old.east_asian_width(ch), old.mirrored(ch)) == ("", "F", 0)
        assert (old.combining(ch), old.decomposition(ch)) == (0, "")
        assert old.decimal(ch, None) is None and old.numeric(ch, None) is None
        assert old.digit(ch, None) == ud.digit(ch, None)  # CPython does not check the version
        if old_unassigned and old_unassigned[-1][1] == c - 1:
            old_unassigned[-1][1] = c
        else:
            old_unassigned.append([c, c])
        continue
    assert old.combining(ch) == ud.combining(ch) and old.decomposition(ch) == ud.decomposition(ch)
    assert old.digit(ch, None) == ud.digit(ch, None) and old.numeric(ch, None) == ud.numeric(ch, None)
    change = (
        0xFF if old.category(ch) == ud.category(ch) else CATEGORIES.index(old.category(ch)),
        0xFF if old.bidirectional(ch) == ud.bidirectional(ch) else BIDI.index(old.bidirectional(ch)),
        0xFF if old.east_asian_width(ch) == ud.east_asian_width(ch)
        else EAW.index(old.east_asian_width(ch)),
        0xFF if old.mirrored(ch) == ud.mirrored(ch) else old.mirrored(ch),
        0xFF if old.decimal(ch, None) == ud.decimal(ch, None)
        else 0xFE if old.decimal(ch, None) is None else old.decimal(ch),
    )
    if change != (0xFF,) * 5:
        old_changes.append((c, *change))
    if old.normalize("NFD", ch) != ud.normalize("NFD", ch):
        replacement = old.normalize("NFD", ch)
        assert len(replacement) == 1, hex(c)
        old_normalization.append((c, ord(replacement)))


# ---------------------------------------------------------------------------------------------
# Checksums: FNV-1a (64-bit) over every code point's value, computed from CPython directly.

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


class Fnv:
    def __init__(self):
        self.h = FNV_OFFSET

    def byte(self, b):
        self.h = ((self.h ^ b) * FNV_PRIME) & MASK64

    def u32(self, v):
        for i in range(4):
            self.byte((v >> (8 * i)) & 0xFF)

    def u64(self, v):
        for i in range(8):
            self.byte((v >> (8 * i)) & 0xFF)

    def text(self, s):
        for b in s.encode("ascii"):
            self.byte(b)
        self.byte(0xFF)

    def cps(self, s):
        self.u32(len(s))
        for ch in s:
            self.u32(ord(ch))


def checksum(feed):
    h = Fnv()
    for c in range(N):
        feed(h, c, chr(c))
    return h.h


def feed_flags(h, c, ch):
    h.u32(flags_of(ch))


def feed_numeric(h, c, ch):
    import struct

    n = ud.numeric(ch, None)
    d = ud.decimal(ch, None)
    g = ud.digit(ch, None)
    h.u32(0xFFFFFFFF if d is None else d)
    h.u32(0xFFFFFFFF if g is None else g)
    h.u64(0xFFFFFFFFFFFFFFFF if n is None else struct.unpack("<Q", struct.pack("<d", n))[0])


def feed_case(h, c, ch):
    for s in (ch.lower(), ch.upper(), ch.title(), ch.casefold()):
        h.cps(s)


def feed_db(h, c, ch):
    h.text(ud.category(ch))
    h.text(ud.bidirectional(ch))
    h.text(ud.east_asian_width(ch))
    h.u32(ud.combining(ch))
    h.u32(ud.mirrored(ch))


def feed_decomposition(h, c, ch):
    h.text(ud.decomposition(ch))


def feed_normalize(h, c, ch):
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        h.cps(ud.normalize(form, ch))


def feed_old_db(h, c, ch):
    import struct

    h.text(old.category(ch))
    h.text(old.bidirectional(ch))
    h.text(old.east_asian_width(ch))
    h.u32(old.combining(ch))
    h.u32(old.mirrored(ch))
    h.text(old.decomposition(ch))
    d = old.decimal(ch, None)
    g = old.digit(ch, None)
    n = old.numeric(ch, None)
    h.u32(0xFFFFFFFF if d is None else d)
    h.u32(0xFFFFFFFF if g is None else g)
    h.u64(0xFFFFFFFFFFFFFFFF if n is None else struct.unpack("<Q", struct.pack("<d", n))[0])


def feed_old_normalize(h, c, ch):
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        h.cps(old.normalize(form, ch))


CHECKSUMS = [
    ("FLAGS", feed_flags),
    ("NUMERIC", feed_numeric),
    ("CASE", feed_case),
    ("DATABASE", feed_db),
    ("DECOMPOSITION", feed_decomposition),
    ("NORMALIZE", feed_normalize),
    ("OLD_DATABASE", feed_old_db),
    ("OLD_NORMALIZE", feed_old_normalize),
]


# ---------------------------------------------------------------------------------------------
# Three-level tables: a two-level table whose first stage is itself split once more, because
# the planes above U+3FFFF are nearly all alike.


def int_type(values):
    m = max(values)
    return "u8" if m < 1 << 8 else "u16" if m < 1 << 16 else "u32"


def dedupe(values, shift):
    size = 1 << shift
    blocks = {}
    upper = []
    lower = []
    for start in range(0, len(values), size):
        block = tuple(values[start:start + size])
        if block not in blocks:
            blocks[block] = len(blocks)
            lower.extend(block)
        upper.append(blocks[block])
    return upper, lower


def source_len(values):
    return sum(len(str(v)) + 1 for v in values)


def split_three(values):
    """(shift_low, shift_mid, stage1, stage2, stage3) with the least generated source."""
    best = None
    for low in range(3, 9):
        mid_values, stage3 = dedupe(values, low)
        for mid in range(2, 8):
            stage1, stage2 = dedupe(mid_values, mid)
            total = source_len(stage1) + source_len(stage2) + source_len(stage3)
            if best is None or total < best[0]:
                best = (total, low, mid, stage1, stage2, stage3)
    return best[1:]


def rust_array(name, ty, values, per_line=24, fmt=str, sep=", "):
    lines = [f"pub(super) static {name}: [{ty}; {len(values)}] = ["]
    for i in range(0, len(values), per_line):
        lines.append("    " + sep.join(fmt(v) for v in values[i:i + per_line]) + ",")
    lines.append("];")
    return "\n".join(lines)


def emit_trie(out, name, doc, values):
    low, mid, stage1, stage2, stage3 = split_three(values)
    ts = [int_type(stage1), int_type(stage2), int_type(stage3)]
    out.append(f"/// {doc}")
    out.append(f"pub(super) static {name}: Trie<{ts[0]}, {ts[1]}, {ts[2]}> = Trie {{")
    out.append(f"    low_bits: {low},")
    out.append(f"    mid_bits: {mid},")
    for field, ty, vals in (("stage1", ts[0], stage1), ("stage2", ts[1], stage2), ("stage3", ts[2], stage3)):
        out.append(f"    {field}: &[")
        for i in range(0, len(vals), 32):
            out.append("        " + ",".join(str(v) for v in vals[i:i + 32]) + ",")
        out.append("    ],")
    out.append("};")
    sizes = {"u8": 1, "u16": 2, "u32": 4}
    return sum(len(v) * sizes[t] for v, t in zip((stage1, stage2, stage3), ts))


def f64_literal(x):
    r = repr(float(x))
    return r if ("." in r or "e" in r or "inf" in r) else r + ".0"


def main():
    out = [
        "// @generated by tools/gen_unicode_tables.py from CPython "
        f"{sys.version.split()[0]} (Unicode {ud.unidata_version}); do not edit.",
        "// Regenerate with `python3 tools/gen_unicode_tables.py` under CPython 3.11.",
        "",
        "use super::{CaseRecord, Record, Trie};",
        "",
        f'pub(super) const UNIDATA_VERSION: &str = "{ud.unidata_version}";',
        "",
        "pub(super) static CATEGORY_NAMES: [&str; %d] = [%s];"
        % (len(CATEGORIES), ", ".join(f'"{c}"' for c in CATEGORIES)),
        "pub(super) static BIDI_NAMES: [&str; %d] = [%s];"
        % (len(BIDI), ", ".join(f'"{c}"' for c in BIDI)),
        "pub(super) static EAW_NAMES: [&str; %d] = [%s];"
        % (len(EAW), ", ".join(f'"{c}"' for c in EAW)),
        "",
        "/// The record of every unassigned code point; values above U+10FFFF get it too.",
        f"pub(super) const UNASSIGNED: u16 = {UNASSIGNED};",
        "",
        "const fn r(category: u8, bidi: u8, eaw: u8, combining: u8, flags: u16, numeric: u8, case: u16) -> Record {",
        "    Record { category, bidi, eaw, combining, flags, numeric, case }",
        "}",
        "",
        "/// r(category, bidi, east asian width, combining class, flags, numeric index, case index)",
        "pub(super) static RECORDS: [Record; %d] = [" % len(records),
    ]
    for i in range(0, len(records), 6):
        out.append("    " + " ".join("r(%d, %d, %d, %d, 0x%04x, %d, %d)," % r for r in records[i:i + 6]))
    out.append("];")
    out.append("")
    sizes = {"records": len(records) * 8}
    sizes["record trie"] = emit_trie(out, "RECORD_INDEX", "Code point -> index into `RECORDS`.", cp_record)
    out.append("")
    out.append("/// Numeric values (`unicodedata.numeric`); index 0 means none.")
    out.append(rust_array("NUMERIC_VALUES", "f64", [0.0] + numeric_values[1:], per_line=8, fmt=f64_literal))
    sizes["numeric"] = len(numeric_values) * 8
    out.append("")
    out.append("const fn c(lower: i32, upper: i32, title: i32, fold: i32, special: u8) -> CaseRecord {")
    out.append("    CaseRecord { lower, upper, title, fold, special }")
    out.append("}")
    out.append("")
    out.append("/// c(lower, upper, title, fold, special): each mapping is a delta from the code point or,")
    out.append("/// when bit i of `special` is set, `start | len << 16` into `SPECIAL_CASE`.")
    out.append("pub(super) static CASE_RECORDS: [CaseRecord; %d] = [" % len(case_records))
    for i in range(0, len(case_records), 6):
        out.append("    " + " ".join("c(%d, %d, %d, %d, %d)," % r for r in case_records[i:i + 6]))
    out.append("];")
    out.append(rust_array("SPECIAL_CASE", "u32", special, per_line=12, fmt=lambda v: "0x%04x" % v))
    sizes["case"] = len(case_records) * 17 + len(special) * 4
    out.append("")
    out.append("/// `unicodedata.decomposition()` strings, concatenated; entry i (from 1) is")
    out.append("/// `DECOMP_TEXT[DECOMP_END[i - 1]..DECOMP_END[i]]`.")
    text = "".join(decomp_text)
    out.append("pub(super) static DECOMP_TEXT: &str = concat!(")
    for i in range(0, len(text), 96):
        out.append('    "%s",' % text[i:i + 96])
    out.append(");")
    out.append(rust_array("DECOMP_END", "u32", decomp_offsets, per_line=20, sep=","))
    sizes["decomposition"] = len(text) + len(decomp_offsets) * 4
    sizes["decomposition trie"] = emit_trie(
        out, "DECOMP_INDEX", "Code point -> index into `DECOMP_END` (0: no decomposition).", cp_decomp
    )
    out.append("")
    out.append("/// Primary composites, sorted: (first, second, composite).")
    out.append("pub(super) static COMPOSITIONS: [(u32, u32, u32); %d] = [" % len(comp_pairs))
    for i in range(0, len(comp_pairs), 6):
        out.append("    " + " ".join("(0x%04x, 0x%04x, 0x%04x)," % p for p in comp_pairs[i:i + 6]))
    out.append("];")
    sizes["compositions"] = len(comp_pairs) * 12
    out.append("")
    out.append("/// Unicode 3.2.0 (`unicodedata.ucd_3_2_0`): inclusive ranges unassigned then.")
    out.append("pub(super) static OLD_UNASSIGNED: [(u32, u32); %d] = [" % len(old_unassigned))
    for i in range(0, len(old_unassigned), 8):
        out.append("    " + " ".join("(0x%x, 0x%x)," % tuple(r) for r in old_unassigned[i:i + 8]))
    out.append("];")
    out.append("/// Unicode 3.2.0: (cp, category, bidi, east asian width, mirrored, decimal) where any")
    out.append("/// differs; 0xFF: as now; decimal 0xFE: none.")
    out.append("pub(super) static OLD_CHANGES: [(u32, u8, u8, u8, u8, u8); %d] = [" % len(old_changes))
    for i in range(0, len(old_changes), 6):
        out.append("    " + " ".join("(0x%x, %d, %d, %d, %d, %d)," % r for r in old_changes[i:i + 6]))
    out.append("];")
    out.append("/// Unicode 3.2.0: code points that decomposed differently then (to the second).")
    out.append("pub(super) static OLD_NORMALIZATION: [(u32, u32); %d] = [" % len(old_normalization))
    out.append("    " + " ".join("(0x%x, 0x%x)," % r for r in old_normalization))
    out.append("];")
    sizes["ucd 3.2.0"] = len(old_unassigned) * 8 + len(old_changes) * 9 + len(old_normalization) * 8
    out.append("")
    out.append("/// FNV-1a checksums of each property over all code points, computed from CPython.")
    out.append("#[cfg(test)]")
    out.append("pub(super) mod checksums {")
    for name, feed in CHECKSUMS:
        out.append(f"    pub(in crate::unicode) const {name}: u64 = 0x{checksum(feed):016x};")
    out.append("}")
    out.append("")
    with open(OUT, "w") as f:
        f.write("\n".join(out))
    print(f"wrote {os.path.normpath(OUT)} ({os.path.getsize(OUT)} bytes of source)")
    print(
        f"{len(records)} records, {len(case_records)} case records, {len(numeric_values) - 1} "
        f"numeric values, {len(decomp_offsets) - 1} decompositions, {len(comp_pairs)} compositions"
    )
    print(f"data in the binary: {sum(sizes.values())} bytes")
    for k, v in sizes.items():
        print(f"  {k}: {v} bytes")


main()

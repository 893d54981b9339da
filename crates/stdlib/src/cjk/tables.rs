//! The CJK mapping tables, generated from CPython's own codecs by `tools/gen_cjk_tables.py`
//! (see its docstring for the format). Each codec's file is inflated and parsed the first
//! time the codec is used.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Decode-map values that are not code points.
pub(super) const MORE: u32 = 0xFFFF_FFF0;
pub(super) const PAIR: u32 = 0xFFFF_FFF1;
pub(super) const ERR: u32 = 0xFFFF_FF00;

/// One run: keys `k..k+n` map to `v + i*step`.
#[derive(Clone, Copy)]
struct Run {
    k: u32,
    n: u32,
    v: u32,
    step: u32,
}

/// A run-compressed `u32 -> u32` map.
#[derive(Default)]
pub(super) struct Map {
    runs: Vec<Run>,
}

fn varint(b: &[u8], i: &mut usize) -> u32 {
    let mut n: u64 = 0;
    let mut shift = 0;
    while let Some(&c) = b.get(*i) {
        *i += 1;
        n |= u64::from(c & 0x7F) << shift;
        shift += 7;
        if c & 0x80 == 0 || shift > 35 {
            break;
        }
    }
    n as u32
}

impl Map {
    fn parse(b: &[u8]) -> Map {
        let mut runs = Vec::new();
        let (mut i, mut pk, mut pv) = (0usize, 0u32, 0u32);
        while i < b.len() {
            let k = pk.wrapping_add(varint(b, &mut i));
            let h = varint(b, &mut i);
            let n = h >> 2;
            let step = (h >> 1) & 1;
            let v = if h & 1 == 1 {
                let lo = b.get(i).copied().unwrap_or(0);
                i += 1;
                0xFFFF_FF00 | u32::from(lo)
            } else {
                let z = varint(b, &mut i);
                let d = if z & 1 == 1 {
                    -(i64::from(z >> 1)) - 1
                } else {
                    i64::from(z >> 1)
                };
                let v = (i64::from(pv) + d) as u32;
                pv = v.wrapping_add(n.saturating_sub(1).wrapping_mul(step));
                v
            };
            runs.push(Run { k, n, v, step });
            pk = k.wrapping_add(n);
        }
        Map { runs }
    }

    pub(super) fn get(&self, k: u32) -> Option<u32> {
        let i = self.runs.partition_point(|r| r.k <= k);
        let r = self.runs.get(i.checked_sub(1)?)?;
        let off = k - r.k;
        (off < r.n).then(|| r.v.wrapping_add(off * r.step))
    }

    fn for_each(&self, mut f: impl FnMut(u32, u32)) {
        for r in &self.runs {
            for i in 0..r.n {
                f(r.k + i, r.v.wrapping_add(i * r.step));
            }
        }
    }
}

fn sections(blob: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let raw = miniz_oxide::inflate::decompress_to_vec_zlib(blob).unwrap_or_default();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= raw.len() {
        let tag = raw[i];
        let n = u32::from_le_bytes([raw[i + 1], raw[i + 2], raw[i + 3], raw[i + 4]]) as usize;
        let body = raw.get(i + 5..i + 5 + n).unwrap_or(&[]).to_vec();
        out.push((tag, body));
        i += 5 + n;
    }
    out
}

/// A table-driven codec's data.
#[derive(Default)]
pub(super) struct Stateless {
    pub dec: Map,
    pub pairs: Map,
    pub enc: HashMap<u32, u32>,
    pub pair_enc: Map,
    pub multic: Map,
    /// EUC-KR make-up sequences: choseong (19), jungseong (21), jongseong (28) bytes.
    pub makeup: Vec<u8>,
    /// `dec` flattened for the one- and two-byte keys: `k` for `k < 0x100`,
    /// `0x100 + (b1 << 8 | b2)` for `0x1_0000 | b1 << 8 | b2`.
    dense_dec: Vec<u32>,
    /// `enc` flattened for the BMP (0 = unmappable).
    dense_enc: Vec<u32>,
}

impl Stateless {
    /// The decode-map value of a one-byte (`k < 0x100`) or two-byte (`0x1_0000 | b1 << 8 | b2`)
    /// key; other keys go to the run map.
    pub(super) fn decode_key(&self, k: u32) -> Option<u32> {
        let i = if k < 0x100 {
            k as usize
        } else if k & 0xFFFF_0000 == 0x1_0000 {
            0x100 + (k & 0xFFFF) as usize
        } else {
            return self.dec.get(k);
        };
        self.dense_dec.get(i).copied().filter(|v| *v != 0xFFFF_FFFF)
    }

    /// The encode-map value of code point `c`.
    pub(super) fn encode_cp(&self, c: u32) -> Option<u32> {
        if c <= 0xFFFF {
            self.dense_enc.get(c as usize).copied().filter(|v| *v != 0)
        } else {
            self.enc.get(&c).copied()
        }
    }
}

impl Stateless {
    fn load(blob: &[u8]) -> Stateless {
        let mut t = Stateless::default();
        let mut exceptions = Map::default();
        for (tag, body) in sections(blob) {
            match tag {
                b'D' => t.dec = Map::parse(&body),
                b'Q' => t.pairs = Map::parse(&body),
                b'E' => exceptions = Map::parse(&body),
                b'F' => t.pair_enc = Map::parse(&body),
                b'M' => t.multic = Map::parse(&body),
                b'K' => t.makeup = body,
                _ => {}
            }
        }
        // The inverse of the decode map (first code in key order wins), then the
        // generator's corrections.
        let enc = &mut t.enc;
        t.dec.for_each(|k, v| {
            if v >= 0x11_0000 {
                return;
            }
            let ev = if k < 0x100 {
                0x0100_0000 | k
            } else if k < 0x2_0000 {
                0x0200_0000 | (k & 0xFFFF)
            } else if k < 0x3_0000 {
                0x0300_0000 | 0x8F_0000 | (k & 0xFFFF)
            } else {
                0x0400_0000 | (k & 0xFFFF)
            };
            enc.entry(v).or_insert(ev);
        });
        exceptions.for_each(|k, v| {
            if v == 0 {
                enc.remove(&k);
            } else {
                enc.insert(k, v);
            }
        });
        let mut dense_dec = vec![0xFFFF_FFFFu32; 0x1_0100];
        t.dec.for_each(|k, v| {
            let i = if k < 0x100 {
                k as usize
            } else if k & 0xFFFF_0000 == 0x1_0000 {
                0x100 + (k & 0xFFFF) as usize
            } else {
                return;
            };
            if let Some(slot) = dense_dec.get_mut(i) {
                *slot = v;
            }
        });
        let mut dense_enc = vec![0u32; 0x1_0000];
        for (&c, &v) in &t.enc {
            if let Some(slot) = dense_enc.get_mut(c as usize) {
                *slot = v;
            }
        }
        t.dense_dec = dense_dec;
        t.dense_enc = dense_enc;
        t
    }
}

/// An ISO-2022 codec's data.
#[derive(Default)]
pub(super) struct Iso {
    /// Per designation mark: decode map and pairs.
    pub charsets: Vec<(u8, Map, Map)>,
    pub enc: Map,
    pub pair_enc: Map,
    pub multic: Map,
    pub g2_8859_7: Map,
}

impl Iso {
    fn load(blob: &[u8]) -> Iso {
        let mut t = Iso::default();
        for (tag, body) in sections(blob) {
            match tag {
                b'C' => {
                    let mark = body.first().copied().unwrap_or(0);
                    let (mut d, mut q) = (Map::default(), Map::default());
                    for (t2, b2) in sections_raw(body.get(1..).unwrap_or(&[])) {
                        match t2 {
                            b'D' => d = Map::parse(&b2),
                            b'Q' => q = Map::parse(&b2),
                            _ => {}
                        }
                    }
                    t.charsets.push((mark, d, q));
                }
                b'E' => t.enc = Map::parse(&body),
                b'F' => t.pair_enc = Map::parse(&body),
                b'M' => t.multic = Map::parse(&body),
                b'G' => t.g2_8859_7 = Map::parse(&body),
                _ => {}
            }
        }
        t
    }

    pub(super) fn charset(&self, mark: u8) -> Option<&(u8, Map, Map)> {
        self.charsets.iter().find(|c| c.0 == mark)
    }
}

fn sections_raw(raw: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 5 <= raw.len() {
        let tag = raw[i];
        let n = u32::from_le_bytes([raw[i + 1], raw[i + 2], raw[i + 3], raw[i + 4]]) as usize;
        out.push((tag, raw.get(i + 5..i + 5 + n).unwrap_or(&[]).to_vec()));
        i += 5 + n;
    }
    out
}

macro_rules! stateless_tables {
    ($($name:literal),* $(,)?) => {
        /// The table-driven codecs' names, in the order of [`stateless`]'s index.
        pub(super) const STATELESS: &[&str] = &[$($name),*];
        const STATELESS_DATA: &[&[u8]] = &[$(include_bytes!(concat!("data/", $name, ".bin"))),*];
    };
}

stateless_tables!(
    "shift_jis",
    "cp932",
    "euc_jp",
    "shift_jis_2004",
    "euc_jis_2004",
    "euc_jisx0213",
    "shift_jisx0213",
    "euc_kr",
    "cp949",
    "johab",
    "gb2312",
    "gbk",
    "gb18030",
    "big5",
    "cp950",
    "big5hkscs",
);

macro_rules! iso_tables {
    ($($name:literal),* $(,)?) => {
        pub(super) const ISO: &[&str] = &[$($name),*];
        const ISO_DATA: &[&[u8]] = &[$(include_bytes!(concat!("data/", $name, ".bin"))),*];
    };
}

iso_tables!(
    "iso2022_kr",
    "iso2022_jp",
    "iso2022_jp_1",
    "iso2022_jp_2",
    "iso2022_jp_2004",
    "iso2022_jp_3",
    "iso2022_jp_ext",
);

static STATELESS_TABLES: [OnceLock<Stateless>; 16] = [const { OnceLock::new() }; 16];
static ISO_TABLES: [OnceLock<Iso>; 7] = [const { OnceLock::new() }; 7];

/// The tables of table-driven codec `i` (an index into [`STATELESS`]).
pub(super) fn stateless(i: usize) -> &'static Stateless {
    let i = i.min(STATELESS.len() - 1);
    STATELESS_TABLES[i].get_or_init(|| Stateless::load(STATELESS_DATA[i]))
}

/// The tables of ISO-2022 codec `i` (an index into [`ISO`]).
pub(super) fn iso(i: usize) -> &'static Iso {
    let i = i.min(ISO.len() - 1);
    ISO_TABLES[i].get_or_init(|| Iso::load(ISO_DATA[i]))
}

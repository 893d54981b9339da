//! The CJK codecs' encode/decode steps (CPython: `Modules/cjkcodecs/_codecs_*.c`), in the
//! shape `multibytecodec.c` drives them: a step runs from `*pos` until the input ends (0) or
//! it meets a bad sequence (its length, > 0) or needs more input ([`TOOFEW`]); `*pos` then
//! points at the trouble. The per-codec state is CPython's 8 `state.c` bytes, so
//! `getstate()` gives CPython's numbers.

use super::tables::{self, ERR, MORE, PAIR};

/// `MBERR_TOOFEW`: the input ends inside a sequence.
pub(super) const TOOFEW: isize = -2;
/// `MBERR_INTERNAL`.
pub(super) const INTERNAL: isize = -3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Kind {
    /// Table-driven (index into `tables::STATELESS`).
    Table(usize),
    Hz,
    /// ISO-2022 (index into `tables::ISO`).
    Iso(usize),
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Codec {
    pub name: &'static str,
    pub kind: Kind,
}

/// Every codec, with the module that offers it.
pub(super) fn codecs_of(module: &str) -> &'static [&'static str] {
    match module {
        "_codecs_jp" => &[
            "shift_jis",
            "cp932",
            "euc_jp",
            "shift_jis_2004",
            "euc_jis_2004",
            "euc_jisx0213",
            "shift_jisx0213",
        ],
        "_codecs_kr" => &["euc_kr", "cp949", "johab"],
        "_codecs_cn" => &["gb2312", "gbk", "gb18030", "hz"],
        "_codecs_tw" => &["big5", "cp950"],
        "_codecs_hk" => &["big5hkscs"],
        "_codecs_iso2022" => &[
            "iso2022_kr",
            "iso2022_jp",
            "iso2022_jp_1",
            "iso2022_jp_2",
            "iso2022_jp_2004",
            "iso2022_jp_3",
            "iso2022_jp_ext",
        ],
        _ => &[],
    }
}

pub(super) fn find(name: &str) -> Option<Codec> {
    let (name, kind) = if name == "hz" {
        ("hz", Kind::Hz)
    } else if let Some(i) = tables::STATELESS.iter().position(|n| *n == name) {
        (tables::STATELESS[i], Kind::Table(i))
    } else {
        let i = tables::ISO.iter().position(|n| *n == name)?;
        (tables::ISO[i], Kind::Iso(i))
    };
    Some(Codec { name, kind })
}

pub(super) type State = [u8; 8];

fn esize(v: u32) -> isize {
    if v & 0xFFFF_FF00 == ERR {
        (v & 0xFF) as isize
    } else {
        1
    }
}

// ----- ISO-2022 configuration -----

const ESC: u8 = 0x1B;
const SO: u8 = 0x0E;
const SI: u8 = 0x0F;
const LF: u8 = 0x0A;
const ASCII: u8 = b'B';
const JISX0208: u8 = b'B' | 0x80;
const F_SHIFTED: u8 = 1;
const F_ESCTHROUGHOUT: u8 = 2;
const NO_SHIFT: u8 = 1;
const USE_G2: u8 = 2;
const USE_JISX0208_EXT: u8 = 4;

/// (flags, designations as (mark, plane)) of ISO-2022 codec `i`.
fn iso_config(i: usize) -> (u8, &'static [(u8, u8)]) {
    match tables::ISO.get(i).copied().unwrap_or("") {
        "iso2022_kr" => (0, &[(0xC3, 1)]),
        "iso2022_jp" => (
            NO_SHIFT | USE_JISX0208_EXT,
            &[(0xC2, 0), (0x4A, 0), (0xC0, 0)],
        ),
        "iso2022_jp_1" => (
            NO_SHIFT | USE_JISX0208_EXT,
            &[(0xC2, 0), (0xC4, 0), (0x4A, 0), (0xC0, 0)],
        ),
        "iso2022_jp_2" => (
            NO_SHIFT | USE_G2 | USE_JISX0208_EXT,
            &[
                (0xC2, 0),
                (0xC4, 0),
                (0xC3, 0),
                (0xC1, 0),
                (0x4A, 0),
                (0xC0, 0),
                (b'A', 2),
                (b'F', 2),
            ],
        ),
        "iso2022_jp_2004" => (
            NO_SHIFT | USE_JISX0208_EXT,
            &[(0xD1, 0), (0xC2, 0), (0xD0, 0)],
        ),
        "iso2022_jp_3" => (
            NO_SHIFT | USE_JISX0208_EXT,
            &[(0xCF, 0), (0xC2, 0), (0xD0, 0)],
        ),
        _ => (
            NO_SHIFT | USE_JISX0208_EXT,
            &[(0xC2, 0), (0xC4, 0), (0x4A, 0), (0x49, 0), (0xC0, 0)],
        ),
    }
}

// ----- init / reset -----

pub(super) fn encode_init(codec: Codec) -> State {
    match codec.kind {
        Kind::Iso(_) => [ASCII, ASCII, 0, 0, 0, 0, 0, 0],
        _ => [0; 8],
    }
}

pub(super) fn decode_init(codec: Codec) -> State {
    match codec.kind {
        Kind::Iso(_) => [ASCII, ASCII, ASCII, 0, 0, 0, 0, 0],
        _ => [0; 8],
    }
}

pub(super) fn decode_reset(codec: Codec, st: &mut State) {
    match codec.kind {
        Kind::Iso(_) => {
            st[0] = ASCII;
            st[4] &= !F_SHIFTED;
        }
        Kind::Hz => st[0] = 0,
        Kind::Table(_) => {}
    }
}

/// `encreset`: the bytes that return to the initial shift state.
pub(super) fn encode_reset(codec: Codec, st: &mut State, out: &mut Vec<u8>) {
    match codec.kind {
        Kind::Hz => {
            if st[0] != 0 {
                out.extend_from_slice(b"~}");
                st[0] = 0;
            }
        }
        Kind::Iso(_) => {
            if st[4] & F_SHIFTED != 0 {
                out.push(SI);
                st[4] &= !F_SHIFTED;
            }
            if st[0] != ASCII {
                out.extend_from_slice(&[ESC, b'(', b'B']);
                st[0] = ASCII;
            }
        }
        Kind::Table(_) => {}
    }
}

pub(super) fn has_encode_reset(codec: Codec) -> bool {
    !matches!(codec.kind, Kind::Table(_))
}

// ----- encoding -----

pub(super) fn encode(
    codec: Codec,
    st: &mut State,
    input: &[u32],
    pos: &mut usize,
    out: &mut Vec<u8>,
    flush: bool,
) -> isize {
    match codec.kind {
        Kind::Table(i) => table_encode(codec, tables::stateless(i), input, pos, out, flush),
        Kind::Hz => hz_encode(st, input, pos, out),
        Kind::Iso(i) => iso_encode(i, st, input, pos, out, flush),
    }
}

fn emit(codec: Codec, t: &tables::Stateless, v: u32, c: u32, out: &mut Vec<u8>) {
    let [k, a, b, d] = v.to_be_bytes();
    match k {
        1 => out.push(d),
        2 => out.extend_from_slice(&[b, d]),
        3 => out.extend_from_slice(&[a, b, d]),
        4 => gb18030_four(v & 0xFF_FFFF, 0x81, out),
        5 => {
            let s = c.wrapping_sub(0xAC00) as usize;
            let m = &t.makeup;
            let get = |i: usize| m.get(i).copied().unwrap_or(0);
            out.extend_from_slice(&[
                0xA4,
                0xD4,
                0xA4,
                get(s / 588),
                0xA4,
                get(19 + (s / 28) % 21),
                0xA4,
                get(40 + s % 28),
            ]);
        }
        _ => {
            let _ = codec;
        }
    }
}

fn gb18030_four(mut t: u32, base: u32, out: &mut Vec<u8>) {
    let b4 = (t % 10 + 0x30) as u8;
    t /= 10;
    let b3 = (t % 126 + 0x81) as u8;
    t /= 126;
    let b2 = (t % 10 + 0x30) as u8;
    t /= 10;
    let b1 = (t + base) as u8;
    out.extend_from_slice(&[b1, b2, b3, b4]);
}

fn table_encode(
    codec: Codec,
    t: &tables::Stateless,
    input: &[u32],
    pos: &mut usize,
    out: &mut Vec<u8>,
    flush: bool,
) -> isize {
    let gb18030 = codec.name == "gb18030";
    while let Some(&c) = input.get(*pos) {
        if c < 0x80
            && let Some(v) = t.encode_cp(c)
            && v == 0x0100_0000 | c
        {
            out.push(c as u8);
            *pos += 1;
            continue;
        }
        if gb18030 && c >= 0x1_0000 {
            gb18030_four(c - 0x1_0000, 0x90, out);
            *pos += 1;
            continue;
        }
        let mut found = None;
        let mut insize = 1;
        if t.multic.get(c).is_some() {
            match input.get(*pos + 1) {
                Some(&c2) => {
                    if c2 <= 0xFFFF
                        && let Some(v) = t.pair_enc.get(c << 16 | c2)
                    {
                        found = Some(v);
                        insize = 2;
                    }
                }
                None if !flush => return TOOFEW,
                None => {}
            }
        }
        let Some(v) = found.or_else(|| t.encode_cp(c)) else {
            return 1;
        };
        emit(codec, t, v, c, out);
        *pos += insize;
    }
    0
}

fn hz_encode(st: &mut State, input: &[u32], pos: &mut usize, out: &mut Vec<u8>) -> isize {
    let gb = tables::stateless(gb2312_index());
    while let Some(&c) = input.get(*pos) {
        if c < 0x80 {
            if st[0] != 0 {
                out.extend_from_slice(b"~}");
                st[0] = 0;
            }
            if c == u32::from(b'~') {
                out.extend_from_slice(b"~~");
            } else {
                out.push(c as u8);
            }
            *pos += 1;
            continue;
        }
        if c > 0xFFFF {
            return 1;
        }
        let Some(v) = gb.encode_cp(c).filter(|v| v >> 24 == 2) else {
            return 1;
        };
        let (b1, b2) = (((v >> 8) & 0x7F) as u8, (v & 0x7F) as u8);
        if st[0] == 0 {
            out.extend_from_slice(&[b'~', b'{', b1, b2]);
            st[0] = 1;
        } else {
            out.extend_from_slice(&[b1, b2]);
        }
        *pos += 1;
    }
    0
}

fn gb2312_index() -> usize {
    tables::STATELESS
        .iter()
        .position(|n| *n == "gb2312")
        .unwrap_or(0)
}

fn iso_encode(
    i: usize,
    st: &mut State,
    input: &[u32],
    pos: &mut usize,
    out: &mut Vec<u8>,
    flush: bool,
) -> isize {
    let t = tables::iso(i);
    let (_, desigs) = iso_config(i);
    while let Some(&c) = input.get(*pos) {
        if c < 0x80 {
            if st[0] != ASCII {
                out.extend_from_slice(&[ESC, b'(', b'B']);
                st[0] = ASCII;
            }
            if st[4] & F_SHIFTED != 0 {
                out.push(SI);
                st[4] &= !F_SHIFTED;
            }
            out.push(c as u8);
            *pos += 1;
            continue;
        }
        let mut found = None;
        let mut insize = 1;
        if t.multic.get(c).is_some() {
            match input.get(*pos + 1) {
                Some(&c2) => {
                    if c2 <= 0xFFFF
                        && let Some(v) = t.pair_enc.get(c << 16 | c2)
                    {
                        found = Some(v);
                        insize = 2;
                    }
                }
                None if !flush => return TOOFEW,
                None => {}
            }
        }
        let Some(v) = found.or_else(|| t.enc.get(c)) else {
            return 1;
        };
        let mark = (v >> 16) as u8;
        let code = v & 0xFFFF;
        let plane = desigs.iter().find(|d| d.0 == mark).map_or(0, |d| d.1);
        let dbcs = mark & 0x80 != 0;
        match plane {
            0 => {
                if st[4] & F_SHIFTED != 0 {
                    out.push(SI);
                    st[4] &= !F_SHIFTED;
                }
                if st[0] != mark {
                    if !dbcs {
                        out.extend_from_slice(&[ESC, b'(', mark]);
                    } else if mark == JISX0208 {
                        out.extend_from_slice(&[ESC, b'$', mark & 0x7F]);
                    } else {
                        out.extend_from_slice(&[ESC, b'$', b'(', mark & 0x7F]);
                    }
                    st[0] = mark;
                }
            }
            1 => {
                if st[1] != mark {
                    if !dbcs {
                        out.extend_from_slice(&[ESC, b')', mark]);
                    } else {
                        out.extend_from_slice(&[ESC, b'$', b')', mark & 0x7F]);
                    }
                    st[1] = mark;
                }
                if st[4] & F_SHIFTED == 0 {
                    out.push(SO);
                    st[4] |= F_SHIFTED;
                }
            }
            _ => return INTERNAL,
        }
        if dbcs {
            out.extend_from_slice(&[(code >> 8) as u8, code as u8]);
        } else {
            out.push(code as u8);
        }
        *pos += insize;
    }
    0
}

// ----- decoding -----

pub(super) fn decode(
    codec: Codec,
    st: &mut State,
    input: &[u8],
    pos: &mut usize,
    out: &mut Vec<u32>,
) -> isize {
    match codec.kind {
        Kind::Table(i) => table_decode(codec, tables::stateless(i), input, pos, out),
        Kind::Hz => hz_decode(st, input, pos, out),
        Kind::Iso(i) => iso_decode(i, st, input, pos, out),
    }
}

fn push_value(t_pairs: &tables::Map, key: u32, v: u32, out: &mut Vec<u32>) -> bool {
    if v < 0x11_0000 {
        out.push(v);
        true
    } else if v == PAIR {
        let p = t_pairs.get(key).unwrap_or(0);
        out.push(p >> 16);
        out.push(p & 0xFFFF);
        true
    } else {
        false
    }
}

fn table_decode(
    codec: Codec,
    t: &tables::Stateless,
    input: &[u8],
    pos: &mut usize,
    out: &mut Vec<u32>,
) -> isize {
    while let Some(&b1) = input.get(*pos) {
        let v = t.decode_key(u32::from(b1)).unwrap_or(ERR | 1);
        if v < 0x11_0000 {
            out.push(v);
            *pos += 1;
            continue;
        }
        if v != MORE {
            return esize(v);
        }
        let Some(&b2) = input.get(*pos + 1) else {
            return TOOFEW;
        };
        let key = 0x1_0000 | u32::from(b1) << 8 | u32::from(b2);
        let v2 = t.decode_key(key).unwrap_or(ERR | 1);
        if push_value(&t.pairs, key, v2, out) {
            *pos += 2;
            continue;
        }
        if v2 != MORE {
            return esize(v2);
        }
        let rest = input.get(*pos..).unwrap_or(&[]);
        let r = match codec.name {
            "gb18030" => gb18030_decode4(t, rest, out),
            "euc_kr" => euckr_makeup(t, rest, out),
            _ => {
                let Some(&b3) = rest.get(2) else {
                    return TOOFEW;
                };
                let k3 = 0x2_0000 | u32::from(b2) << 8 | u32::from(b3);
                let v3 = t.dec.get(k3).unwrap_or(ERR | 3);
                if push_value(&t.pairs, k3, v3, out) {
                    Ok(3)
                } else {
                    Err(esize(v3))
                }
            }
        };
        match r {
            Ok(n) => *pos += n,
            Err(e) => return e,
        }
    }
    0
}

fn gb18030_decode4(t: &tables::Stateless, rest: &[u8], out: &mut Vec<u32>) -> Result<usize, isize> {
    let [c, c2, c3, c4] = match rest.get(..4) {
        Some(&[a, b, c, d]) => [a, b, c, d],
        _ => return Err(TOOFEW),
    };
    if c < 0x81 || c3 < 0x81 || !(0x30..=0x39).contains(&c4) {
        return Err(1);
    }
    let (c, c2, c3, c4) = (
        u32::from(c - 0x81),
        u32::from(c2 - 0x30),
        u32::from(c3 - 0x81),
        u32::from(c4 - 0x30),
    );
    if c < 4 {
        let lseq = (c * 10 + c2) * 1260 + c3 * 10 + c4;
        if lseq < 39420
            && let Some(v) = t.dec.get(0x3_0000 | lseq)
        {
            out.push(v);
            return Ok(4);
        }
    } else if c >= 15 {
        let lseq = 0x1_0000 + ((c - 15) * 10 + c2) * 1260 + c3 * 10 + c4;
        if lseq <= 0x10_FFFF {
            out.push(lseq);
            return Ok(4);
        }
    }
    Err(1)
}

fn euckr_makeup(t: &tables::Stateless, rest: &[u8], out: &mut Vec<u32>) -> Result<usize, isize> {
    let Some(s) = rest.get(..8) else {
        return Err(TOOFEW);
    };
    if s[2] != 0xA4 || s[4] != 0xA4 || s[6] != 0xA4 {
        return Err(1);
    }
    let m = &t.makeup;
    let cho = m.get(..19).and_then(|a| a.iter().position(|b| *b == s[3]));
    let jung = (0xBF..=0xD3)
        .contains(&s[5])
        .then(|| usize::from(s[5] - 0xBF));
    let jong = if s[7] == 0xD4 {
        Some(0)
    } else {
        m.get(41..68)
            .and_then(|a| a.iter().position(|b| *b == s[7]))
            .map(|p| p + 1)
    };
    match (cho, jung, jong) {
        (Some(a), Some(b), Some(c)) => {
            out.push(0xAC00 + (a * 588 + b * 28 + c) as u32);
            Ok(8)
        }
        _ => Err(1),
    }
}

fn hz_decode(st: &mut State, input: &[u8], pos: &mut usize, out: &mut Vec<u32>) -> isize {
    let gb = tables::stateless(gb2312_index());
    while let Some(&c) = input.get(*pos) {
        if c == b'~' {
            let Some(&c2) = input.get(*pos + 1) else {
                return TOOFEW;
            };
            if c2 == b'~' && st[0] == 0 {
                out.push(u32::from(b'~'));
            } else if c2 == b'{' && st[0] == 0 {
                st[0] = 1;
            } else if c2 == b'\n' && st[0] == 0 {
                // A line continuation.
            } else if c2 == b'}' && st[0] == 1 {
                st[0] = 0;
            } else {
                return 1;
            }
            *pos += 2;
            continue;
        }
        if c & 0x80 != 0 {
            return 1;
        }
        if st[0] == 0 {
            out.push(u32::from(c));
            *pos += 1;
        } else {
            let Some(&c2) = input.get(*pos + 1) else {
                return TOOFEW;
            };
            let key = 0x1_0000 | u32::from(c ^ 0x80) << 8 | u32::from(c2 ^ 0x80);
            match gb.decode_key(key) {
                Some(v) if v < 0x11_0000 => {
                    out.push(v);
                    *pos += 2;
                }
                _ => return 1,
            }
        }
    }
    0
}

fn is_escend(c: u8) -> bool {
    c.is_ascii_uppercase() || c == b'@'
}

fn iso_process_esc(i: usize, st: &mut State, rest: &[u8], pos: &mut usize) -> isize {
    let (flags, desigs) = iso_config(i);
    let inleft = rest.len();
    let mut esclen = 0;
    let mut k = 1;
    while k < 16 {
        if k >= inleft {
            return TOOFEW;
        }
        if is_escend(rest[k]) {
            esclen = k + 1;
            break;
        } else if flags & USE_JISX0208_EXT != 0
            && k + 1 < inleft
            && rest[k] == b'&'
            && rest[k + 1] == b'@'
        {
            k += 2;
        }
        k += 1;
    }
    if k >= 16 {
        return 1;
    }
    let at = |j: usize| rest.get(j).copied().unwrap_or(0);
    let (charset, designation) = match esclen {
        3 => {
            if at(1) == b'$' {
                (at(2) | 0x80, 0)
            } else {
                let d = match at(1) {
                    b'(' => 0,
                    b')' => 1,
                    b'.' if flags & USE_G2 != 0 => 2,
                    _ => return 3,
                };
                (at(2), d)
            }
        }
        4 => {
            if at(1) != b'$' {
                return 4;
            }
            let d = match at(2) {
                b'(' => 0,
                b')' => 1,
                _ => return 4,
            };
            (at(3) | 0x80, d)
        }
        6 => {
            if flags & USE_JISX0208_EXT != 0 && at(3) == ESC && at(4) == b'$' && at(5) == b'B' {
                (b'B' | 0x80, 0)
            } else {
                return 6;
            }
        }
        n => return n as isize,
    };
    if charset != ASCII && !desigs.iter().any(|d| d.0 == charset) {
        return esclen as isize;
    }
    st[designation] = charset;
    *pos += esclen;
    0
}

fn iso_decode(
    i: usize,
    st: &mut State,
    input: &[u8],
    pos: &mut usize,
    out: &mut Vec<u32>,
) -> isize {
    let t = tables::iso(i);
    let (flags, _) = iso_config(i);
    while let Some(&c) = input.get(*pos) {
        if st[4] & F_ESCTHROUGHOUT != 0 {
            out.push(u32::from(c));
            *pos += 1;
            if is_escend(c) {
                st[4] &= !F_ESCTHROUGHOUT;
            }
            continue;
        }
        let rest = input.get(*pos..).unwrap_or(&[]);
        let bypass = match c {
            ESC => {
                let Some(&c2) = rest.get(1) else {
                    return TOOFEW;
                };
                if matches!(c2, b'(' | b')' | b'$' | b'.' | b'&') {
                    let r = iso_process_esc(i, st, rest, pos);
                    if r != 0 {
                        return r;
                    }
                } else if flags & USE_G2 != 0 && c2 == b'N' {
                    let Some(&c3) = rest.get(2) else {
                        return TOOFEW;
                    };
                    let ch = match st[2] {
                        b'A' => {
                            if c3 < 0x80 {
                                u32::from(c3) + 0x80
                            } else {
                                return 3;
                            }
                        }
                        b'F' => match t.g2_8859_7.get(u32::from(c3)) {
                            Some(v) if v < 0x11_0000 => v,
                            _ => return 3,
                        },
                        ASCII => {
                            if c3 & 0x80 != 0 {
                                return 3;
                            }
                            u32::from(c3)
                        }
                        _ => return INTERNAL,
                    };
                    out.push(ch);
                    *pos += 3;
                } else {
                    out.push(u32::from(ESC));
                    st[4] |= F_ESCTHROUGHOUT;
                    *pos += 1;
                }
                false
            }
            SI if flags & NO_SHIFT == 0 => {
                st[4] &= !F_SHIFTED;
                *pos += 1;
                false
            }
            SO if flags & NO_SHIFT == 0 => {
                st[4] |= F_SHIFTED;
                *pos += 1;
                false
            }
            LF => {
                st[4] &= !F_SHIFTED;
                out.push(u32::from(LF));
                *pos += 1;
                false
            }
            _ if c < 0x20 => true,
            _ if c >= 0x80 => return 1,
            _ => {
                let charset = if st[4] & F_SHIFTED != 0 { st[1] } else { st[0] };
                if charset == ASCII {
                    true
                } else {
                    let Some((mark, d, q)) = t.charset(charset) else {
                        return INTERNAL;
                    };
                    let width = if mark & 0x80 != 0 { 2 } else { 1 };
                    if rest.len() < width {
                        return TOOFEW;
                    }
                    let key = if width == 2 {
                        u32::from(c) << 8 | u32::from(rest[1])
                    } else {
                        u32::from(c)
                    };
                    let v = d.get(key).unwrap_or(ERR | width as u32);
                    if !push_value(q, key, v, out) {
                        return width as isize;
                    }
                    *pos += width;
                    false
                }
            }
        };
        if bypass {
            out.push(u32::from(c));
            *pos += 1;
        }
    }
    0
}

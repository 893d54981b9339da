//! Address text: the parsing and formatting glibc's `inet_aton`, `inet_pton` and `inet_ntop`
//! do, in pure Rust (no host needed).

/// `inet_aton`: one to four parts, each decimal, octal (leading `0`) or hex (`0x`); the last
/// part fills the remaining bytes ("127.1" is 127.0.0.1). Trailing whitespace ends the text,
/// as in glibc.
pub(crate) fn inet_aton(s: &str) -> Option<[u8; 4]> {
    let s = match s.find(|c: char| c.is_ascii_whitespace()) {
        Some(i) => &s[..i],
        None => s,
    };
    let mut parts: Vec<u32> = Vec::new();
    for p in s.split('.') {
        if parts.len() == 4 {
            return None;
        }
        let (digits, radix) = if let Some(h) = p.strip_prefix("0x").or(p.strip_prefix("0X")) {
            (h, 16)
        } else if p.len() > 1 && p.starts_with('0') {
            (&p[1..], 8)
        } else {
            (p, 10)
        };
        if digits.is_empty() {
            // "0x" alone is 0 in glibc; an empty part is an error.
            if radix == 16 {
                parts.push(0);
                continue;
            }
            return None;
        }
        let v = u32::from_str_radix(digits, radix).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        parts.push(v);
    }
    let n = parts.len();
    let last = *parts.last()?;
    for &p in &parts[..n - 1] {
        if p > 255 {
            return None;
        }
    }
    let max_last: u64 = 1u64 << (8 * (5 - n));
    if u64::from(last) >= max_last {
        return None;
    }
    let mut v: u32 = 0;
    for (i, &p) in parts[..n - 1].iter().enumerate() {
        v |= p << (24 - 8 * i);
    }
    v |= last;
    Some(v.to_be_bytes())
}

/// Strict dotted-quad (`inet_pton(AF_INET)`): four decimal parts, no leading zeros.
pub(crate) fn parse_v4(s: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut n = 0;
    for p in s.split('.') {
        if n == 4 || p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if p.len() > 1 && p.starts_with('0') {
            return None;
        }
        out[n] = p.parse().ok()?;
        n += 1;
    }
    (n == 4).then_some(out)
}

/// `inet_pton(AF_INET6)`: groups of up to four hex digits, at most one `::`, and an optional
/// dotted quad in the last 32 bits.
pub(crate) fn parse_v6(s: &str) -> Option<[u8; 16]> {
    let (head, tail) = match s.find("::") {
        Some(i) => (&s[..i], Some(&s[i + 2..])),
        None => (s, None),
    };
    fn groups(part: &str, allow_v4: bool) -> Option<Vec<u16>> {
        let mut out = Vec::new();
        if part.is_empty() {
            return Some(out);
        }
        let pieces: Vec<&str> = part.split(':').collect();
        for (i, g) in pieces.iter().enumerate() {
            if allow_v4 && i == pieces.len() - 1 && g.contains('.') {
                let q = parse_v4(g)?;
                out.push(u16::from_be_bytes([q[0], q[1]]));
                out.push(u16::from_be_bytes([q[2], q[3]]));
                continue;
            }
            if g.is_empty() || g.len() > 4 || !g.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            out.push(u16::from_str_radix(g, 16).ok()?);
        }
        Some(out)
    }
    let words: Vec<u16> = match tail {
        None => {
            let g = groups(head, true)?;
            if g.len() != 8 {
                return None;
            }
            g
        }
        Some(t) => {
            if t.contains("::") {
                return None;
            }
            let h = groups(head, false)?;
            let t = groups(t, true)?;
            if h.len() + t.len() > 7 {
                return None;
            }
            let mut w = h;
            w.resize(8 - t.len(), 0);
            w.extend(t);
            w
        }
    };
    let mut out = [0u8; 16];
    for (i, w) in words.iter().enumerate() {
        out[2 * i..2 * i + 2].copy_from_slice(&w.to_be_bytes());
    }
    Some(out)
}

/// Dotted quad.
pub(crate) fn format_v4(b: [u8; 4]) -> String {
    format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3])
}

/// glibc's `inet_ntop(AF_INET6)`: lowercase hex without leading zeros, the first longest run
/// of two or more zero groups as `::`, and a dotted quad for IPv4-compatible (`::a.b.c.d`)
/// and IPv4-mapped (`::ffff:a.b.c.d`) addresses.
pub(crate) fn format_v6(b: &[u8; 16]) -> String {
    let w: Vec<u16> = b
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    // The longest run of zero words (first one wins a tie), if at least two long.
    let (mut best, mut cur): (Option<(usize, usize)>, Option<(usize, usize)>) = (None, None);
    for (i, &x) in w.iter().enumerate() {
        if x == 0 {
            cur = Some(match cur {
                Some((s, l)) => (s, l + 1),
                None => (i, 1),
            });
            if let Some((s, l)) = cur
                && best.is_none_or(|(_, bl)| l > bl)
            {
                best = Some((s, l));
            }
        } else {
            cur = None;
        }
    }
    let best = best.filter(|&(_, l)| l >= 2);
    let mut out = String::new();
    let mut i = 0;
    while i < 8 {
        if let Some((s, l)) = best
            && i == s
        {
            out.push_str("::");
            i += l;
            continue;
        }
        if i > 0 && !out.ends_with(':') {
            out.push(':');
        }
        if i == 6 && best.is_some_and(|(s, l)| s == 0 && (l == 6 || (l == 5 && w[5] == 0xffff))) {
            out.push_str(&format_v4([b[12], b[13], b[14], b[15]]));
            break;
        }
        out.push_str(&format!("{:x}", w[i]));
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v6_round_trips_like_glibc() {
        for (text, want) in [
            ("::1", "::1"),
            ("::", "::"),
            ("::ffff:1.2.3.4", "::ffff:1.2.3.4"),
            ("::1.2.3.4", "::1.2.3.4"),
            ("2001:db8::1", "2001:db8::1"),
            ("2001:db8:0:1:0:0:0:1", "2001:db8:0:1::1"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
            ("1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"),
            ("fe80::", "fe80::"),
        ] {
            let b = parse_v6(text).unwrap();
            assert_eq!(format_v6(&b), want, "{text}");
        }
        assert!(parse_v6("1::2::3").is_none());
        assert!(parse_v6("1:2:3").is_none());
        assert!(parse_v6("12345::").is_none());
    }

    #[test]
    fn aton_is_liberal() {
        assert_eq!(inet_aton("127.1"), Some([127, 0, 0, 1]));
        assert_eq!(inet_aton("0x7f.1"), Some([127, 0, 0, 1]));
        assert_eq!(inet_aton("1.2.3.400"), None);
        assert_eq!(inet_aton("010.0.0.1"), Some([8, 0, 0, 1]));
        assert_eq!(inet_aton("4294967295"), Some([255, 255, 255, 255]));
        assert_eq!(parse_v4("1.2.3"), None);
        assert_eq!(parse_v4("01.2.3.4"), None);
    }
}

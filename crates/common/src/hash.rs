//! CPython 3.11's hash functions, bit for bit.
//!
//! Numbers (`Python/pyhash.c: _Py_HashDouble`, `Objects/longobject.c: long_hash`): every
//! number hashes to its value reduced modulo the Mersenne prime `P = 2^61 - 1`, so that equal
//! numbers of different types (`1 == 1.0 == 1+0j`, `Fraction(1, 2) == 0.5`) hash alike. A
//! rational `m / n` hashes to `m * n^-1 mod P` with the sign of the value; for a float the
//! denominator is a power of two, and since `2^61 ≡ 1 (mod P)`, multiplying by `2^e` is a
//! rotation of 61-bit values by `e mod 61`. Infinities hash to `±314159`. NaN hashes by object
//! identity in 3.11, which only the VM can do, so the functions here return `None` for it.
//! Complex numbers combine the hashes of their parts as `re + 1000003 * im` (wrapping).
//!
//! Strings and bytes (`Python/pyhash.c: _Py_HashBytes`): SipHash-1-3 keyed by the
//! interpreter's 128-bit secret, with no small-string shortcut (`Py_HASH_CUTOFF == 0`). The
//! empty string hashes to 0. A `str` is hashed over its PEP 393 buffer: one byte per code
//! point when all are below 256, two little-endian bytes when all are below 65536, else four.
//!
//! Tuples (`Objects/tupleobject.c: tuplehash`): the xxHash-derived combination of 3.8+.
//!
//! Everywhere a result of −1 (CPython's error marker) becomes −2, except for tuples, whose
//! −1 becomes 1546275796 as in CPython.

use num_bigint::{BigInt, Sign};

/// The Mersenne prime `2^61 - 1` (`sys.hash_info.modulus`).
pub const MODULUS: u64 = (1 << BITS) - 1;
/// Hash of `float('inf')` (`sys.hash_info.inf`).
pub const INF: i64 = 314_159;
/// Multiplier of the imaginary part's hash (`sys.hash_info.imag`).
pub const IMAG: u64 = 1_000_003;

const BITS: u32 = 61;

fn fix_minus_one(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// Gives `magnitude mod P` the sign of the number, as CPython's numeric hashes do.
fn signed(magnitude: u64, negative: bool) -> i64 {
    // `magnitude < 2^61`, so the cast is lossless.
    let h = magnitude as i64;
    fix_minus_one(if negative { -h } else { h })
}

/// `hash(int)` for an int that fits in 64 bits.
#[inline]
pub fn hash_i64(v: i64) -> i64 {
    signed(v.unsigned_abs() % MODULUS, v < 0)
}

/// `hash(int)` for any int.
pub fn hash_bigint(v: &BigInt) -> i64 {
    let (sign, digits) = v.to_u64_digits();
    // Horner's rule over 64-bit limbs, most significant first, reducing modulo P each step.
    let mut acc: u128 = 0;
    let p = u128::from(MODULUS);
    for &d in digits.iter().rev() {
        acc = ((acc << 64) | u128::from(d)) % p;
    }
    signed(acc as u64, sign == Sign::Minus)
}

/// `(x * 2^e) mod P` for `x < P`: a rotation inside 61 bits.
fn mul_pow2(x: u64, e: i32) -> u64 {
    let e = e.rem_euclid(BITS as i32) as u32;
    if e == 0 {
        return x;
    }
    ((x << e) & MODULUS) | (x >> (BITS - e))
}

/// `hash(float)`; `None` for NaN, which CPython 3.11 hashes by identity.
pub fn hash_float(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { INF } else { -INF });
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // x = mantissa * 2^exp with an integer mantissa below 2^53 < P.
    let (mantissa, exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    Some(signed(mul_pow2(mantissa, exp), negative))
}

/// `hash(complex)`; `None` when either part is NaN.
pub fn hash_complex(re: f64, im: f64) -> Option<i64> {
    let hr = hash_float(re)? as u64;
    let hi = hash_float(im)? as u64;
    Some(fix_minus_one(hr.wrapping_add(IMAG.wrapping_mul(hi)) as i64))
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `hash(tuple)` from the hashes of its items.
pub fn hash_tuple(hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    let len = hashes.len() as u64;
    let mut acc = XXPRIME_5;
    for lane in hashes {
        acc = acc.wrapping_add((lane as u64).wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
    }
    acc = acc.wrapping_add(len ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// The interpreter's key for hashing `str` and `bytes` (`_Py_HashSecret`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HashSecret {
    k0: u64,
    k1: u64,
}

impl HashSecret {
    /// The key CPython derives from `PYTHONHASHSEED=seed`: 0 means no randomisation (a zero
    /// key); otherwise the key bytes come from `Python/bootstrap_hash.c: lcg_urandom(seed)`.
    pub fn from_seed(seed: u32) -> HashSecret {
        let mut key = [0u8; 16];
        if seed != 0 {
            let mut x = seed;
            for b in &mut key {
                x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
                *b = (x >> 16) as u8;
            }
        }
        HashSecret::from_bytes(key)
    }

    /// A key from 16 bytes (random bytes from the host when hashing is randomised).
    pub fn from_bytes(key: [u8; 16]) -> HashSecret {
        let mut k0 = [0u8; 8];
        let mut k1 = [0u8; 8];
        k0.copy_from_slice(&key[..8]);
        k1.copy_from_slice(&key[8..]);
        // CPython reads the two halves as native integers; its hashes are those of a
        // little-endian machine, which is what `sys.hash_info` users see on x86 and ARM.
        HashSecret {
            k0: u64::from_le_bytes(k0),
            k1: u64::from_le_bytes(k1),
        }
    }

    /// `hash(bytes)` (and of `memoryview`s of bytes).
    pub fn hash_bytes(&self, data: &[u8]) -> i64 {
        if data.is_empty() {
            return 0;
        }
        let mut h = SipHasher13::new(self);
        h.write(data);
        fix_minus_one(h.finish(data.len()) as i64)
    }

    /// `hash(str)` of a string held as UTF-8.
    pub fn hash_str_utf8(&self, s: &str) -> i64 {
        if s.is_empty() {
            return 0;
        }
        let width = s.chars().map(char_width).max().unwrap_or(1);
        if width == 1 && s.is_ascii() {
            return self.hash_bytes(s.as_bytes());
        }
        self.hash_units(s.chars().map(u32::from), width, s.chars().count())
    }

    /// `hash(str)` of a string given as code points (lone surrogates allowed).
    pub fn hash_code_points(&self, s: &[u32]) -> i64 {
        if s.is_empty() {
            return 0;
        }
        let max = s.iter().copied().max().unwrap_or(0);
        self.hash_units(s.iter().copied(), cp_width(max), s.len())
    }

    /// SipHash over the PEP 393 buffer of `len` code points stored `width` bytes each.
    fn hash_units(&self, cps: impl Iterator<Item = u32>, width: usize, len: usize) -> i64 {
        let mut h = SipHasher13::new(self);
        for cp in cps {
            let bytes = cp.to_le_bytes();
            h.write(&bytes[..width]);
        }
        fix_minus_one(h.finish(len * width) as i64)
    }
}

fn cp_width(cp: u32) -> usize {
    match cp {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 4,
    }
}

fn char_width(c: char) -> usize {
    cp_width(u32::from(c))
}

/// Incremental SipHash-1-3 (one compression round per word, three finalisation rounds).
struct SipHasher13 {
    v: [u64; 4],
    tail: u64,
    ntail: usize,
}

impl SipHasher13 {
    fn new(key: &HashSecret) -> SipHasher13 {
        SipHasher13 {
            v: [
                key.k0 ^ 0x736f_6d65_7073_6575,
                key.k1 ^ 0x646f_7261_6e64_6f6d,
                key.k0 ^ 0x6c79_6765_6e65_7261,
                key.k1 ^ 0x7465_6462_7974_6573,
            ],
            tail: 0,
            ntail: 0,
        }
    }

    fn round(&mut self) {
        let v = &mut self.v;
        v[0] = v[0].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(13) ^ v[0];
        v[0] = v[0].rotate_left(32);
        v[2] = v[2].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(16) ^ v[2];
        v[0] = v[0].wrapping_add(v[3]);
        v[3] = v[3].rotate_left(21) ^ v[0];
        v[2] = v[2].wrapping_add(v[1]);
        v[1] = v[1].rotate_left(17) ^ v[2];
        v[2] = v[2].rotate_left(32);
    }

    fn compress(&mut self, m: u64) {
        self.v[3] ^= m;
        self.round();
        self.v[0] ^= m;
    }

    fn write(&mut self, data: &[u8]) {
        let mut data = data;
        // Top up a partial word first.
        while self.ntail != 0 && !data.is_empty() {
            self.tail |= u64::from(data[0]) << (8 * self.ntail);
            self.ntail += 1;
            data = &data[1..];
            if self.ntail == 8 {
                let m = self.tail;
                self.compress(m);
                self.tail = 0;
                self.ntail = 0;
            }
        }
        if data.is_empty() {
            return;
        }
        // Here `ntail == 0`: whole words go straight in.
        let mut words = data.chunks_exact(8);
        for w in &mut words {
            let mut b = [0u8; 8];
            b.copy_from_slice(w);
            self.compress(u64::from_le_bytes(b));
        }
        for (i, &b) in words.remainder().iter().enumerate() {
            self.tail |= u64::from(b) << (8 * i);
        }
        self.ntail = words.remainder().len();
    }

    fn finish(mut self, total_len: usize) -> u64 {
        let b = ((total_len as u64) << 56) | self.tail;
        self.compress(b);
        self.v[2] ^= 0xff;
        self.round();
        self.round();
        self.round();
        self.v[0] ^ self.v[1] ^ self.v[2] ^ self.v[3]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec::Vec;

    fn big(s: &str) -> BigInt {
        BigInt::parse_bytes(s.as_bytes(), 10).unwrap()
    }

    fn cps(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    /// Strings hashed under each seed, in the order of the CPython command below.
    const STRS: [&str; 6] = ["abc", "é", "€", "😀", "a", "abcdefgh"];

    /// Checks one seed against
    /// `PYTHONHASHSEED=<seed> python3 -c 'print(hash("abc"), hash("é"), hash("€"), hash("😀"),
    ///   hash(b"abc"), hash((1,2)), hash(1.5), hash(-1), hash(2**100), hash(1+2j), hash(""),
    ///   hash(b""), hash("a"), hash("abcdefgh"), hash("abcdefghi"), hash("aé€😀"),
    ///   hash("\ud800"), hash(b"\x00"*20))'` (CPython 3.11.7).
    fn check_seed(seed: u32, expected: [i64; 18]) {
        let k = HashSecret::from_seed(seed);
        let strs = [0, 1, 2, 3].map(|i| k.hash_str_utf8(STRS[i]));
        assert_eq!(
            strs,
            [expected[0], expected[1], expected[2], expected[3]],
            "seed {seed}"
        );
        for s in STRS {
            assert_eq!(k.hash_str_utf8(s), k.hash_code_points(&cps(s)), "{s}");
        }
        assert_eq!(k.hash_bytes(b"abc"), expected[4]);
        assert_eq!(
            hash_tuple([hash_i64(1), hash_i64(2)].into_iter()),
            expected[5]
        );
        assert_eq!(hash_float(1.5), Some(expected[6]));
        assert_eq!(hash_i64(-1), expected[7]);
        assert_eq!(hash_bigint(&(BigInt::from(1) << 100)), expected[8]);
        assert_eq!(hash_complex(1.0, 2.0), Some(expected[9]));
        assert_eq!(k.hash_str_utf8(""), expected[10]);
        assert_eq!(k.hash_code_points(&[]), expected[10]);
        assert_eq!(k.hash_bytes(b""), expected[11]);
        assert_eq!(k.hash_str_utf8("a"), expected[12]);
        assert_eq!(k.hash_str_utf8("abcdefgh"), expected[13]);
        assert_eq!(k.hash_str_utf8("abcdefghi"), expected[14]);
        assert_eq!(k.hash_str_utf8("aé€😀"), expected[15]);
        assert_eq!(k.hash_code_points(&cps("aé€😀")), expected[15]);
        assert_eq!(k.hash_code_points(&[0xd800]), expected[16]);
        assert_eq!(k.hash_bytes(&[0u8; 20]), expected[17]);
    }

    #[test]
    fn seed_0() {
        check_seed(
            0,
            [
                -4594863902769663758,
                6047309291227476195,
                -5529981157763016009,
                -3536540696076613844,
                -4594863902769663758,
                -3550055125485641917,
                1152921504606846977,
                -2,
                549755813888,
                2000007,
                0,
                0,
                4644417185603328019,
                4574395652268504554,
                -532774252720507163,
                -1599444950681572996,
                5926611903945376553,
                2656592473731891376,
            ],
        );
    }

    #[test]
    fn seed_123() {
        check_seed(
            123,
            [
                -6019719312852672851,
                2030960749240960898,
                1478577648940306351,
                -8059949960423113297,
                -6019719312852672851,
                -3550055125485641917,
                1152921504606846977,
                -2,
                549755813888,
                2000007,
                0,
                0,
                -4226623170815027173,
                -26574430599374517,
                3094133784285360804,
                5275365959035970109,
                -2167718191015674879,
                8583238529563058314,
            ],
        );
    }

    #[test]
    fn seed_1() {
        check_seed(
            1,
            [
                -4667308735975688587,
                8133168473585362875,
                4443362316794630049,
                7663130467274561019,
                -4667308735975688587,
                -3550055125485641917,
                1152921504606846977,
                -2,
                549755813888,
                2000007,
                0,
                0,
                -3012895188637184397,
                -202642195356325900,
                7871229953815684364,
                6756539686412374709,
                3047174455005046515,
                -7130716660215322415,
            ],
        );
    }

    /// `python3 -c 'print(hash(()), hash((-1,)), hash(((),)), hash(1e300), hash(-1e-300),
    ///   hash(float("inf")), hash(-float("inf")), hash(0.1), hash(-0.0), hash(2**61-1),
    ///   hash(2**61), hash(-2**61), hash(-(2**61-1)), hash(-2**63), hash(2**63-1), hash(5e-324),
    ///   hash(complex(-1,0)), hash(complex(0,-1)), hash(complex(float("inf"),1)))'`
    #[test]
    fn numbers() {
        assert_eq!(hash_tuple(core::iter::empty()), 5740354900026072187);
        assert_eq!(hash_tuple([hash_i64(-1)].into_iter()), 8078679518589016365);
        let empty = hash_tuple(core::iter::empty());
        assert_eq!(hash_tuple([empty].into_iter()), -5486347211504344842);
        assert_eq!(hash_float(1e300), Some(1224995262755759164));
        assert_eq!(hash_float(-1e-300), Some(-482449582752280463));
        assert_eq!(hash_float(f64::INFINITY), Some(314159));
        assert_eq!(hash_float(f64::NEG_INFINITY), Some(-314159));
        assert_eq!(hash_float(0.1), Some(230584300921369408));
        assert_eq!(hash_float(-0.0), Some(0));
        assert_eq!(hash_float(f64::NAN), None);
        assert_eq!(hash_bigint(&big("2305843009213693951")), 0);
        assert_eq!(hash_bigint(&big("2305843009213693952")), 1);
        assert_eq!(hash_bigint(&big("-2305843009213693952")), -2);
        assert_eq!(hash_bigint(&big("-2305843009213693951")), 0);
        assert_eq!(hash_i64(i64::MIN), -4);
        assert_eq!(hash_bigint(&BigInt::from(i64::MIN)), -4);
        assert_eq!(hash_i64(i64::MAX), 3);
        assert_eq!(hash_float(5e-324), Some(16777216));
        assert_eq!(hash_complex(-1.0, 0.0), Some(-2));
        assert_eq!(hash_complex(0.0, -1.0), Some(-2000006));
        assert_eq!(hash_complex(f64::INFINITY, 1.0), Some(1314162));
        assert_eq!(hash_complex(f64::NAN, 1.0), None);
    }

    #[test]
    fn ints_agree_with_floats() {
        for v in [
            0i64,
            1,
            -1,
            -2,
            12345,
            -(1 << 52),
            1 << 62,
            i64::MIN,
            i64::MAX - 1023,
        ] {
            let f = v as f64;
            if f as i64 == v {
                assert_eq!(hash_float(f), Some(hash_i64(v)), "{v}");
            }
            assert_eq!(hash_bigint(&BigInt::from(v)), hash_i64(v), "{v}");
        }
        let huge = BigInt::from(1) << 1000;
        assert_eq!(hash_float(2f64.powi(1000)), Some(hash_bigint(&huge)));
    }

    /// Random strings of every PEP 393 width, from `PYTHONHASHSEED=0 python3 -c` with
    /// `random.seed(5)` over the alphabet `a Z 0 é ÿ Ā € U+FFFF 😀 U+10FFFF`, printing `hash(s)`.
    const STR_TABLE: &[(&str, i64)] = &[
        ("", 0),
        ("\u{100}", 75343234424780393),
        ("\u{20ac}Z", 4953070398499590517),
        ("aa\u{e9}", -1353047623685157747),
        ("\u{e9}0a\u{e9}", 5612613162852026957),
        ("Z0a0a", 6503168148431151388),
        ("aZ0ZZ\u{e9}", 484350410129015910),
        ("a\u{e9}Za00a", -2451870785198615155),
        ("0\u{e9}Z\u{ffff}aa\u{20ac}a", -1923164621002226259),
        (
            "\u{100}\u{10ffff}Z0\u{ff}a\u{e9}\u{ff}\u{ff}",
            2776102375925314710,
        ),
        ("\u{20ac}Z\u{20ac}aZ0Z0Z0", -3910750070245391901),
        ("a00aa\u{ff}\u{20ac}\u{e9}00Z", 7495480445104237887),
        (
            "\u{20ac}Z\u{e9}a\u{100}a\u{ff}\u{e9}\u{ff}\u{ffff}\u{e9}0",
            -3053232857413416765,
        ),
        (
            "\u{20ac}a\u{1f600}\u{e9}ZZ\u{ff}a\u{100}Z\u{ff}\u{20ac}\u{ff}",
            -341336030543116197,
        ),
        (
            "0\u{ff}Z0\u{e9}\u{20ac}0\u{100}\u{100}\u{100}\u{e9}0\u{ff}Z",
            7993987691555126408,
        ),
        (
            "\u{20ac}\u{ff}00\u{ff}\u{100}a\u{ff}\u{10ffff}Za\u{e9}aaZ",
            4491650390109844413,
        ),
        (
            "\u{e9}Z\u{100}\u{10ffff}0Za\u{e9}\u{20ac}Zaa\u{ff}\u{ff}0\u{e9}",
            2520742839253282697,
        ),
        (
            "\u{10ffff}\u{e9}Z\u{10ffff}\u{e9}\u{ff}ZZZ0\u{20ac}\u{e9}\u{ff}\u{20ac}0\u{100}\u{e9}",
            -8584853767608073396,
        ),
        (
            "\u{e9}Z\u{e9}Za0\u{e9}a\u{e9}ZZa\u{e9}\u{20ac}0\u{e9}\u{1f600}a",
            3846265992110992956,
        ),
        (
            "0\u{ff}\u{ff}\u{100}Z0aZZa\u{20ac}\u{20ac}\u{20ac}0Z\u{20ac}0\u{10ffff}\u{100}",
            -3647458655160604722,
        ),
        (
            "\u{ff}Z\u{1f600}\u{100}\u{e9}a0aZZ\u{ffff}aa000\u{ff}\u{e9}aa",
            -7052904038672424660,
        ),
        (
            "0Za0\u{10ffff}aZ\u{100}\u{ffff}\u{100}a0\u{ff}\u{ff}000\u{ff}Z\u{e9}0",
            7435324645407214213,
        ),
        (
            "aaa0\u{e9}\u{ffff}\u{100}00a\u{e9}a0\u{e9}\u{ff}\u{100}0\u{ff}\u{20ac}\u{20ac}0\u{20ac}",
            2106466823538645279,
        ),
        (
            "\u{100}0ZZaaZZ\u{100}Z\u{ff}\u{100}\u{ffff}aZZ\u{ffff}\u{ff}a\u{20ac}0aa",
            3081599901981894421,
        ),
        (
            "\u{20ac}000\u{ffff}a0\u{e9}aaa\u{100}Z\u{100}a0Za\u{ff}ZZ0aa",
            -2041619861371812811,
        ),
        (
            "aZaa\u{20ac}a\u{20ac}\u{ffff}\u{100}aZ\u{e9}a\u{20ac}a\u{ff}0\u{ff}Z\u{e9}\u{10ffff}\u{1f600}a\u{100}\u{e9}",
            -8776462709196938454,
        ),
        (
            "a\u{e9}Z\u{100}ZZa\u{10ffff}0Za0aZ\u{e9}Z\u{ff}Za0\u{ff}Z0ZZ\u{e9}",
            -6149671720455475715,
        ),
        (
            "0aaa0\u{ff}a0Z0aa\u{ff}Z\u{20ac}Z0\u{e9}\u{10ffff}0a\u{ff}\u{ffff}a\u{e9}aa",
            5696523840482648250,
        ),
        (
            "\u{e9}\u{e9}\u{e9}00\u{20ac}0\u{20ac}a\u{20ac}ZZ\u{20ac}a\u{e9}0Z\u{e9}\u{1f600}aa0\u{e9}Z0\u{ff}\u{1f600}\u{1f600}",
            -5617211340153062538,
        ),
        (
            "\u{ffff}0\u{e9}\u{ff}00aa\u{ff}\u{ff}Zaa0\u{e9}a0\u{20ac}0\u{20ac}\u{ff}\u{ff}\u{e9}aZa0\u{20ac}a",
            7838211216137775667,
        ),
        (
            "00a\u{20ac}\u{e9}\u{1f600}0\u{ff}0Zaa\u{ff}\u{e9}00\u{100}a0Z\u{e9}\u{e9}ZaaZ00\u{100}\u{ff}",
            678923123138168024,
        ),
        (
            "ZaZ0\u{e9}a\u{1f600}\u{20ac}aZZ\u{100}ZaZ\u{20ac}00\u{e9}0Z\u{100}0a\u{e9}0aa\u{20ac}\u{ff}\u{e9}",
            -8283206628697351238,
        ),
        (
            "ZZa0a\u{ff}\u{20ac}aZa\u{1f600}Z\u{1f600}a\u{e9}\u{10ffff}aZ\u{20ac}a00\u{e9}Z\u{e9}\u{e9}Z\u{100}aaZ0",
            1816467231564376783,
        ),
        (
            "a0a\u{100}0\u{e9}Za\u{e9}Z0\u{20ac}Z\u{ff}Za\u{100}0\u{1f600}\u{e9}0000\u{e9}aa\u{e9}00a\u{100}0",
            -4043776397002720723,
        ),
        (
            "\u{e9}ZZ\u{100}\u{20ac}\u{20ac}\u{ff}0a\u{ff}Z\u{20ac}\u{20ac}0\u{100}Z0\u{ff}a0aZ0\u{20ac}\u{e9}a00\u{e9}Z\u{ff}0\u{ff}0",
            -5933635551930252906,
        ),
        (
            "\u{ff}aaa0Z\u{1f600}\u{10ffff}\u{ff}00a0\u{ff}0a\u{ff}\u{e9}0Z\u{ffff}00\u{ff}\u{e9}aa\u{ffff}0Z0\u{10ffff}a\u{e9}\u{ff}",
            2122646564671184000,
        ),
        (
            "\u{1f600}\u{ff}Z\u{1f600}\u{20ac}0a\u{e9}\u{20ac}\u{e9}aZa\u{20ac}a0\u{100}a\u{100}ZZ\u{e9}ZZaaZ\u{20ac}aa\u{100}00ZZZ",
            4333847512843915085,
        ),
        (
            "0a\u{20ac}Z\u{ff}\u{20ac}a\u{e9}Z\u{20ac}aa\u{ff}\u{1f600}00\u{ffff}\u{10ffff}a\u{e9}ZZZ0\u{ff}0Z\u{ff}\u{100}\u{100}0aZ\u{ffff}\u{ff}aZ",
            9167352939016747994,
        ),
        (
            "\u{ff}\u{100}0aZ0\u{ff}\u{10ffff}\u{100}\u{100}aa\u{ffff}a\u{ff}Z0Z\u{ff}\u{e9}Z\u{e9}aZ0\u{e9}ZZa\u{ff}aaaZa\u{ffff}\u{ffff}\u{ff}",
            9062292755789257365,
        ),
        (
            "a\u{10ffff}a\u{1f600}aZ0aZaZZ\u{e9}0ZZ\u{e9}0a\u{e9}0a\u{20ac}\u{e9}0\u{100}a00\u{100}0a\u{e9}00\u{100}Z0a",
            -1886578508473814465,
        ),
    ];

    /// `random.seed(7)`; ints below 10^6, 2^64 and 2^200 in size, printing `hash(n)`.
    const INT_TABLE: &[(&str, i64)] = &[
        ("-320874", -320874),
        ("-8472849883061164380", -1555320855420082527),
        (
            "-1200733541470002972500647676561883863467280763935670815173305",
            -1523615271423004396,
        ),
        ("-10667782417006415998", -1444410380151640194),
        ("12825935695043510850", 1296720648975041095),
        (
            "625630272955441750751608200466706215036416387544492365153136",
            732357095583795057,
        ),
        (
            "243352142558153806250984170187670576422788527164123521562936",
            104081740038444502,
        ),
        ("15113045542098016126", 1277987486815852420),
        ("-416109", -416109),
        (
            "1086853025758672327609174032821969129013423828702747773946975",
            204349948127273765,
        ),
        ("-173471", -173471),
        ("-769464", -769464),
        ("-15788245517110310498", -1953187461828146792),
        (
            "-663102026938155032998691729106411483457783113938038523586061",
            -488097093995513981,
        ),
        ("618871", 618871),
        ("452323", 452323),
        ("-291714", -291714),
        ("679448", 679448),
        (
            "-59625172975821323854276217332098293471314567283089218281732",
            -1298740046752384869,
        ),
        ("-8636305025461013635", -1718775997819931782),
        ("70694", 70694),
        ("-703130", -703130),
        ("8176489675875741877", 1258960648234660024),
        (
            "-725334621090370804388528268961840924839642574314756553028637",
            -1747464997516513363,
        ),
        ("-337343", -337343),
        (
            "-1014891063712348228390340334324073750460715434802496894135449",
            -1554874267069587190,
        ),
        ("161927", 161927),
        (
            "182597513698151749196361285359891020138771430734588891679528",
            452235271742491695,
        ),
        ("212992180391411811", 212992180391411811),
        (
            "76338653227774358082527285591375914360924860607396470600399",
            1324291942011481074,
        ),
        (
            "1267564297014430060411988215050009074980814368295267971733364",
            1008731952674566970,
        ),
        ("-583455", -583455),
        ("17910496931279845811", 1769595866783988154),
        (
            "120253783255863983670280345742754387698050512962348618339996",
            936913112010340380,
        ),
        (
            "546114560664235028932727255676464571915151895028624934582199",
            1948525594462019280,
        ),
        ("54372", 54372),
        ("-15776536978601146444", -1941478923318982738),
        ("870538", 870538),
        (
            "-33390012137703989580546287086402656748463238566472516112300",
            -920750801620380058,
        ),
        ("-8743938359622641184", -1826409331981559331),
    ];

    /// `random.seed(9)`; floats uniform, from random bits, and of random magnitude, printing
    /// `repr(f), hash(f)`.
    const FLOAT_TABLE: &[(f64, i64)] = &[
        (2.79236771758227e+21, 2297676433700422842),
        (8.081464718300102e+245, 43223275277170364),
        (1.6941420513004346e+141, 2145970110559958577),
        (5.133402430227041e-187, 5029587898465419),
        (6.332757155753265e+70, 5165396070398301),
        (2.04960120277375e-92, 774845440334221313),
        (1.6590369702343346e-200, 1264917463761617058),
        (2.0518892357276713e-255, 1091787816689795318),
        (-890421.2877778306, -663570498928350773),
        (-150549.29649481783, -683670502954388501),
        (6.296448360162566e-65, 1358381746711187024),
        (5.397694402758588e-304, 562632195355787114),
        (-830326.8764469305, -2020949027545983862),
        (-203730.3568100261, -822747904308616146),
        (-7.645451278465291e-38, -937329599372437376),
        (1.4930447746179799e-47, 1736792346989236836),
        (989767.8133142244, 1875374918536731207),
        (7.35995712622604e+213, 606579325998689370),
        (8.673709284305435e-209, 1035266923915880180),
        (1.9877217699640726e+267, 694777016092906485),
        (-963266.7693653072, -1774035615085408962),
        (3.4683094218633367e+24, 1023827660244448139),
        (-4.4584782023074926e-287, -1496748059180301857),
        (4.973306011116404e-67, 1855689746086790961),
        (2.3095332157444204e+89, 8169684227996925),
        (-254061.11842630524, -273072468049256557),
        (206679294019.7603, 1753167099121614915),
        (893038.4094151035, 944046954261618798),
        (-878178.5748833742, -1325590809404073570),
        (3.1277061295580844e+43, 964129297924735681),
        (-725400.7911418134, -1824248819698307480),
        (5.6192548397310255e+71, 45834185890648992),
        (7.154664864700678e+290, 2583112154991073),
        (-11128.37569607899, -866296177329449848),
        (-653342.6225422141, -1435484612356339742),
        (1.5324601178737304e+255, 29417287119326164),
        (5.929316352787407e-53, 2149206361243124438),
        (3.429873987664226e-273, 2984832543490998),
        (5.371239754677976e-254, 2185145885164312883),
        (6.431939992999436e-93, 966763837657933184),
    ];

    #[test]
    fn tables() {
        let k = HashSecret::from_seed(0);
        for &(s, h) in STR_TABLE {
            assert_eq!(k.hash_str_utf8(s), h, "{s:?}");
            assert_eq!(k.hash_code_points(&cps(s)), h, "{s:?}");
        }
        for &(n, h) in INT_TABLE {
            let v = big(n);
            assert_eq!(hash_bigint(&v), h, "{n}");
            if let Ok(small) = i64::try_from(&v) {
                assert_eq!(hash_i64(small), h, "{n}");
            }
        }
        for &(f, h) in FLOAT_TABLE {
            assert_eq!(hash_float(f), Some(h), "{f}");
        }
    }
}

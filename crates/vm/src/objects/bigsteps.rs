//! Big-int work that can take seconds (huge products, powers, decimal conversions), done in
//! steps that each count against the interpreter's limits with [`Vm::tick`] (issue 6): a time
//! or instruction limit stops `x * x` on a ten-million-digit int, or `int('9' * 10**6)` with
//! the digit limit off, within a step of tripping. Operands below the step size take
//! `num-bigint`'s own (faster, uninterruptible) paths.

use num_bigint::{BigInt, BigUint, Sign};
use std::fmt::Write;

use num_traits::Zero;

use crate::{PyResult, Vm};

/// Operands are cut into blocks of this many 32-bit digits (about 315,000 decimal digits):
/// one block product takes a few milliseconds.
const BLOCK: usize = 1 << 15;

/// Count `units` of work (calibrated so that a unit takes about as long as a typical
/// bytecode instruction, some tens of nanoseconds).
fn charge(vm: &mut Vm, units: usize) -> PyResult<()> {
    vm.tick(units.clamp(1, 1 << 40) as i64)
}

/// The units of a product of `n`- and `m`-digit (32-bit) numbers: a 32,768-digit square
/// takes about 10 ms.
fn mul_units(n: u64, m: u64) -> usize {
    (n.saturating_mul(m) / 2048) as usize
}

/// `x * y`, in block products that tick when both are big.
pub fn mul(vm: &mut Vm, x: &BigInt, y: &BigInt) -> PyResult<BigInt> {
    let sign = x.sign() * y.sign();
    let m = mul_mag(vm, x.magnitude(), y.magnitude())?;
    Ok(BigInt::from_biguint(sign, m))
}

fn mul_mag(vm: &mut Vm, x: &BigUint, y: &BigUint) -> PyResult<BigUint> {
    let block_bits = BLOCK as u64 * 32;
    if x.bits() <= block_bits && y.bits() <= block_bits {
        charge(vm, mul_units(x.bits() / 32, y.bits() / 32))?;
        return Ok(x * y);
    }
    let (xd, yd) = (x.to_u32_digits(), y.to_u32_digits());
    // Schoolbook over blocks: each block product is added into `acc` at its offset.
    let mut acc = vec![0u32; xd.len() + yd.len() + 1];
    for (i, xb) in xd.chunks(BLOCK).enumerate() {
        let xb = BigUint::from_slice(xb);
        for (j, yb) in yd.chunks(BLOCK).enumerate() {
            charge(vm, mul_units(xb.bits() / 32, yb.len() as u64))?;
            let p = &xb * BigUint::from_slice(yb);
            add_at(&mut acc, &p.to_u32_digits(), (i + j) * BLOCK);
        }
    }
    Ok(BigUint::new(acc))
}

/// `acc += p << (32 * at)` (`acc` is long enough for the whole product).
fn add_at(acc: &mut [u32], p: &[u32], at: usize) {
    let mut carry = 0u64;
    let mut k = at;
    for &d in p {
        if let Some(a) = acc.get_mut(k) {
            let s = u64::from(*a) + u64::from(d) + carry;
            *a = s as u32;
            carry = s >> 32;
        }
        k += 1;
    }
    while carry != 0 {
        let Some(a) = acc.get_mut(k) else { break };
        let s = u64::from(*a) + carry;
        *a = s as u32;
        carry = s >> 32;
        k += 1;
    }
}

/// `base ** e`, squaring with [`mul`].
pub fn pow(vm: &mut Vm, base: &BigInt, mut e: u64) -> PyResult<BigInt> {
    let mut result = BigInt::from(1);
    let mut b = base.clone();
    while e > 0 {
        if e & 1 == 1 {
            result = mul(vm, &result, &b)?;
        }
        e >>= 1;
        if e > 0 {
            b = mul(vm, &b, &b)?;
        }
    }
    Ok(result)
}

/// `base ** e % m` for `0 <= base < m`, `e >= 0`, `m > 0`: `num-bigint`'s `modpow` when it
/// is short, else square-and-multiply one exponent bit at a time, ticking at each bit (a
/// modular square of a 20,000-digit number takes a few milliseconds).
pub fn modpow(vm: &mut Vm, base: &BigInt, e: &BigInt, m: &BigInt) -> PyResult<BigInt> {
    let mdigits = m.bits() / 32 + 1;
    // Each exponent bit costs a modular squaring (a product and a division) or so.
    let per_bit = mul_units(mdigits, mdigits).saturating_mul(PER_BIT).max(1);
    if (e.bits() as usize).saturating_mul(per_bit) < 1 << 20 {
        charge(vm, (e.bits() as usize).saturating_mul(per_bit))?;
        return Ok(base.modpow(e, m));
    }
    let mut r = BigInt::from(1) % m;
    for i in (0..e.bits()).rev() {
        charge(vm, per_bit)?;
        r = (&r * &r) % m;
        if e.bit(i) {
            r = (r * base) % m;
        }
    }
    Ok(r)
}

/// Units per exponent bit of [`modpow`], per unit of [`mul_units`] of the modulus.
const PER_BIT: usize = 28;

/// The units of a schoolbook division with an `n`-digit quotient and an `m`-digit divisor
/// (32-bit digits): `n·m` digit products of about a nanosecond each.
fn div_units(n: u64, m: u64) -> usize {
    (n.saturating_mul(m) / 16) as usize
}

/// Python's `divmod(a, b)` (`b != 0`): floor quotient, remainder with `b`'s sign. Long
/// divisions run in steps of a few quotient digits each, ticking between them.
pub fn div_mod_floor(vm: &mut Vm, a: &BigInt, b: &BigInt) -> PyResult<(BigInt, BigInt)> {
    let (n, m) = (a.bits() / 32 + 1, b.bits() / 32 + 1);
    let units = div_units(n.saturating_sub(m) + 1, m);
    if let Some((qm, rm)) = short_div_rem_mag(a.magnitude(), b.magnitude()) {
        charge(vm, units)?;
        return Ok(floor_signs(a, b, BigUint::from(qm), rm));
    }
    if units < 1 << 20 {
        charge(vm, units)?;
        return Ok(num_integer::Integer::div_mod_floor(a, b));
    }
    let (qm, rm) = div_rem_mag(vm, a.magnitude(), b.magnitude())?;
    Ok(floor_signs(a, b, qm, rm))
}

/// Floor quotient and remainder of `a / b` from the truncated quotient and remainder of
/// their magnitudes.
fn floor_signs(a: &BigInt, b: &BigInt, qm: BigUint, rm: BigUint) -> (BigInt, BigInt) {
    let (qs, bs) = (a.sign() * b.sign(), b.sign());
    if qs == Sign::Minus && !rm.is_zero() {
        (
            -BigInt::from_biguint(Sign::Plus, qm + 1u32),
            BigInt::from_biguint(bs, b.magnitude() - rm),
        )
    } else {
        (BigInt::from_biguint(qs, qm), BigInt::from_biguint(bs, rm))
    }
}

/// `divmod` of magnitudes when `b` is big (over 128 bits) and the quotient short (under 62
/// bits): one estimate from the top 126 bits of `a`, off by at most one, then one product
/// and one subtraction. `num-bigint` would run Burnikel-Ziegler's recursion for it when
/// both operands are long, though the quotient is a single digit (`(q*k + r) // t` of
/// pi spigots and other series).
fn short_div_rem_mag(a: &BigUint, b: &BigUint) -> Option<(u64, BigUint)> {
    use num_traits::ToPrimitive;
    let (abits, bbits) = (a.bits(), b.bits());
    if bbits <= 128 || abits >= bbits + 62 {
        return None;
    }
    if a < b {
        return Some((0, a.clone()));
    }
    // a < 2^126 · 2^s and b ≥ 2^63 · 2^s: at/bt is within one of a/b.
    let s = abits.saturating_sub(126);
    let at = (a >> s).to_u128()?;
    let bt = (b >> s).to_u128()?;
    let mut q = u64::try_from(at / bt).ok()?;
    let mut p = b * q;
    while &p > a {
        q = q.checked_sub(1)?;
        p -= b;
    }
    let mut r = a - p;
    while &r >= b {
        r -= b;
        q = q.checked_add(1)?;
    }
    Some((q, r))
}

/// `divmod` of magnitudes, a few quotient digits at a time from the top.
fn div_rem_mag(vm: &mut Vm, a: &BigUint, b: &BigUint) -> PyResult<(BigUint, BigUint)> {
    let m = b.to_u32_digits().len().max(1);
    // Quotient digits per step: a step divides (k + m) digits by m, k·m digit products
    // (about 10 ms).
    let k = ((1usize << 23) / m).clamp(1, BLOCK);
    let ad = a.to_u32_digits();
    let mut q = vec![0u32; ad.len()];
    let mut rem = BigUint::default();
    let mut end = ad.len();
    while end > 0 {
        let start = end.saturating_sub(k);
        charge(vm, div_units((end - start) as u64, m as u64))?;
        let cur = (rem << (32 * (end - start))) + BigUint::from_slice(&ad[start..end]);
        let (qi, ri) = num_integer::Integer::div_rem(&cur, b);
        for (j, d) in qi.to_u32_digits().into_iter().enumerate() {
            if let Some(slot) = q.get_mut(start + j) {
                *slot = d;
            }
        }
        rem = ri;
        end = start;
    }
    Ok((BigUint::new(q), rem))
}

/// Decimal digits per 64-bit chunk.
const CHUNK_DIGITS: usize = 19;
const CHUNK: u64 = 10_000_000_000_000_000_000;

/// The value of the decimal digits `digits` (ASCII `0`-`9`, already checked), ticking as the
/// quadratic conversion goes.
pub fn parse_decimal(vm: &mut Vm, digits: &[u8]) -> PyResult<BigUint> {
    if digits.len() <= 4 * BLOCK {
        return Ok(BigUint::parse_bytes(digits, 10).unwrap_or_default());
    }
    let mut limbs: Vec<u64> = Vec::with_capacity(digits.len() / CHUNK_DIGITS + 1);
    let head = digits.len() % CHUNK_DIGITS;
    let mut chunks = Vec::with_capacity(digits.len() / CHUNK_DIGITS + 1);
    if head > 0 {
        chunks.push(&digits[..head]);
    }
    chunks.extend(digits[head..].chunks(CHUNK_DIGITS));
    for (n, c) in chunks.into_iter().enumerate() {
        let v = c
            .iter()
            .fold(0u64, |a, &d| a * 10 + u64::from(d.wrapping_sub(b'0')));
        // limbs = limbs * 10**19 + v
        let mut carry = u128::from(v);
        for l in limbs.iter_mut() {
            let t = u128::from(*l) * u128::from(CHUNK) + carry;
            *l = t as u64;
            carry = t >> 64;
        }
        if carry != 0 {
            limbs.push(carry as u64);
        }
        if n % 64 == 63 {
            charge(vm, limbs.len() * 2)?;
        }
    }
    let mut d32 = Vec::with_capacity(limbs.len() * 2);
    for l in limbs {
        d32.push(l as u32);
        d32.push((l >> 32) as u32);
    }
    Ok(BigUint::new(d32))
}

/// `str(x)` in decimal, ticking as the quadratic conversion goes.
pub fn to_decimal(vm: &mut Vm, x: &BigInt) -> PyResult<String> {
    let mag = x.magnitude();
    if mag.bits() <= 4 * BLOCK as u64 * 3 {
        return Ok(x.to_string());
    }
    // Repeated division by 10**9 on 32-bit digits (a 64-by-32-bit division by a constant
    // is a multiplication); chunks of 9 digits, least significant first.
    const BASE: u64 = 1_000_000_000;
    let mut limbs = mag.to_u32_digits();
    let mut chunks: Vec<u32> = Vec::with_capacity(limbs.len() * 32 / 29 + 1);
    let mut n = 0usize;
    while !limbs.is_empty() {
        let mut rem = 0u64;
        for l in limbs.iter_mut().rev() {
            let cur = (rem << 32) | u64::from(*l);
            *l = (cur / BASE) as u32;
            rem = cur % BASE;
        }
        chunks.push(rem as u32);
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        n += 1;
        if n.is_multiple_of(8) {
            charge(vm, limbs.len() * 8)?;
        }
    }
    let mut s = String::with_capacity(chunks.len() * 9 + 1);
    if x.sign() == Sign::Minus {
        s.push('-');
    }
    let mut it = chunks.iter().rev();
    if let Some(first) = it.next() {
        let _ = write!(s, "{first}");
    }
    for c in it {
        let _ = write!(s, "{c:09}");
    }
    Ok(s)
}

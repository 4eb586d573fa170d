//! Decimal text ↔ `f64`/`f32`, byte for byte what `str::parse::<f64>`, `{}` and `{:.N}` give,
//! in a few small big-integer routines (issue #12, bundle).
//!
//! Why: std's float printing and parsing (`core::fmt::float`, `core::num::flt2dec` with Grisu
//! and Dragon, `core::num::dec2flt` with the Eisel-Lemire power-of-five table) and their tables
//! are large; the page prints a float in a handful of places (SVG coordinates, "1.2 MB", a YAML
//! float map key) and parses one only for a YAML float scalar, where speed does not matter.
//! Going through this module took 12.7 KB off the gzipped wasm (issue #12; std's shortest
//! printing still comes in with an `f64` `Debug` that something in the page keeps). Here:
//! - [`shortest`] is Steele & White's / Dragon4's shortest digits with the same bounds, the same
//!   inclusive rule (even mantissa) and the same tie rule (round up) as core's
//!   `flt2dec::strategy::dragon::format_shortest`, which Grisu's fast path agrees with;
//! - [`fixed`] rounds the exact binary value half to even, as core's `format_exact` does;
//! - [`parse`] rounds the exact decimal value half to even (IEEE 754 round-to-nearest).
//!
//! The tests compare all three with std on ~10⁵ values each (random bits, powers of 2 and 10
//! and their neighbours, exact ties, midpoints between doubles written out in full).

use std::cmp::Ordering;

/// A non-negative big integer, little-endian 32-bit limbs (no trailing zero limbs).
#[derive(Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
    fn bit_len(&self) -> usize {
        self.0.last().map_or(0, |&top| self.0.len() * 32 - top.leading_zeros() as usize)
    }
    fn mul_small(&mut self, m: u32) -> &mut Big {
        let mut carry = 0u64;
        for l in &mut self.0 {
            let v = *l as u64 * m as u64 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
        self
    }
    fn mul_pow2(&mut self, n: usize) -> &mut Big {
        if self.is_zero() {
            return self;
        }
        let (limbs, bits) = (n / 32, n % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for l in &mut self.0 {
                let v = *l;
                *l = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        self
    }
    fn mul_pow5(&mut self, mut n: usize) -> &mut Big {
        while n >= 13 {
            self.mul_small(1_220_703_125); // 5^13
            n -= 13;
        }
        self.mul_small(5u32.pow(n as u32))
    }
    fn mul_pow10(&mut self, n: usize) -> &mut Big {
        self.mul_pow5(n).mul_pow2(n)
    }
    fn add(&mut self, o: &Big) -> &mut Big {
        if self.0.len() < o.0.len() {
            self.0.resize(o.0.len(), 0);
        }
        let mut carry = 0u64;
        for (i, l) in self.0.iter_mut().enumerate() {
            let v = *l as u64 + *o.0.get(i).unwrap_or(&0) as u64 + carry;
            *l = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self
    }
    /// `self -= o`; `o` must not be larger.
    fn sub(&mut self, o: &Big) -> &mut Big {
        let mut borrow = 0i64;
        for (i, l) in self.0.iter_mut().enumerate() {
            let v = *l as i64 - *o.0.get(i).unwrap_or(&0) as i64 - borrow;
            *l = v as u32;
            borrow = (v < 0) as i64;
        }
        self.trim();
        self
    }
    fn cmp(&self, o: &Big) -> Ordering {
        self.0.len().cmp(&o.0.len()).then_with(|| self.0.iter().rev().cmp(o.0.iter().rev()))
    }
    fn plus(&self, o: &Big) -> Big {
        let mut s = self.clone();
        s.add(o);
        s
    }
    /// `self % 2^n == 0`, and `self` compared with `2^(n-1)` below that bit (for `n ≥ 1`).
    fn low_bits_vs_half(&self, n: usize) -> Ordering {
        let bit = |i: usize| self.0.get(i / 32).is_some_and(|l| l >> (i % 32) & 1 == 1);
        if !bit(n - 1) {
            return Ordering::Less;
        }
        if (0..n - 1).any(bit) { Ordering::Greater } else { Ordering::Equal }
    }
    fn shr(&mut self, n: usize) -> &mut Big {
        let (limbs, bits) = (n / 32, n % 32);
        self.0.drain(..limbs.min(self.0.len()));
        if bits > 0 {
            for i in 0..self.0.len() {
                let hi = self.0.get(i + 1).map_or(0, |&h| h << (32 - bits));
                self.0[i] = (self.0[i] >> bits) | hi;
            }
        }
        self.trim();
        self
    }
    /// Decimal digits (no leading zeros; "0" for zero).
    fn to_decimal(&self) -> Vec<u8> {
        let mut n = self.0.clone();
        let mut chunks = Vec::new();
        while !n.is_empty() {
            let mut rem = 0u64;
            for l in n.iter_mut().rev() {
                let v = (rem << 32) | *l as u64;
                *l = (v / 1_000_000_000) as u32;
                rem = v % 1_000_000_000;
            }
            while n.last() == Some(&0) {
                n.pop();
            }
            chunks.push(rem as u32);
        }
        let mut out = Vec::new();
        for (i, c) in chunks.iter().rev().enumerate() {
            let s = c.to_string();
            if i > 0 {
                out.resize(out.len() + 9 - s.len(), b'0');
            }
            out.extend_from_slice(s.as_bytes());
        }
        if out.is_empty() {
            out.push(b'0');
        }
        out
    }
}

/// A finite non-zero float as `mant × 2^exp`, with its neighbours' midpoints
/// `(mant - minus) × 2^exp` and `(mant + plus) × 2^exp` (core's `flt2dec::decoder::decode`).
struct Decoded {
    mant: u64,
    minus: u64,
    plus: u64,
    exp: i32,
    inclusive: bool,
}

/// `bits`: the float's bits without the sign; `mbits`: stored mantissa bits; `bias`: exponent
/// bias plus `mbits` (1075 for f64, 150 for f32). `None` for zero.
fn decode(bits: u64, mbits: u32, bias: i32) -> Option<Decoded> {
    let frac = bits & ((1 << mbits) - 1);
    let e = (bits >> mbits) as i32;
    if e == 0 {
        if frac == 0 {
            return None;
        }
        return Some(Decoded { mant: frac << 1, minus: 1, plus: 1, exp: 1 - bias - 1, inclusive: frac & 1 == 0 });
    }
    let mant = frac | (1 << mbits);
    let even = mant & 1 == 0;
    Some(if frac == 0 && e > 1 {
        Decoded { mant: mant << 2, minus: 1, plus: 2, exp: e - bias - 2, inclusive: even }
    } else {
        Decoded { mant: mant << 1, minus: 1, plus: 1, exp: e - bias - 1, inclusive: even }
    })
}

/// The shortest digits that read back as the same float, and `k` with value = 0.digits × 10^k.
fn shortest_digits(d: &Decoded) -> (Vec<u8>, i32) {
    let rounding = if d.inclusive { Ordering::Greater } else { Ordering::Equal };
    // 10^(k-1) < high ≤ 10^(k+1), under-estimated (core's estimate_scaling_factor)
    let high = d.mant + d.plus;
    let nbits = 64 - (high - 1).leading_zeros() as i64;
    let mut k = (((nbits + d.exp as i64) * 1_292_913_986) >> 32) as i32;
    let (mut mant, mut minus, mut plus, mut scale) = (Big::from_u64(d.mant), Big::from_u64(d.minus), Big::from_u64(d.plus), Big::from_u64(1));
    if d.exp < 0 {
        scale.mul_pow2(-d.exp as usize);
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_pow2(d.exp as usize);
        }
    }
    if k >= 0 {
        scale.mul_pow10(k as usize);
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_pow10(-k as usize);
        }
    }
    if scale.cmp(&mant.plus(&plus)) < rounding {
        k += 1;
    } else {
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_small(10);
        }
    }
    let mut digits = Vec::new();
    let (up, down) = loop {
        let mut digit = 0u8;
        while mant.cmp(&scale) != Ordering::Less {
            mant.sub(&scale);
            digit += 1;
        }
        digits.push(b'0' + digit);
        let down = mant.cmp(&minus) < rounding;
        let up = scale.cmp(&mant.plus(&plus)) < rounding;
        if down || up {
            break (up, down);
        }
        for b in [&mut mant, &mut minus, &mut plus] {
            b.mul_small(10);
        }
    };
    if up && (!down || mant.mul_pow2(1).cmp(&scale) != Ordering::Less) && round_up(&mut digits) {
        digits.push(b'0');
        k += 1;
    }
    (digits, k)
}

/// Add one to the last digit; true when all were 9 (they become 1 followed by zeros).
fn round_up(d: &mut [u8]) -> bool {
    match d.iter().rposition(|&c| c != b'9') {
        Some(i) => {
            d[i] += 1;
            d[i + 1..].fill(b'0');
            false
        }
        None => {
            d.fill(b'0');
            if let Some(first) = d.first_mut() {
                *first = b'1';
            }
            true
        }
    }
}

/// 0.digits × 10^k written out without an exponent (core's `flt2dec::digits_to_dec_str`, no
/// minimum of fraction digits).
fn push_plain(out: &mut String, digits: &[u8], k: i32) {
    let digits = std::str::from_utf8(digits).unwrap_or("");
    if k <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', -k as usize));
        out.push_str(digits);
    } else if (k as usize) < digits.len() {
        out.push_str(&digits[..k as usize]);
        out.push('.');
        out.push_str(&digits[k as usize..]);
    } else {
        out.push_str(digits);
        out.extend(std::iter::repeat_n('0', k as usize - digits.len()));
    }
}

fn show_bits(bits: u64, sign: bool, mbits: u32, ebits: u32, bias: i32) -> String {
    let all_ones = (1u64 << ebits) - 1;
    let frac = bits & ((1 << mbits) - 1);
    if bits >> mbits == all_ones && frac != 0 {
        return "NaN".into();
    }
    let mut out = String::from(if sign { "-" } else { "" });
    if bits >> mbits == all_ones {
        out.push_str("inf");
        return out;
    }
    match decode(bits, mbits, bias) {
        None => out.push('0'),
        Some(d) => {
            let (digits, k) = shortest_digits(&d);
            push_plain(&mut out, &digits, k);
        }
    }
    out
}

/// Below this magnitude an integer, or an integer and a half, is written without the big-integer
/// search (doubles there are at most 2^-12 apart: no shorter decimal reads back as one of them).
const FAST_BELOW: f64 = (1u64 << 40) as f64;

/// `shortest` of the values the page draws most (SVG coordinates: integers and halves), a few
/// times faster than the digit search (issue #12: a keystroke prints ~100 of them).
fn shortest_fast(v: f64) -> Option<String> {
    if v == 0.0 || !v.is_finite() || v.abs() >= FAST_BELOW {
        return None;
    }
    let twice = v * 2.0; // exact
    if twice != twice.trunc() {
        return None;
    }
    let t = (twice as i64).unsigned_abs();
    let mut out = String::from(if v < 0.0 { "-" } else { "" });
    out.push_str(&(t / 2).to_string());
    if t % 2 == 1 {
        out.push_str(".5");
    }
    Some(out)
}

/// `format!("{v}")`: the shortest decimal that reads back as `v`, never with an exponent.
pub fn shortest(v: f64) -> String {
    if let Some(s) = shortest_fast(v) {
        return s;
    }
    let b = v.to_bits();
    show_bits(b & !(1 << 63), b >> 63 == 1, 52, 11, 1075)
}

/// `format!("{v:?}")`: the shortest digits, with an exponent when `v` is below 1e-4 (not zero)
/// or at least 1e16 (`1e16`, `1.5e-7`, `inf`), else as `{}` with at least one fraction digit
/// (`1.0`, `-0.0`, `NaN`): core::fmt::float's `float_to_general_debug`.
pub fn debug(v: f64) -> String {
    let a = v.abs();
    if !((a != 0.0 && a < 1e-4) || a >= 1e16) {
        let mut s = shortest(v);
        if v.is_finite() && !s.contains('.') {
            s.push_str(".0");
        }
        return s;
    }
    let mut out = String::from(if v.is_sign_negative() { "-" } else { "" });
    if a.is_infinite() {
        out.push_str("inf");
        return out;
    }
    // the shortest digits are those `{}` prints, then zeros: d.ddd × 10^exp
    let plain = shortest(a);
    let point = plain.find('.').unwrap_or(plain.len()) as i64;
    let all: Vec<u8> = plain.bytes().filter(|b| *b != b'.').collect();
    let lead = all.iter().take_while(|b| **b == b'0').count();
    let mut digits = &all[lead..];
    while let [rest @ .., b'0'] = digits {
        digits = rest;
    }
    let exp = point - lead as i64 - 1;
    out.push(digits[0] as char);
    if digits.len() > 1 {
        out.push('.');
        out.push_str(std::str::from_utf8(&digits[1..]).unwrap_or(""));
    }
    out.push('e');
    out.push_str(&exp.to_string());
    out
}

/// `format!("{v}")` for an `f32`.
pub fn shortest_f32(v: f32) -> String {
    let b = v.to_bits() as u64;
    show_bits(b & !(1 << 31), b >> 31 == 1, 23, 8, 150)
}

/// `fixed` when `v × 10^prec` is an integer below 2^40 in floating point: the exact product is
/// then within 2^-14 of it, so rounding it to an integer gives that integer (no big integers).
fn fixed_fast(v: f64, prec: usize) -> Option<String> {
    const POW10: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];
    let m = v * *POW10.get(prec)?;
    if m == 0.0 || !m.is_finite() || m.abs() >= FAST_BELOW || m != m.trunc() {
        return None;
    }
    let digits = (m as i64).unsigned_abs().to_string();
    let digits = if digits.len() <= prec { format!("{}{digits}", "0".repeat(prec + 1 - digits.len())) } else { digits };
    let point = digits.len() - prec;
    let mut out = String::from(if v < 0.0 { "-" } else { "" });
    out.push_str(&digits[..point]);
    if prec > 0 {
        out.push('.');
        out.push_str(&digits[point..]);
    }
    Some(out)
}

/// `format!("{v:.prec$}")`: `v` rounded half to even at `prec` fraction digits.
pub fn fixed(v: f64, prec: usize) -> String {
    if let Some(s) = fixed_fast(v, prec) {
        return s;
    }
    let b = v.to_bits();
    let neg = b >> 63 == 1;
    if v.is_nan() {
        return "NaN".into();
    }
    let mut out = String::from(if neg { "-" } else { "" });
    if v.is_infinite() {
        out.push_str("inf");
        return out;
    }
    let frac = b & ((1 << 52) - 1);
    let e = ((b >> 52) & 0x7ff) as i32;
    let (mant, exp) = if e == 0 { (frac, -1074) } else { (frac | (1 << 52), e - 1075) };
    // mant × 2^exp × 10^prec, rounded half to even to an integer
    let mut n = Big::from_u64(mant);
    n.mul_pow10(prec);
    if exp >= 0 {
        n.mul_pow2(exp as usize);
    } else {
        let sh = -exp as usize;
        let half = n.low_bits_vs_half(sh);
        n.shr(sh);
        let odd = n.0.first().is_some_and(|l| l & 1 == 1);
        if half == Ordering::Greater || (half == Ordering::Equal && odd) {
            n.add(&Big::from_u64(1));
        }
    }
    let mut digits = n.to_decimal();
    if digits.len() <= prec {
        let mut padded = vec![b'0'; prec + 1 - digits.len()];
        padded.append(&mut digits);
        digits = padded;
    }
    let point = digits.len() - prec;
    out.push_str(std::str::from_utf8(&digits[..point]).unwrap_or(""));
    if prec > 0 {
        out.push('.');
        out.push_str(std::str::from_utf8(&digits[point..]).unwrap_or(""));
    }
    out
}

/// Whether `s.parse::<f64>()` is Ok, without parsing (and without std's parser, whose
/// Eisel-Lemire tables and big-decimal shifts are ~7 KB of wasm: issue #12, bundle). The grammar
/// of core's `dec2flt` (`impl FromStr for f64`): one optional sign, then `inf`, `infinity` or
/// `nan` in any case, or decimal text as [`parse`] reads it, `digits[.digits?]` or `.digits`
/// followed by an optional `e`/`E`, an optional sign and at least one digit.
pub fn is_f64_text(s: &str) -> bool {
    let t = s.strip_prefix(['+', '-']).unwrap_or(s);
    if ["inf", "infinity", "nan"].iter().any(|w| t.eq_ignore_ascii_case(w)) {
        return true;
    }
    let b = t.as_bytes();
    let (mut i, mut digits, mut point) = (0, 0, false);
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => digits += 1,
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if digits == 0 {
        return false;
    }
    if i == b.len() {
        return true;
    }
    if b[i] != b'e' && b[i] != b'E' {
        return false;
    }
    i += 1;
    if matches!(b.get(i), Some(b'+' | b'-')) {
        i += 1;
    }
    i < b.len() && b[i..].iter().all(u8::is_ascii_digit)
}

/// Significant digits kept when parsing: a midpoint between two doubles has at most 767, so
/// the digits past this many only matter as "some were not zero" (a 1 appended stands for them).
const MAX_DIGITS: usize = 800;

/// `s.parse::<f64>()` for decimal text `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`;
/// `None` for anything else (no "inf", "nan" or hex here: callers match those themselves).
pub fn parse(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = 0;
    let neg = matches!(b.first(), Some(b'-'));
    if matches!(b.first(), Some(b'-' | b'+')) {
        i = 1;
    }
    let mut digits: Vec<u8> = Vec::new();
    let mut dropped_nonzero = false;
    let mut exp10: i64 = 0;
    let mut seen = 0;
    let mut point = false;
    while i < b.len() {
        match b[i] {
            c @ b'0'..=b'9' => {
                seen += 1;
                if point {
                    exp10 -= 1;
                }
                if digits.is_empty() && c == b'0' {
                    // a leading zero
                } else if digits.len() < MAX_DIGITS {
                    digits.push(c - b'0');
                } else {
                    exp10 += 1;
                    dropped_nonzero |= c != b'0';
                }
            }
            b'.' if !point => point = true,
            _ => break,
        }
        i += 1;
    }
    if seen == 0 {
        return None;
    }
    if i < b.len() {
        if b[i] != b'e' && b[i] != b'E' {
            return None;
        }
        i += 1;
        let eneg = matches!(b.get(i), Some(b'-'));
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let mut e: i64 = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                return None;
            }
            e = (e * 10 + (b[i] - b'0') as i64).min(1 << 40);
            i += 1;
        }
        exp10 += if eneg { -e } else { e };
    }
    let signed = |v: f64| if neg { -v } else { v };
    if dropped_nonzero {
        digits.push(1);
        exp10 -= 1;
    }
    if digits.is_empty() {
        return Some(signed(0.0));
    }
    // value = digits × 10^exp10, with 10^(len-1) ≤ digits < 10^len
    let top = digits.len() as i64 + exp10;
    if top > 310 {
        return Some(signed(f64::INFINITY));
    }
    if top < -324 {
        return Some(signed(0.0));
    }
    let mut num = Big(Vec::new());
    for chunk in digits.chunks(9) {
        let mut v = 0u32;
        for &d in chunk {
            v = v * 10 + d as u32;
        }
        num.mul_small(10u32.pow(chunk.len() as u32));
        num.add(&Big::from_u64(v as u64));
    }
    let mut den = Big::from_u64(1);
    if exp10 >= 0 {
        num.mul_pow10(exp10 as usize);
    } else {
        den.mul_pow10(-exp10 as usize);
    }
    // t = floor(num / den / 2^lsb) with 54 bits (53 and a guard bit), lsb ≥ -1075
    let mut lsb = (num.bit_len() as i64 - den.bit_len() as i64 - 54).max(-1075);
    let (t, sticky) = loop {
        let (mut n, mut d) = (num.clone(), den.clone());
        if lsb >= 0 {
            d.mul_pow2(lsb as usize);
        } else {
            n.mul_pow2(-lsb as usize);
        }
        // long division, the quotient being below 2^56
        d.mul_pow2(56);
        let mut t = 0u64;
        for _ in 0..=56 {
            t <<= 1;
            if n.cmp(&d) != Ordering::Less {
                n.sub(&d);
                t |= 1;
            }
            d.shr(1);
        }
        if t >= 1 << 54 {
            lsb += 1;
        } else if t < 1 << 53 && lsb > -1075 {
            lsb -= 1;
        } else {
            break (t, !n.is_zero());
        }
    };
    let mut mant = t >> 1;
    let mut e = lsb + 1;
    if t & 1 == 1 && (sticky || mant & 1 == 1) {
        mant += 1;
        if mant == 1 << 53 {
            mant >>= 1;
            e += 1;
        }
    }
    let bits = if mant >= 1 << 52 {
        let biased = e + 1075;
        if biased >= 2047 {
            return Some(signed(f64::INFINITY));
        }
        ((biased as u64) << 52) | (mant & ((1 << 52) - 1))
    } else {
        mant
    };
    Some(signed(f64::from_bits(bits)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::testrng::Rng;

    fn specials() -> Vec<f64> {
        let mut v = vec![0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 0.5, 1.5, 2.5, 0.25, 0.125, 9.5, 99.5, 0.05, 0.95, 0.999, 9.96, 123.45, 1e21, 1e22, 1e23, 1e-7, 5e-324, f64::MIN_POSITIVE, f64::MAX, f64::MIN, f64::EPSILON, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 33.333333333333336, 2f64.powi(53), 2f64.powi(-1022) * 3.0, 0.9999999999999999, 1.0 / 3.0, 2.0 / 3.0];
        for e in -330..310 {
            let p = format!("1e{e}").parse::<f64>().unwrap();
            v.extend([p, p.next_up(), p.next_down(), p * 5.0, p * 9.5]);
        }
        for e in -1074..1024 {
            let p = 2f64.powi(e);
            v.extend([p, p.next_up(), p.next_down()]);
        }
        v
    }

    #[test]
    fn shortest_is_display() {
        for v in specials() {
            assert_eq!(shortest(v), format!("{v}"), "{:x}", v.to_bits());
        }
        let mut r = Rng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..60_000 {
            let v = f64::from_bits(r.next());
            assert_eq!(shortest(v), format!("{v}"), "{:x}", v.to_bits());
        }
        // values a page draws: coordinates with a few decimals, sums of them
        for i in 0..40_000u32 {
            let v = i as f64 / 64.0 + (r.next() % 1000) as f64 * 0.1 - 17.3 / (1 + i % 7) as f64;
            assert_eq!(shortest(v), format!("{v}"), "{:x}", v.to_bits());
        }
    }

    #[test]
    fn shortest_f32_is_display() {
        let mut r = Rng(7);
        for v in specials() {
            let f = v as f32;
            assert_eq!(shortest_f32(f), format!("{f}"), "{:x}", f.to_bits());
        }
        for _ in 0..60_000 {
            let f = f32::from_bits(r.next() as u32);
            assert_eq!(shortest_f32(f), format!("{f}"), "{:x}", f.to_bits());
        }
        for bits in (0..u32::MAX).step_by(65_521) {
            let f = f32::from_bits(bits);
            assert_eq!(shortest_f32(f), format!("{f}"), "{bits:x}");
        }
    }

    #[test]
    fn fast_paths_are_std() {
        // integers, halves and values with few decimals around the fast paths' limits, signed
        let mut r = Rng(5);
        let mut vals = vec![0.5, -0.5, 1.0, -1.0, 1.5, 0.05, 0.15, 0.25, 0.35, 2.675, 1.005, FAST_BELOW, FAST_BELOW - 0.5, FAST_BELOW - 1.0, FAST_BELOW + 1.0, 1e15, 1e15 + 0.5, 4503599627370495.5, 9007199254740993.0];
        for _ in 0..40_000 {
            let k = (r.next() % 2_000_000) as f64 - 1_000_000.0;
            let d = [1.0, 2.0, 4.0, 10.0, 100.0, 1000.0][(r.next() % 6) as usize];
            vals.push(k / d);
            vals.push((r.next() >> 20) as f64 * if r.next().is_multiple_of(2) { 1.0 } else { -0.5 });
        }
        for v in vals {
            assert_eq!(shortest(v), format!("{v}"), "{:x}", v.to_bits());
            for p in [0, 1, 2, 3, 15, 16] {
                assert_eq!(fixed(v, p), format!("{v:.p$}"), "{v} .{p}");
            }
        }
    }

    #[test]
    fn fixed_is_precision_format() {
        let mut r = Rng(11);
        for v in specials() {
            for p in [0, 1, 2, 3, 10, 17, 30] {
                assert_eq!(fixed(v, p), format!("{v:.p$}"), "{:x} .{p}", v.to_bits());
            }
        }
        for _ in 0..30_000 {
            let v = f64::from_bits(r.next());
            let p = (r.next() % 12) as usize;
            assert_eq!(fixed(v, p), format!("{v:.p$}"), "{:x} .{p}", v.to_bits());
        }
        for i in -4_000..4_000 {
            let v = i as f64 / 40.0 + (r.next() % 100) as f64 / 1000.0;
            for p in [0, 1, 2, 10] {
                assert_eq!(fixed(v, p), format!("{v:.p$}"), "{v} .{p}");
            }
            // exact ties: k / 2^n
            let t = i as f64 / 8.0;
            for p in [0, 1, 2] {
                assert_eq!(fixed(t, p), format!("{t:.p$}"), "{t} .{p}");
            }
        }
    }

    #[test]
    fn parse_is_std_parse() {
        let mut r = Rng(3);
        let check = |s: &str| assert_eq!(parse(s).map(f64::to_bits), s.parse::<f64>().ok().map(f64::to_bits), "{s}");
        for s in ["0", "-0", "+0", "1", "1.", ".5", "-.5", "0.1", "1e5", "1E+5", "1e-5", "6e068097", "-6e068097", "1e-400", "2.4703282292062327e-324", "2.4703282292062328e-324", "4.9e-324", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "9007199254740993", "0.000000000000000000000000000000001e33", "00012.50", "1_0", "", ".", "e5", "1e", "1e+", "+", "-", "1.2.3", "0x10", "1e99999999999999999999", "0e99999999999999999999", "1e-99999999999999999999"] {
            check(s);
        }
        for v in specials() {
            if v.is_finite() {
                check(&format!("{v}"));
                check(&format!("{v:e}"));
                check(&format!("{v:.20e}"));
                let h = (v / 2.0 + v.next_up() / 2.0).abs();
                if h.is_finite() {
                    check(&format!("{h:.40e}"));
                }
            }
        }
        for _ in 0..10_000 {
            let v = f64::from_bits(r.next());
            if v.is_finite() {
                check(&format!("{v:e}"));
                // every digit of a double (up to 767 significant ones)
                if r.next().is_multiple_of(4) {
                    check(&format!("{:.800e}", v.abs()));
                }
            }
            let n = r.next() % 40 + 1;
            let mut s: String = (0..n).map(|_| (b'0' + (r.next() % 10) as u8) as char).collect();
            if r.next().is_multiple_of(2) {
                s.insert((r.next() % n) as usize, '.');
            }
            if r.next().is_multiple_of(2) {
                s.push_str(&format!("e{}", (r.next() % 700) as i64 - 350));
            }
            check(&s);
        }
        // the midpoint between 0 and the least subnormal written out in full, then a nonzero digit
        // far past it, and one digit short of it
        let mid = "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125";
        check(mid);
        check(&format!("{mid}000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"));
        check(&mid[..mid.len() - 1]);
    }
}

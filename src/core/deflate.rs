//! Raw DEFLATE (RFC 1951) for share links, small enough for the page (issue #12, bundle size:
//! it replaces miniz_oxide, ~12 KB of wasm). `inflate` reads every valid stream (stored, fixed
//! and dynamic Huffman blocks), so links made by earlier versions (miniz_oxide level 9) still
//! open; `deflate` writes one block with LZ77 matches (hash chains, lazy matching)
//! and fixed or its own Huffman codes, which every inflater reads. Tests check both ways
//! against miniz_oxide (a dev-dependency, and the native fuzz properties' packer).

/// Why a stream could not be inflated.
#[derive(Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The output would pass the limit (a decompression bomb, or just too big).
    TooBig,
    /// Truncated or not DEFLATE.
    Damaged,
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    n: u32,
}

impl Bits<'_> {
    fn need(&mut self, n: u32) -> Result<u32, InflateError> {
        while self.n < n {
            let b = *self.data.get(self.pos).ok_or(InflateError::Damaged)?;
            self.pos += 1;
            self.buf |= (b as u32) << self.n;
            self.n += 8;
        }
        let v = self.buf & ((1u32 << n) - 1);
        self.buf >>= n;
        self.n -= n;
        Ok(v)
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbol: Vec<u16>,
}

impl Huffman {
    /// From code lengths (RFC 1951 §3.2.2); refuses over-subscribed sets. Incomplete sets are
    /// allowed (a single distance code is), a code not in the set fails when read.
    fn new(lengths: &[u8]) -> Result<Huffman, InflateError> {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[l as usize] += 1;
        }
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left = left * 2 - c as i32;
            if left < 0 {
                return Err(InflateError::Damaged);
            }
        }
        let mut offs = [0u16; 16];
        for l in 1..15 {
            offs[l + 1] = offs[l] + count[l];
        }
        let mut symbol = vec![0u16; lengths.len()];
        for (s, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbol[offs[l as usize] as usize] = s as u16;
                offs[l as usize] += 1;
            }
        }
        Ok(Huffman { count, symbol })
    }

    fn decode(&self, bits: &mut Bits) -> Result<usize, InflateError> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.need(1)? as i32;
            let count = self.count[len] as i32;
            if code - count < first {
                return Ok(self.symbol[(index + code - first) as usize] as usize);
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(InflateError::Damaged)
    }
}

const LEN_BASE: [u16; 29] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA: [u8; 29] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE: [u16; 30] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA: [u8; 30] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

fn fixed_lengths() -> Vec<u8> {
    let mut l = vec![8u8; 288];
    l[144..256].fill(9);
    l[256..280].fill(7);
    l
}

/// Inflates a raw DEFLATE stream; more than `limit` bytes of output is [`InflateError::TooBig`].
pub fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let mut bits = Bits { data, pos: 0, buf: 0, n: 0 };
    let mut out: Vec<u8> = Vec::new();
    loop {
        let last = bits.need(1)? == 1;
        match bits.need(2)? {
            0 => {
                bits.buf = 0;
                bits.n = 0;
                let len = bits.need(16)? as usize;
                if bits.need(16)? as usize != !len & 0xffff {
                    return Err(InflateError::Damaged);
                }
                let bytes = data.get(bits.pos..bits.pos + len).ok_or(InflateError::Damaged)?;
                if out.len() + len > limit {
                    return Err(InflateError::TooBig);
                }
                out.extend_from_slice(bytes);
                bits.pos += len;
            }
            t @ (1 | 2) => {
                let (lit, dist) = if t == 1 {
                    (Huffman::new(&fixed_lengths())?, Huffman::new(&[5; 30])?)
                } else {
                    dynamic(&mut bits)?
                };
                loop {
                    let sym = lit.decode(&mut bits)?;
                    if sym < 256 {
                        if out.len() >= limit {
                            return Err(InflateError::TooBig);
                        }
                        out.push(sym as u8);
                    } else if sym == 256 {
                        break;
                    } else {
                        let i = sym - 257;
                        if i >= 29 {
                            return Err(InflateError::Damaged);
                        }
                        let len = LEN_BASE[i] as usize + bits.need(LEN_EXTRA[i] as u32)? as usize;
                        let d = dist.decode(&mut bits)?;
                        if d >= 30 {
                            return Err(InflateError::Damaged);
                        }
                        let back = DIST_BASE[d] as usize + bits.need(DIST_EXTRA[d] as u32)? as usize;
                        if back > out.len() {
                            return Err(InflateError::Damaged);
                        }
                        if out.len() + len > limit {
                            return Err(InflateError::TooBig);
                        }
                        let from = out.len() - back;
                        for k in 0..len {
                            out.push(out[from + k]);
                        }
                    }
                }
            }
            _ => return Err(InflateError::Damaged),
        }
        if last {
            return Ok(out);
        }
    }
}

/// The code lengths of a dynamic block's two codes (RFC 1951 §3.2.7).
fn dynamic(bits: &mut Bits) -> Result<(Huffman, Huffman), InflateError> {
    const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    let nlen = bits.need(5)? as usize + 257;
    let ndist = bits.need(5)? as usize + 1;
    let ncode = bits.need(4)? as usize + 4;
    if nlen > 286 || ndist > 30 {
        return Err(InflateError::Damaged);
    }
    let mut cl = [0u8; 19];
    for &o in &ORDER[..ncode] {
        cl[o] = bits.need(3)? as u8;
    }
    let clh = Huffman::new(&cl)?;
    let mut lengths = vec![0u8; nlen + ndist];
    let mut i = 0;
    while i < nlen + ndist {
        let sym = clh.decode(bits)?;
        let (val, rep) = match sym {
            0..=15 => (sym as u8, 1),
            16 => (*lengths[..i].last().ok_or(InflateError::Damaged)?, 3 + bits.need(2)? as usize),
            17 => (0, 3 + bits.need(3)? as usize),
            _ => (0, 11 + bits.need(7)? as usize),
        };
        if i + rep > nlen + ndist {
            return Err(InflateError::Damaged);
        }
        lengths[i..i + rep].fill(val);
        i += rep;
    }
    if lengths[256] == 0 {
        return Err(InflateError::Damaged);
    }
    Ok((Huffman::new(&lengths[..nlen])?, Huffman::new(&lengths[nlen..])?))
}

struct Writer {
    out: Vec<u8>,
    buf: u32,
    n: u32,
}

impl Writer {
    /// `n` bits of `v`, least significant first.
    fn put(&mut self, v: u32, n: u32) {
        self.buf |= v << self.n;
        self.n += n;
        while self.n >= 8 {
            self.out.push(self.buf as u8);
            self.buf >>= 8;
            self.n -= 8;
        }
    }

    /// Symbol `s` of a canonical code (`codes[s]` = (code, length)), most significant bit first.
    fn sym(&mut self, codes: &[(u32, u8)], s: usize) {
        let (code, n) = codes[s];
        self.put(code.reverse_bits() >> (32 - n as u32), n as u32);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.buf as u8);
        }
        self.out
    }
}

/// The canonical codes of a set of code lengths (RFC 1951 §3.2.2).
fn canonical(lengths: &[u8]) -> Vec<(u32, u8)> {
    let mut count = [0u32; 16];
    for &l in lengths {
        count[l as usize] += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    let mut code = 0;
    for bits in 1..16 {
        code = (code + count[bits - 1]) << 1;
        next[bits] = code;
    }
    lengths
        .iter()
        .map(|&l| {
            let c = next[l as usize];
            next[l as usize] += 1;
            (c, l)
        })
        .collect()
}

/// Huffman code lengths for `freq`, none longer than `limit` (frequencies are halved until
/// the tree fits). At least two symbols get a code, so every code is complete.
fn huffman_lengths(freq: &[u32], limit: u8) -> Vec<u8> {
    let mut f = freq.to_vec();
    for s in 0..2 {
        if f.iter().filter(|&&x| x > 0).count() < 2 && f[s] == 0 {
            f[s] = 1;
        }
    }
    loop {
        let n = f.len();
        let mut weight: Vec<u64> = f.iter().map(|&x| x as u64).collect();
        let mut parent = vec![usize::MAX; n];
        let mut active: Vec<usize> = (0..n).filter(|&i| f[i] > 0).collect();
        while active.len() > 1 {
            super::sort::sort_by_key(&mut active, |&i| std::cmp::Reverse((weight[i], i)));
            let (a, b) = (active.pop().unwrap_or(0), active.pop().unwrap_or(0));
            let p = weight.len();
            weight.push(weight[a] + weight[b]);
            parent.push(usize::MAX);
            parent[a] = p;
            parent[b] = p;
            active.push(p);
        }
        let mut len = vec![0u8; n];
        for i in (0..n).filter(|&i| f[i] > 0) {
            let mut j = i;
            while parent[j] != usize::MAX {
                len[i] += 1;
                j = parent[j];
            }
        }
        if len.iter().all(|&l| l <= limit) {
            return len;
        }
        for x in f.iter_mut().filter(|x| **x > 0) {
            *x = x.div_ceil(2);
        }
    }
}

/// The index of the largest base ≤ `v`.
fn bucket(bases: &[u16], v: usize) -> usize {
    bases.iter().rposition(|&b| b as usize <= v).unwrap_or(0)
}

/// LZ77 over a 32 KiB window (hash chains, lazy matching): (literal, 0) or (length, distance).
fn lz77(data: &[u8]) -> Vec<(u16, u16)> {
    const WINDOW: usize = 32 * 1024;
    const CHAIN: usize = 256;
    const HASH: usize = 1 << 14;
    let hash = |i: usize| ((data[i] as usize) << 10 ^ (data[i + 1] as usize) << 5 ^ data[i + 2] as usize) & (HASH - 1);
    let mut head = vec![usize::MAX; HASH];
    let mut prev = vec![usize::MAX; data.len()];
    let insert = |i: usize, head: &mut [usize], prev: &mut [usize]| {
        if i + 2 < data.len() {
            let h = hash(i);
            prev[i] = head[h];
            head[h] = i;
        }
    };
    // the longest match for position `i` among earlier positions (length ≥ 3), as (len, dist)
    let longest = |i: usize, head: &[usize], prev: &[usize]| -> (usize, usize) {
        let (mut best, mut dist) = (0, 0);
        if i + 2 >= data.len() {
            return (0, 0);
        }
        let max = (data.len() - i).min(258);
        let mut cand = head[hash(i)];
        let mut chain = CHAIN;
        while cand != usize::MAX && i - cand <= WINDOW && chain > 0 {
            let l = data[cand..].iter().zip(&data[i..i + max]).take_while(|(a, b)| a == b).count();
            if l > best {
                best = l;
                dist = i - cand;
                if l == max {
                    break;
                }
            }
            cand = prev[cand];
            chain -= 1;
        }
        if best >= 3 { (best, dist) } else { (0, 0) }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let (len, dist) = longest(i, &head, &prev);
        insert(i, &mut head, &mut prev);
        // lazy matching: a longer match one byte later wins, this byte goes out as a literal
        if len == 0 || (len < 258 && longest(i + 1, &head, &prev).0 > len) {
            out.push((data[i] as u16, 0));
            i += 1;
            continue;
        }
        out.push((len as u16, dist as u16));
        for k in i + 1..i + len {
            insert(k, &mut head, &mut prev);
        }
        i += len;
    }
    out
}

/// One final block of `tokens`: fixed Huffman codes (`dynamic` false) or its own codes.
fn block(tokens: &[(u16, u16)], dynamic: bool) -> Vec<u8> {
    let mut w = Writer { out: Vec::new(), buf: 0, n: 0 };
    let (lit_len, dist_len) = if dynamic {
        let (mut lf, mut df) = (vec![0u32; 286], vec![0u32; 30]);
        lf[256] = 1;
        for &(v, d) in tokens {
            if d == 0 {
                lf[v as usize] += 1;
            } else {
                lf[257 + bucket(&LEN_BASE, v as usize)] += 1;
                df[bucket(&DIST_BASE, d as usize)] += 1;
            }
        }
        (huffman_lengths(&lf, 15), huffman_lengths(&df, 15))
    } else {
        (fixed_lengths(), vec![5; 30])
    };
    w.put(if dynamic { 0b101 } else { 0b011 }, 3); // final block, BTYPE 2 or 1
    if dynamic {
        const ORDER: [usize; 19] = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
        let hlit = lit_len.iter().rposition(|&l| l > 0).map_or(257, |p| (p + 1).max(257));
        let hdist = dist_len.iter().rposition(|&l| l > 0).map_or(1, |p| p + 1);
        let all: Vec<u8> = lit_len[..hlit].iter().chain(&dist_len[..hdist]).copied().collect();
        // run-length coded lengths: (symbol 0..=18, extra bits value)
        let mut rle: Vec<(usize, u32)> = Vec::new();
        let mut i = 0;
        while i < all.len() {
            let v = all[i];
            let run = all[i..].iter().take_while(|&&x| x == v).count();
            if v == 0 && run >= 3 {
                let r = run.min(138);
                rle.push(if r >= 11 { (18, r as u32 - 11) } else { (17, r as u32 - 3) });
                i += r;
            } else if v != 0 && run >= 4 {
                let r = (run - 1).min(6);
                rle.push((v as usize, 0));
                rle.push((16, r as u32 - 3));
                i += 1 + r;
            } else {
                rle.push((v as usize, 0));
                i += 1;
            }
        }
        let mut cf = vec![0u32; 19];
        for &(s, _) in &rle {
            cf[s] += 1;
        }
        let cl = huffman_lengths(&cf, 7);
        let hclen = ORDER.iter().rposition(|&o| cl[o] > 0).map_or(4, |p| (p + 1).max(4));
        w.put(hlit as u32 - 257, 5);
        w.put(hdist as u32 - 1, 5);
        w.put(hclen as u32 - 4, 4);
        for &o in &ORDER[..hclen] {
            w.put(cl[o] as u32, 3);
        }
        let cc = canonical(&cl);
        for (s, extra) in rle {
            w.sym(&cc, s);
            match s {
                16 => w.put(extra, 2),
                17 => w.put(extra, 3),
                18 => w.put(extra, 7),
                _ => {}
            }
        }
    }
    let (lc, dc) = (canonical(&lit_len), canonical(&dist_len));
    for &(v, d) in tokens {
        if d == 0 {
            w.sym(&lc, v as usize);
        } else {
            let l = bucket(&LEN_BASE, v as usize);
            w.sym(&lc, 257 + l);
            w.put(v as u32 - LEN_BASE[l] as u32, LEN_EXTRA[l] as u32);
            let k = bucket(&DIST_BASE, d as usize);
            w.sym(&dc, k);
            w.put(d as u32 - DIST_BASE[k] as u32, DIST_EXTRA[k] as u32);
        }
    }
    w.sym(&lc, 256);
    w.finish()
}

/// Deflates `data` into one final block, fixed or dynamic Huffman, whichever is shorter.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let tokens = lz77(data);
    let (fixed, dynamic) = (block(&tokens, false), block(&tokens, true));
    if dynamic.len() < fixed.len() { dynamic } else { fixed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::presets;

    fn samples() -> Vec<Vec<u8>> {
        let mut v: Vec<Vec<u8>> = presets::ALL.iter().map(|p| p.yaml.as_bytes().to_vec()).collect();
        v.push(Vec::new());
        v.push(b"a".to_vec());
        v.push(vec![b'a'; 100_000]);
        let mut seed = 7u32;
        v.push(
            (0..50_000)
                .map(|_| {
                    seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                    (seed >> 24) as u8
                })
                .collect(),
        );
        v.push((0..70_000u32).map(|i| (i % 251) as u8 ^ (i / 300) as u8).collect());
        v
    }

    /// Links made before (miniz_oxide, every level, incl. stored and dynamic blocks) inflate
    /// to the same bytes, and miniz_oxide reads what we deflate.
    #[test]
    fn compatible_with_miniz_both_ways() {
        for s in samples() {
            for level in [0, 1, 6, 9, 10] {
                let z = miniz_oxide::deflate::compress_to_vec(&s, level);
                assert_eq!(inflate(&z, usize::MAX).unwrap(), s, "level {level}, {} bytes", s.len());
            }
            let ours = deflate(&s);
            assert_eq!(miniz_oxide::inflate::decompress_to_vec(&ours).unwrap(), s);
            assert_eq!(inflate(&ours, usize::MAX).unwrap(), s);
        }
    }

    /// Links stay about as short as miniz_oxide's level 9 made them (one fixed-Huffman block
    /// or dynamic, whichever is shorter): the scenes' YAML, packed as links pack it.
    #[test]
    fn close_to_miniz_level_9_on_scenes() {
        for p in presets::ALL {
            let (ours, theirs) = (deflate(p.yaml.as_bytes()).len(), miniz_oxide::deflate::compress_to_vec(p.yaml.as_bytes(), 9).len());
            assert!(ours * 100 <= theirs * 103, "{}: {ours} bytes, miniz_oxide {theirs}", p.id);
        }
    }

    #[test]
    fn limits_and_damage() {
        let s = vec![b'x'; 10_000];
        let z = miniz_oxide::deflate::compress_to_vec(&s, 9);
        assert_eq!(inflate(&z, 9_999), Err(InflateError::TooBig));
        assert_eq!(inflate(&z, 10_000).unwrap(), s);
        assert_eq!(inflate(&miniz_oxide::deflate::compress_to_vec(&s, 0), 9_999), Err(InflateError::TooBig));
        let text = presets::ALL[0].yaml.as_bytes();
        let z = miniz_oxide::deflate::compress_to_vec(text, 9);
        for cut in 0..z.len() {
            assert!(inflate(&z[..cut], usize::MAX).is_err(), "cut at {cut}");
        }
        assert_eq!(inflate(&[0xff; 40], usize::MAX), Err(InflateError::Damaged));
        // every single-byte corruption either fails or inflates to something: never a panic
        for i in 0..z.len() {
            let mut bad = z.clone();
            bad[i] ^= 0x5a;
            let _ = inflate(&bad, 1 << 20);
        }
    }
}

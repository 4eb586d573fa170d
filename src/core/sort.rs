//! One small stable sort for the whole crate (issue #12, bundle size). std's `sort*` is
//! monomorphised per element type and comparator, about 3.5 KB of wasm per call site; here the
//! merge sort itself is one non-generic routine over indices (the comparator behind `dyn`),
//! and only a few lines (the comparator shim and the in-place permutation) are generic.
//! Stable like `slice::sort_by`, so every call site gives exactly the order it gave before
//! (the former `sort_unstable*` call sites all sort by a total key: no two elements are equal).

use std::cmp::Ordering;

/// The stable order of `n` items: `out[i]` is the index of the item that belongs at `i`.
/// Bottom-up merge sort, O(n log n) comparisons; on ties the lower index goes first.
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut a: Vec<usize> = (0..n).collect();
    let mut b = vec![0usize; n];
    let mut width = 1;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                if cmp(a[j], a[i]) == Ordering::Less {
                    b[k] = a[j];
                    j += 1;
                } else {
                    b[k] = a[i];
                    i += 1;
                }
                k += 1;
            }
            b[k..k + mid - i].copy_from_slice(&a[i..mid]);
            k += mid - i;
            b[k..k + hi - j].copy_from_slice(&a[j..hi]);
            lo = hi;
        }
        std::mem::swap(&mut a, &mut b);
        width *= 2;
    }
    a
}

/// Moves `v[ord[i]]` to `i` for every `i`, in place (cycle by cycle).
fn permute<T>(v: &mut [T], mut ord: Vec<usize>) {
    for i in 0..v.len() {
        let mut j = i;
        while ord[j] != j {
            let k = ord[j];
            ord[j] = j;
            if k == i {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

/// `v.sort_by(cmp)`.
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let ord = order(v.len(), &mut |i, j| cmp(&v[i], &v[j]));
    permute(v, ord);
}

/// `v.sort_by_key(key)`.
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// `v.sort()`.
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same order as std's stable sort, ties included, for every length up to 70 and many
    /// patterns (sorted, reversed, few distinct keys, pseudo-random).
    #[test]
    fn same_order_as_std_stable_sort() {
        let mut seed = 0x2545_f491_u32;
        for n in 0..70usize {
            for pattern in 0..5 {
                let v: Vec<(u32, usize)> = (0..n)
                    .map(|i| {
                        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
                        let k = match pattern {
                            0 => i as u32,
                            1 => (n - i) as u32,
                            2 => seed >> 30,
                            3 => seed >> 16,
                            _ => (i % 3) as u32,
                        };
                        (k, i)
                    })
                    .collect();
                let mut want = v.clone();
                want.sort_by_key(|p| p.0);
                let mut got = v.clone();
                sort_by_key(&mut got, |p| p.0);
                assert_eq!(got, want, "n={n} pattern={pattern}");
                let mut want = v.clone();
                want.sort_by_key(|p| std::cmp::Reverse(p.0));
                let mut got = v.clone();
                sort_by(&mut got, |a, b| b.0.cmp(&a.0));
                assert_eq!(got, want, "n={n} pattern={pattern} reversed");
                let mut want = v.clone();
                want.sort();
                let mut got = v;
                sort(&mut got);
                assert_eq!(got, want);
            }
        }
        let mut s = vec!["b".to_string(), "a".into(), "c".into(), "a".into()];
        sort(&mut s);
        assert_eq!(s, ["a", "a", "b", "c"]);
    }
}

//! Issue #12 (bundle ≤ 350 KB gzipped): guards for code that once came back into the wasm.
//! Source scans over `src/` (non-test code only: a `#[cfg(test)]` item is skipped).

use std::path::Path;

/// Every `.rs` file under `src/` with its non-test lines (1-based line numbers).
fn shipped_lines() -> Vec<(String, usize, String)> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut out = Vec::new();
    for f in files {
        let name = f.to_string_lossy().to_string();
        let base = f.file_name().unwrap().to_string_lossy().to_string();
        if base.starts_with("tests") || base == "fuzz.rs" || name.contains("/bin/") {
            continue;
        }
        let text = std::fs::read_to_string(&f).unwrap();
        let mut skipping = false;
        let mut after_cfg = false;
        for (i, line) in text.lines().enumerate() {
            if skipping {
                if line == "}" {
                    skipping = false;
                }
                continue;
            }
            if after_cfg {
                after_cfg = false;
                // `mod x;` (a whole test file) is one line; anything else runs to its closing `}`
                if !line.trim_end().ends_with(';') {
                    skipping = !line.trim_end().ends_with('}');
                }
                continue;
            }
            if line.trim_start().starts_with("#[cfg(") && line.contains("test") && !line.contains("not(test") {
                after_cfg = true;
                continue;
            }
            out.push((name.clone(), i + 1, line.to_string()));
        }
    }
    out
}

/// std's `slice::sort*` is monomorphised per call site (~3.5 KB of wasm each; 13 call sites
/// had come back, ~41 KB of wasm before gzip): `core::sort` is the crate's one sort.
#[test]
fn sizefix_no_std_slice_sort_in_shipped_code() {
    let calls = [".sort()", ".sort_by(", ".sort_by_key(", ".sort_unstable(", ".sort_unstable_by(", ".sort_unstable_by_key(", ".sort_by_cached_key("];
    let found: Vec<String> = shipped_lines()
        .into_iter()
        .filter(|(f, _, l)| !f.ends_with("core/sort.rs") && !l.trim_start().starts_with("//") && calls.iter().any(|c| l.contains(c)))
        .map(|(f, n, l)| format!("{f}:{n}: {}", l.trim()))
        .collect();
    assert!(found.is_empty(), "std sort in shipped code (use crate::core::sort):\n{}", found.join("\n"));
}

/// `decimal::debug` is `format!("{v:?}")` byte for byte (it replaced `{:?}` of a scalar's
/// `Value` in `same_value`, which brought std's float printing back into the wasm).
#[test]
fn sizefix_decimal_debug_is_std_debug() {
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    let mut vals = vec![0.0, -0.0, 1.0, -1.0, 0.5, 1e-4, 9.999e-5, 1e-5, 1e15, 1e16, 9.999999999999998e15, 1.5e-7, 123456.0, 1e21, 1e300, 5e-324, f64::MAX, f64::MIN_POSITIVE, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 0.1, 0.3, 2.5e16, 1.0e-100];
    for _ in 0..30_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let v = f64::from_bits(seed);
        vals.push(v);
        // and values with few digits around the exponent switch points
        let small = (seed % 100_000) as f64 / [1e3, 1e7, 1e9, 1e-11, 1e-12][(seed >> 40) as usize % 5];
        vals.push(small);
    }
    for v in vals {
        assert_eq!(super::decimal::debug(v), format!("{v:?}"), "{:#x}", v.to_bits());
    }
}

/// `same_value` compares written scalars by the words `{:?}` gave for their `Value`: the same
/// words now without Value's Debug (what `replaced_objects` tells apart stays the same).
#[test]
fn sizefix_same_value_scalar_words_unchanged() {
    use super::yaml::Value;
    for v in [Value::Null, Value::Bool(true), Value::Bool(false), Value::Int(-7), Value::Int(80), Value::Float(1.5), Value::Float(1e20), Value::Float(-2.5e-9), Value::Float(f64::NAN), Value::Str] {
        let mine = super::scalar_words(&v);
        assert_eq!(mine, format!("{v:?}"));
    }
}

/// `crd::json_type` and `crd::num` read a Float's text with `decimal::parse` instead of
/// `str::parse::<f64>` (whose Eisel-Lemire tables were ~10 KB of the wasm): the same answer for
/// every text the YAML resolver types Float (go-yaml's float syntax, `.inf`, `.nan`) and for
/// the near misses around them.
#[test]
fn sizefix_float_texts_parse_as_std() {
    let mut texts: Vec<String> = [".inf", "-.inf", "+.INF", ".nan", ".NaN", "1_000.5", "1.", ".5", "+.5", "-0.0", "1e", "1e+", "1E-5", "6e068097", "99999999999999999999", "0999", "1.7976931348623157e308", "2e-324", "4.9e-324"].iter().map(|s| s.to_string()).collect();
    let mut seed = 0x1234_5678_9abc_def1_u64;
    for _ in 0..5_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let int = seed % 1_000_000_000;
        let frac = (seed >> 30) % 100_000;
        let exp = ((seed >> 50) % 700) as i64 - 350;
        texts.push(format!("{int}.{frac}"));
        texts.push(format!("-{int}.{frac:05}e{exp}"));
        if f64::from_bits(seed).is_finite() {
            texts.push(format!("{}", f64::from_bits(seed)));
        }
    }
    for t in texts {
        let mine = super::decimal::parse(&t).map(f64::to_bits);
        let std_ = t.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(mine, std_, "{t}");
    }
}

/// A float written with a precision (`{:.0}`, `{x:.1}`) is std's float printing (Grisu, Dragon
/// and their tables, ~11 KB of wasm before gzip; one `{:.0}%` in gateway::share had brought it
/// back): shipped code writes floats through `core::decimal` (`fixed`, `shortest`).
#[test]
fn sizefix_no_std_float_precision_in_shipped_code() {
    let found: Vec<String> = shipped_lines()
        .into_iter()
        .filter(|(f, _, l)| !f.ends_with("core/decimal.rs") && !l.trim_start().starts_with("//") && !l.trim_start().starts_with("///"))
        .filter(|(_, _, l)| {
            let b = l.as_bytes();
            (0..b.len().saturating_sub(2)).any(|i| b[i] == b':' && b[i + 1] == b'.' && (b[i + 2].is_ascii_digit() || b[i + 2].is_ascii_alphabetic()) && l[i..].find('}').is_some_and(|e| !l[i..i + e].contains(' ')))
        })
        .map(|(f, n, l)| format!("{f}:{n}: {}", l.trim()))
        .collect();
    assert!(found.is_empty(), "std float printing with a precision in shipped code (use crate::core::decimal::fixed):\n{}", found.join("\n"));
}

/// `collect()` into a BTreeMap / BTreeSet / serde_json::Map sorts the items with std's stable
/// sort, monomorphised per element type (~3.5 KB of wasm each; four had come back: same_value,
/// reapply, crd::to_value, cluster::labels_go): shipped code inserts one by one (a later key
/// replaces an earlier one, as collect() does).
#[test]
fn sizefix_no_collect_into_sorted_maps_in_shipped_code() {
    let found: Vec<String> = shipped_lines()
        .into_iter()
        .filter(|(_, _, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, _, l)| l.contains(".collect") && ["BTreeMap", "BTreeSet", "serde_json::Map"].iter().any(|t| l.contains(t)))
        .map(|(f, n, l)| format!("{f}:{n}: {}", l.trim()))
        .collect();
    assert!(found.is_empty(), "collect() into a sorted map in shipped code (insert one by one):\n{}", found.join("\n"));
}

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


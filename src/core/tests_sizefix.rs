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

/// serde_json's deserializer (`from_str`/`from_slice`/`from_value`/`from_reader`: ~12 KB of wasm
/// before wasm-opt, its error words, io::ErrorKind's words and its f64 tables) had been in the
/// page for two reads of JSON held in a manifest's string (gojson's HPA metrics annotations, the
/// AWS Load Balancer Controller's action annotation): shipped code reads JSON with
/// `share::Json` (serde_json still writes the report; the page never parses one).
#[test]
fn sizefix_no_serde_json_deserializer_in_shipped_code() {
    let calls = ["serde_json::from_", "serde_json::Deserializer", "serde_json::de::", "serde_json::StreamDeserializer"];
    let found: Vec<String> = shipped_lines()
        .into_iter()
        .filter(|(_, _, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, _, l)| calls.iter().any(|c| l.contains(c)))
        .map(|(f, n, l)| format!("{f}:{n}: {}", l.trim()))
        .collect();
    assert!(found.is_empty(), "serde_json's deserializer in shipped code (read JSON with crate::core::share::Json):\n{}", found.join("\n"));
}

/// What the two replaced serde_json reads answered, the old code verbatim.
fn serde_kinds(text: &str, elem: &str) -> Option<String> {
    if let Some(e) = super::gojson::syntax_error(text) {
        return Some(e);
    }
    let v: serde_json::Value = serde_json::from_str(text).ok()?;
    let kind = |v: &serde_json::Value| match v {
        serde_json::Value::Object(_) => "object",
        serde_json::Value::Array(_) => "array",
        serde_json::Value::String(_) => "string",
        serde_json::Value::Number(_) => "number",
        serde_json::Value::Bool(_) => "bool",
        serde_json::Value::Null => "null",
    };
    match &v {
        serde_json::Value::Null => None,
        serde_json::Value::Array(items) => {
            for item in items {
                match item {
                    serde_json::Value::Null => {}
                    serde_json::Value::Object(_) => return None,
                    other => return Some(format!("json: cannot unmarshal {} into Go value of type {elem}", kind(other))),
                }
            }
            None
        }
        other => Some(format!("json: cannot unmarshal {} into Go value of type []{elem}", kind(other))),
    }
}

fn serde_type(text: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(text).ok().and_then(|v| v.get("type").and_then(|t| t.as_str()).map(str::to_string))
}

/// A random JSON-ish text: a small value (depth ≤ 4, numbers with small exponents, strings with
/// every escape but no surrogate pair: a cut one is a lone surrogate, see below) and, half the time, a few bytes changed, cut or added.
fn json_ish(rng: &mut super::testrng::Rng) -> String {
    fn value(rng: &mut super::testrng::Rng, depth: usize, out: &mut String) {
        let strings = ["\"type\"", "\"Pods\"", "\"\"", "\"a\\\"b\\\\c\\/\\b\\f\\n\\r\\t\"", "\"\\u00e9\\u20ac x\"", "\"é\"", "\"TYPE\""];
        let scalars = ["null", "true", "false", "0", "-0", "12", "-3.5", "1e3", "2.5E-2", "1E+2"];
        match rng.below(if depth >= 4 { 2 } else { 4 }) {
            0 => out.push_str(strings[rng.below(strings.len())]),
            1 => out.push_str(scalars[rng.below(scalars.len())]),
            2 => {
                out.push('[');
                for i in 0..rng.below(4) {
                    if i > 0 {
                        out.push_str([",", " , ", ",\n"][rng.below(3)]);
                    }
                    value(rng, depth + 1, out);
                }
                out.push(']');
            }
            _ => {
                out.push('{');
                for i in 0..rng.below(4) {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(["\"type\"", "\"action\"", "\"Type\"", "\"ty\\u0070e\"", "\"\""][rng.below(5)]);
                    out.push_str([":", " : "][rng.below(2)]);
                    value(rng, depth + 1, out);
                }
                out.push('}');
            }
        }
    }
    let mut s = String::new();
    if rng.below(4) == 0 {
        s.push(' ');
    }
    if rng.below(3) == 0 {
        // an action annotation's shape: the type first or last, with other fields
        let mut v = String::new();
        value(rng, 1, &mut v);
        s.push_str(&[format!("{{\"type\": \"forward\", \"forwardConfig\": {v}}}"), format!("{{\"x\":{v},\"type\":\"redirect\"}}")][rng.below(2)]);
    } else {
        value(rng, 0, &mut s);
    }
    if rng.below(4) == 0 {
        s.push_str([" ", "\n", " x", ",", "}"][rng.below(5)]);
    }
    if rng.below(2) == 0 {
        let mut b = s.into_bytes();
        for _ in 0..1 + rng.below(2) {
            if b.is_empty() {
                break;
            }
            let at = rng.below(b.len());
            match rng.below(3) {
                0 => {
                    b.remove(at);
                }
                1 => b.insert(at, b"{}[],:\" 0-e.\\nt"[rng.below(15)]),
                _ => b.truncate(at),
            }
        }
        s = String::from_utf8_lossy(&b).into_owned();
    }
    s
}

/// `gojson::unmarshal_struct_slice_error` and `gojson::top_string_field` answer what the
/// serde_json reads they replaced answered (serde_json is a test dependency here, natively):
/// the HPA metrics annotations' unmarshal errors and the AWS action annotation's `type`.
/// (They differ where serde_json refused JSON that Go's encoding/json reads — a lone surrogate
/// escape, nesting deeper than 128, a number beyond f64 — and there they answer as Go does:
/// not generated here.)
#[test]
fn sizefix_json_reads_answer_as_serde_json_did() {
    let mut texts: Vec<String> = [
        "null", "[]", " [ ] ", "{}", "[{\"type\":\"Pods\"}, 1]", "{\"type\":\"Pods\"}", "\"x\"", "[null, \"Pods\"]", "[null, null]", "[1]", "[true]", "[[]]", "[-0.5e+3]",
        "[null,{},", "[1,]", "", " ", "{\"type\": \"fixed-response\", \"fixedResponseConfig\": {\"statusCode\": \"503\"}}", "{\"type\":\"forward\",\"type\":\"redirect\"}",
        "{\"type\":\"forward\",\"type\":5}", "{\"type\":5,\"type\":\"forward\"}", "{\"type\":\"a\"} x", "{\"type\":\"a\"}  \n", "{\"ty\\u0070e\":\"esc\\u00e9\"}", "{\"Type\":\"x\"}",
        "[{\"type\":\"x\"}]", "{\"a\":{\"type\":\"inner\"}}", "{type: forward}", "{'type': 'forward'}", "{\"type\":\"\\ud83d\\ude00\"}", "{\"type\":\"a\",}", "{,}", "{\"type\"}",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rng = super::testrng::Rng(0x5151_2e3f_0a0b_77c1);
    for _ in 0..20_000 {
        texts.push(json_ish(&mut rng));
    }
    let mut errors = 0;
    for t in &texts {
        let old = serde_kinds(t, "v1.MetricSpec");
        errors += usize::from(old.is_some());
        assert_eq!(super::gojson::unmarshal_struct_slice_error(t, "v1.MetricSpec"), old, "{t:?}");
        assert_eq!(super::gojson::top_string_field(t, "type"), serde_type(t), "{t:?}");
    }
    // both answers are exercised: texts with and without an error, with and without a type
    assert!(errors > 1_000 && texts.len() - errors > 500, "{errors} of {}", texts.len());
    let typed = texts.iter().filter(|t| serde_type(t).is_some()).count();
    assert!(typed > 2_000, "{typed}");
}

/// Where serde_json refused what Go's encoding/json reads, the reads now answer as Go's
/// json.Unmarshal does (decode.go: a lone surrogate escape becomes U+FFFD, no nesting limit below
/// the scanner's 10000, a number is checked against the Go type's kind before its range).
#[test]
fn sizefix_json_reads_take_what_go_reads() {
    let e = |t: &str| super::gojson::unmarshal_struct_slice_error(t, "v1.MetricSpec");
    let deep = format!("[{}{}]", "[".repeat(200), "]".repeat(200));
    assert_eq!(e(&deep), Some("json: cannot unmarshal array into Go value of type v1.MetricSpec".into()));
    assert_eq!(e("[1e400]"), Some("json: cannot unmarshal number into Go value of type v1.MetricSpec".into()));
    assert_eq!(e("[1, \"\\ud800\"]"), Some("json: cannot unmarshal number into Go value of type v1.MetricSpec".into()));
    assert_eq!(super::gojson::top_string_field("{\"x\":\"\\udc00\",\"type\":\"forward\"}", "type"), Some("forward".into()));
}

/// std's Unicode case conversion (`str::to_lowercase` / `to_uppercase`, `char::to_*case`) keeps
/// std's `LOWERCASE_TABLE` / `UPPERCASE_TABLE` in the wasm (27 KB of `.rodata`, ~12 KB gzipped;
/// 12 shipped call sites had brought them back after session 5 took them out):
/// `core::case::{lower, upper}` is the crate's one conversion (ASCII in Rust, other text by the
/// browser's `toLowerCase` / `toUpperCase` in the page).
#[test]
fn sizefix_no_std_case_conversion_in_shipped_code() {
    let calls = [".to_lowercase(", ".to_uppercase(", "::to_lowercase", "::to_uppercase"];
    let found: Vec<String> = shipped_lines()
        .into_iter()
        .filter(|(f, _, l)| !f.ends_with("core/case.rs") && !l.trim_start().starts_with("//") && calls.iter().any(|c| l.contains(c)))
        .map(|(f, n, l)| format!("{f}:{n}: {}", l.trim()))
        .collect();
    assert!(found.is_empty(), "std case conversion in shipped code (use crate::core::case):\n{}", found.join("\n"));
}

/// `case::lower` / `case::upper` answer as `str::to_lowercase` / `to_uppercase` (the ASCII path
/// in Rust; natively the rest by std, in the page by the browser, which ECMA-262 defines as the
/// same Unicode default case conversion): names, kinds, words, and text with final sigma,
/// dotted I, sharp s, the Kelvin sign and ligatures.
#[test]
fn sizefix_case_answers_as_std() {
    let texts = [
        "", "web", "Web-Frontend", "ClusterIP", "ACCEPT", "@Every 1h", "TZ=Europe/Berlin", "Pods", "mIxEd_123.-", "ΟΔΟΣ", "Σ", "ΑΣ ΣΑ", "İstanbul", "straße", "ﬁle", "\u{212a}ube",
        "ǅ", "ǈǋ", "Ꭰ", "ᲀ", "ŉ", "é", "aé", "ÉA", "日本", "\u{1e9e}", "\u{0345}",
    ];
    for t in texts {
        assert_eq!(super::case::lower(t), t.to_lowercase(), "{t:?}");
        assert_eq!(super::case::upper(t), t.to_uppercase(), "{t:?}");
    }
    for b in 0u8..128 {
        let t = format!("a{}Z", b as char);
        assert_eq!(super::case::lower(&t), t.to_lowercase(), "{t:?}");
        assert_eq!(super::case::upper(&t), t.to_uppercase(), "{t:?}");
    }
}

/// std's float parser (`str::parse::<f64>` / `f32`: core's dec2flt, its Eisel-Lemire table of
/// powers of five, 12.5 KB of `.rodata`, and its big-decimal shifts, 17.7 KB of wasm before
/// wasm-opt in all) had come back for one test of a text in `epslice::scalar` (size6): shipped
/// code asks `decimal::is_f64_text` (whether it parses) or `decimal::parse` (its value).
#[test]
fn sizefix_no_std_float_parser_in_shipped_code() {
    let calls = ["parse::<f64>", "parse::<f32>", "f64::from_str", "f32::from_str"];
    let found: Vec<String> = shipped_lines()
        .into_iter()
        .filter(|(_, _, l)| !l.trim_start().starts_with("//") && calls.iter().any(|c| l.contains(c)))
        .map(|(f, n, l)| format!("{f}:{n}: {}", l.trim()))
        .collect();
    assert!(found.is_empty(), "std's float parser in shipped code (use crate::core::decimal::is_f64_text / parse):\n{}", found.join("\n"));
}

/// `decimal::is_f64_text` answers as `str::parse::<f64>().is_ok()`: the words std reads (`inf`,
/// `infinity`, `nan` in any case, signed), the near misses around them, and random texts over
/// digits, points, exponents and signs.
#[test]
fn sizefix_is_f64_text_answers_as_std() {
    let mut texts: Vec<String> = [
        "", "+", "-", ".", "+.", "-.", "1", "1.", ".5", "+.5", "-0.0", "1e", "1e+", "1e-", "1E5", "1e+5", "1.e5", ".e5", "e5", "1e5.", "1..2", "1.2.3", "10.0.0.1", "1_000", " 1", "1 ",
        "inf", "Inf", "+INF", "-inf", "infinity", "-Infinity", "+iNfInItY", "nan", "NaN", "-nan", "+NAN", "infin", "infinit", "infinityy", "na", "nana", ".inf", ".nan", "++1", "+-1", "--1", "0x10",
        "1f", "1d", "١", "１", "8080", "v1", "2024-01-01", "1e400", "1e-400", "99999999999999999999999",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let alphabet: Vec<char> = "0123456789.eE+-infatyINFATYx ".chars().collect();
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 9) as usize;
        texts.push((0..len).map(|k| alphabet[((seed >> (6 + 6 * k)) % alphabet.len() as u64) as usize]).collect());
    }
    for t in texts {
        assert_eq!(super::decimal::is_f64_text(&t), t.parse::<f64>().is_ok(), "{t:?}");
    }
}

/// `s.push_str(&format!(…))` builds a String, copies it and frees it at each call site (~37 B of
/// wasm per site before wasm-opt; 85 in the core, 27 of them added in session 22): shipped core
/// code writes into the String with `write!` (`std::fmt::Write`; writing to a String never
/// fails). The same bytes come out: golden, cli and the core's unit tests compare them.
#[test]
fn sizefix_no_push_str_format_in_shipped_core() {
    let found: Vec<String> = shipped_lines()
        .into_iter()
        .filter(|(f, _, l)| f.contains("/src/core/") && !f.ends_with("strict_tests.rs") && !l.trim_start().starts_with("//") && l.contains("push_str(&format!("))
        .map(|(f, n, l)| format!("{f}:{n}: {}", l.trim()))
        .collect();
    assert!(found.is_empty(), "push_str(&format!(…)) in shipped core code (use write!(s, …) with std::fmt::Write):\n{}", found.join("\n"));
}

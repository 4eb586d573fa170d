//! The fast YAML path (`yamlfast`) against granit-parser: on every input we have, the tree,
//! positions, flags, typing and errors are the same, or the fast path declined the document.

use super::yaml::{parse_stream, parse_stream_granit, split_documents, Node, NodeKind, Value};
use super::yamlfast;
use crate::fuzz::{mutate_once, Rng};

/// Every mapping of the tree has string keys, each written once (what
/// `Document::distinct_keys` claims), by brute force.
fn keys_distinct(n: &Node) -> bool {
    match &n.kind {
        NodeKind::Map(entries) => {
            entries.iter().enumerate().all(|(i, (k, v))| {
                matches!(&k.kind, NodeKind::Scalar { value: Value::Str, .. }) && !entries[..i].iter().any(|(e, _)| e.as_str() == k.as_str()) && keys_distinct(v)
            })
        }
        NodeKind::Seq(items) => items.iter().all(keys_distinct),
        NodeKind::Scalar { .. } => true,
    }
}

/// A document said to have distinct keys that has a repeated one, or a duplicate-key warning.
fn distinct_keys_wrong(src: &str) -> Option<String> {
    let (docs, _) = parse_stream(src);
    docs.iter().filter(|d| d.distinct_keys).find_map(|d| {
        let root = d.root.as_ref()?;
        let mut dups = Vec::new();
        crate::core::strict::duplicate_keys(root, &mut dups);
        (!keys_distinct(root) || !dups.is_empty()).then(|| format!("document at line {} said to have distinct keys: {src:?}", d.first_line))
    })
}

/// `Err` if the two paths give anything different (NaN-safe: compared through `Debug`), or the
/// fast path says a document's keys are distinct when they are not.
pub(crate) fn differ(src: &str) -> Option<String> {
    if let Some(wrong) = distinct_keys_wrong(src) {
        return Some(wrong);
    }
    let fast = format!("{:?}", parse_stream(src));
    let slow = format!("{:?}", parse_stream_granit(src));
    (fast != slow).then(|| {
        let at = fast.bytes().zip(slow.bytes()).position(|(a, b)| a != b).unwrap_or(0);
        let from = at.saturating_sub(300);
        format!("fast and granit trees differ on {src:?}\nfast:   …{}\ngranit: …{}", &fast[from..(at + 200).min(fast.len())], &slow[from..(at + 200).min(slow.len())])
    })
}

/// How many of the text's documents the fast path read (the rest went to granit).
fn accepted(src: &str) -> (usize, usize) {
    let chunks = split_documents(src);
    let n = chunks.iter().filter(|(line, c)| yamlfast::parse_chunk(c, *line, 0).is_some()).count();
    (n, chunks.len())
}

fn check(src: &str) {
    if let Some(d) = differ(src) {
        panic!("{d}");
    }
}

fn files(dir: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .map(|p| (p.display().to_string(), String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned()))
        .collect();
    out.sort();
    out
}

const EDGE_CASES: &[&str] = &[
    "a:\nb: 1\nc:\n  # x\nd:\n- x\n-\n- - y\n  -\ne: |\n  lit\n   more\n\nf: |-\n  x\ng: []\nh: {a: \"b\", c: 1}\nk:\n",
    "--- # c\na:\n  - x\n  -   name: é\n      \"p\": 1\n  - - z\nb:\n    value here  # c\nc: \"é\\n\\\"\" \nd: 'it''s'\nñ: ü\nlast:\n",
    "- a\n- b: |\n    x\n\n  c: 1\n",
    "x: |\n\n  a\n\n  b\n\n\ny: >\n  a\n  b\n",
    "a: # c\n  b: 1 # d\n# e\n  c: [1, 2, \"x\"] # f\nd: {}\ne: []\n",
    "a: b #c\nd: e#f\ng: 'h' #i\nj: \"k\"#l\n",
    "a: foo\n  # comment\nb: 1\n",
    "a: foo\n  bar\n",
    "a:\n  foo\n  bar\n",
    "a:\n  - x\n  b: 1\n",
    "a: 1\n - b\n",
    "a: b: c\n",
    "- - - a\n    - b\n  - c\n- d\n",
    "key: -1\nk2: -x\nk3: --- \nk4: 0777\nk5: 0x1F\nk6: 1e3\nk7: .5\nk8: yes\nk9: ~\nk10: null\nk11: 6e068097\nk12: 1_000\n",
    "\"on\": 1\n'off': 2\non: 3\n",
    "a: \"\\u00e9\\x41\\t\\/\\0\"\nb: \"\\ud800\"\nc: \"\\q\"\n",
    "a: |\n  x\nb: |-\n  y\n\n\nc: |\n    deep\n  shallow\n",
    "a: |\n  x\n   \n  y\n",
    "a: |+\n  x\n\nb: 1\n",
    "a: |2\n   x\n",
    "a: |\n  no final newline",
    "a: |\n\n",
    "a: |\nb: 1\n",
    "root scalar\n",
    "  indented: 1\n  map: 2\n",
    "a:\n- b\n- c\nd: e\n",
    "a:\n-\n- b\n",
    "a:\n- # c\n  b\n",
    "- # c\n  b\n- \n-\n",
    "[a, b]\n",
    "{a: b}\n",
    "a: [a, b, ]\nb: {a, b}\nc: {a: }\nd: [a:b]\ne: [[a]]\nf: [\"a\", 'b', -1, c d]\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "<<: {a: 1}\nb: 2\n",
    "? a\n: b\n",
    "a: 'multi\n  line'\n",
    "a: \"multi\n  line\"\n",
    "a:\tb\n",
    "a: b\r\nc: d\r\n",
    "%YAML 1.1\n---\na: b\n",
    "a: b\n...\n",
    "---\n",
    "--- a\n",
    "---\n# only\n",
    "# only\n",
    "",
    "a: 1\n\n\n",
    "a: 1 \n  \nb: 2",
    "a: \u{FEFF}b\n",
    "\u{FEFF}a: b\n",
    "a: b\u{85}c\n",
    "a: b\u{2028}c\n",
    "a:  x  \nb:    \nc:\n",
    "a :1\nb : 2\n'c' : 3\n",
    "a: 1\na: 2\n",
    "spec:\n  ports:\n  - port: 80\n    targetPort: 8080\n    port: 81\n  ports: [{port: 82}]\n",
    "a: {x: 1}\nb: 2\na: [3]\n",
    "é: [ü, ö]\nd: {ü: é}\n",
    "- name: a\n  value: b\n- name: c\n",
    "spec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 80\n      name: http\n  - name: d\n",
    "a: [\n  b]\n",
    "a: {b: [c]}\n",
    "a: 'x'y\n",
    "a: \"x\" y\n",
    "- a: 1\n  - b\n",
    "a:\n  b: 1\n c: 2\n",
    "a:\n    b: 1\n  c: 2\n",
    "a: b\n#c\n  #d\nd: e\n",
    "a: -\nb: - c\n",
    "a: '\n",
    "a: \"\n",
    "a: [\n",
    "a: {\n",
    "-\n",
    "-",
    "a:",
    "a",
    "'a'",
    "\"a\": \"b\"",
    "a: |\n  x\n# c\nb: 1\n",
    "a: |\n  x\n  # not a comment\n",
    "a: |  # c\n  x\n",
    "a: |#c\n  x\n",
    "a: >\n  x\n",
    "- |\n  x\n- |-\n  y\n",
    "|\n x\n",
    "a:\n  |\n  x\n",
    "a: b:c\nd: http://e.f/g\n",
    "a: '#b'\nc: d # e: f\n",
    "a: [b, c] # d\ne: [f]g\n",
    "a:\n\n\n  b: 1\n",
    "a: 1\n---x: 2\n",
];

#[test]
fn edge_cases_agree_with_granit() {
    let bad: Vec<String> = EDGE_CASES.iter().filter_map(|src| differ(src)).collect();
    assert!(bad.is_empty(), "{} of {} differ:\n{}", bad.len(), EDGE_CASES.len(), bad.join("\n\n"));
}

/// A repeated key (go-yaml v2 non-strict decode.go `mapping` keeps the last value; see
/// strict.rs): the fast path keeps every entry as granit does, so `Node::get` and
/// `Node::last_entries` answer the last one whichever path read the document.
/// `Document::distinct_keys` (issue #12: the duplicate-key walk and the strict walk's repeated
/// keys are skipped when it holds): true only when every mapping's keys are strings written
/// once; a repeat in go-yaml's sense (`yes`/`on`, `0x10`/`16`) or in JSON's (`1`/`"1"`), a
/// non-string key or a granit-read document makes it false.
#[test]
fn distinct_keys_only_when_every_key_is_a_string_written_once() {
    let distinct = |src: &str| parse_stream(src).0.iter().map(|d| d.distinct_keys).collect::<Vec<_>>();
    assert_eq!(distinct("a: 1\nb:\n  c: {d: 1, e: 2}\n  k: [x, x]\n  \"f\": 'g'\n---\nh: i\n"), [true, true]);
    // a document granit reads (a flow mapping in a flow sequence): not known
    assert_eq!(distinct("a: [x, {d: 1}]\n"), [false]);
    for repeated in ["a: 1\na: 2\n", "a:\n  b: 1\n  c: 2\n  b: 3\n", "x: {a: 1, a: 2}\n", "- a: 1\n  'a': 2\n", "yes: 1\non: 2\n", "0x10: a\n16: b\n", "1: a\n\"1\": b\n", "~: a\n", "a: &x 1\nb: *x\n"] {
        assert_eq!(distinct(repeated), [false], "{repeated:?}");
        assert!(distinct_keys_wrong(repeated).is_none());
    }
    // the duplicate-key warnings of a repeated key are the same as before (the walk runs)
    let (docs, _) = parse_stream("a: 1\na: 2\n");
    let mut dups = Vec::new();
    crate::core::strict::duplicate_keys(docs[0].root.as_ref().unwrap(), &mut dups);
    assert_eq!(dups.len(), 1);
}

#[test]
fn repeated_keys_read_the_same_last_value_on_both_paths() {
    let filler: String = (0..20).map(|i| format!("f{i}: x\n")).collect();
    let src = format!("a: 1\n{filler}b: {{c: 1, c: 2}}\na: 3\n");
    assert_eq!(accepted(&src), (1, 1));
    check(&src);
    for (docs, _) in [parse_stream(&src), parse_stream_granit(&src)] {
        let root = docs[0].root.as_ref().expect("a document");
        assert_eq!(root.get("a").map(|n| n.text()), Some("3".to_string()));
        assert_eq!(root.get("b").and_then(|b| b.get("c")).map(|n| n.text()), Some("2".to_string()));
        let keys: Vec<String> = root.last_entries().map(|(k, _)| k.text()).collect();
        assert_eq!(keys.len(), 22);
        assert_eq!(keys.last().map(String::as_str), Some("a"));
        let c: Vec<String> = root.get("b").unwrap().last_entries().map(|(_, v)| v.text()).collect();
        assert_eq!(c, vec!["2"]);
    }
}

/// The fast path really reads what kubectl prints and the presets hold (it would be no use
/// declining them), and what it declines is only what it must.
#[test]
fn fast_path_reads_the_common_forms_and_declines_the_rest() {
    for src in ["a:\n- x\n- y: |\n    lit\n  z: [1, 'a']\nb: {c: \"d\"}\n", "- - a\n  - b\n"] {
        assert_eq!(accepted(src), (1, 1), "{src:?}");
    }
    for src in ["a: &x 1\n", "a: *x\n", "a: !!str 1\n", "<<: {}\n", "? a\n", "a: >\n  x\n", "a: b\n  c\n", "a:\tb\n", "a: [[1]]\n"] {
        assert_eq!(accepted(src), (0, 1), "{src:?}");
    }
    for p in crate::core::presets::ALL {
        let (n, of) = accepted(p.yaml);
        assert!(n * 10 >= of * 8, "preset {}: the fast path read {n} of {of} documents", p.id);
    }
}

#[test]
fn presets_agree_with_granit() {
    for p in crate::core::presets::ALL {
        check(p.yaml);
    }
}

#[test]
fn fixtures_and_fuzz_corpora_agree_with_granit() {
    let mut n = 0;
    for dir in ["tests/fixtures", "tests/fuzz/corpus", "tests/fuzz/regressions", "tests/fuzz/slow", "fuzz/seeds", "fuzz/corpus"] {
        for (path, text) in files(dir) {
            if let Some(d) = differ(&text) {
                panic!("{path}: {d}");
            }
            n += 1;
        }
    }
    assert!(n > 100, "only {n} files");
}

/// The synthetic dumps of `./dev bench` (tools/bench_dump.py): every document is read by the
/// fast path, and the same as granit's.
#[test]
fn bench_dumps_agree_with_granit_and_take_the_fast_path() {
    let dir = std::env::temp_dir().join(format!("switchboard-yamlfast-{}", std::process::id()));
    let ok = std::process::Command::new("python3")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/tools/bench_dump.py"))
        .arg(&dir)
        .arg("100")
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "python3 tools/bench_dump.py failed");
    for name in ["pods-100.yaml", "pods-100-list.yaml"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        check(&text);
        let (n, of) = accepted(&text);
        assert_eq!(n, of, "{name}: the fast path read {n} of {of} documents");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Mutated presets (the fuzz suite's structure-aware mutations plus byte-level edits with
/// YAML's indicator characters): the two paths agree on every one.
#[test]
fn mutated_inputs_agree_with_granit() {
    let seeds: Vec<&str> = crate::core::presets::ALL.iter().map(|p| p.yaml).chain(EDGE_CASES.iter().copied()).collect();
    const BYTES: &[&str] = &[" ", "  ", "-", "- ", ":", ": ", "#", " #", "'", "\"", "|", "|-", ">", "[", "]", "{", "}", ",", "\n", "\n  ", "\\", "&a", "*a", "!", "?", "é", "\t", "---\n", "~", "0x", "\\u00e9"];
    let mut accepted_some = 0;
    // YAMLFAST_ITERS=… for a longer run
    let iters = std::env::var("YAMLFAST_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(if cfg!(debug_assertions) { 3000 } else { 30000 });
    let mut rng = Rng::new(std::env::var("YAMLFAST_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5eed_fa57));
    for i in 0..iters {
        let a = seeds[rng.below(seeds.len())];
        let b = seeds[rng.below(seeds.len())];
        let mut text = if i % 2 == 0 { mutate_once(&mut rng, a, b) } else { a.to_string() };
        for _ in 0..1 + rng.below(3) {
            let mut at = rng.below(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            match rng.below(3) {
                0 => text.insert_str(at, BYTES[rng.below(BYTES.len())]),
                1 => {
                    let mut end = (at + 1 + rng.below(3)).min(text.len());
                    while !text.is_char_boundary(end) {
                        end += 1;
                    }
                    text.replace_range(at..end, "");
                }
                _ => text.replace_range(at..at, BYTES[rng.below(BYTES.len())]),
            }
        }
        if let Some(d) = differ(&text) {
            panic!("mutation {i}: {d}");
        }
        let (n, _) = accepted(&text);
        accepted_some += (n > 0) as usize;
    }
    assert!(accepted_some > 500, "the fast path read only {accepted_some} mutated texts");
}

/// Found by the lib tests: the column of each node was counted from its line's start, so one
/// line of many nodes (`[a,a,a,…]`, 2 bytes a node) took quadratic time (minutes for 4 M
/// nodes). Columns are now counted on from the previous node of the line.
#[test]
fn one_long_line_of_many_nodes_is_read_in_linear_time() {
    let src = format!("k: [{}a]\n", "é,".repeat(200_000));
    assert_eq!(accepted(&src), (1, 1));
    let t = std::time::Instant::now();
    let (docs, errs) = parse_stream(&src);
    assert!(errs.is_empty() && docs.len() == 1);
    assert!(t.elapsed() < std::time::Duration::from_secs(if cfg!(debug_assertions) { 5 } else { 1 }), "{:?}", t.elapsed());
    check(&"k: [a, é, b, ü]\n".repeat(3));
}

/// The analysis trims each decoded object's tree (`status`, `metadata.managedFields` and
/// `annotations` after strict decoding; pods', workloads' and nodes' trees after scheduling) and
/// reads the stream one document at a time: the report must be byte for byte the one made with
/// every whole tree kept to the end — every preset, fixture, fuzz corpus file and prefix of the
/// kubectl dump fixture (errors half-way through an object included).
#[test]
fn trimmed_trees_give_the_same_report_as_whole_trees() {
    let cfg = crate::core::config::Config::default();
    let same = |name: &str, text: &str| {
        let (a, b) = (crate::core::analyze(text, &cfg).to_json(), crate::core::analyze_whole_trees(text, &cfg).to_json());
        assert!(a == b, "{name}: the trimmed analysis differs");
    };
    let mut n = 0;
    for p in crate::core::presets::ALL {
        same(p.id, p.yaml);
        n += 1;
    }
    for dir in ["tests/fixtures", "tests/fuzz/corpus", "tests/fuzz/regressions", "fuzz/seeds"] {
        for (path, text) in files(dir) {
            same(&path, &text);
            n += 1;
        }
    }
    let (_, dump) = files("tests/fixtures").into_iter().find(|(p, _)| p.ends_with("kubectl-get-all.yaml")).expect("the kubectl fixture");
    for (i, _) in dump.char_indices().step_by(29) {
        same(&format!("kubectl-get-all.yaml[..{i}]"), &dump[..i]);
        n += 1;
    }
    assert!(n > 100, "only {n} inputs");
}

/// `read_objects_at` (one document of a big text, read from its own first line; the checklist
/// used to pad it with one empty line per line above it): every object and every position is
/// the one the whole text gives, and so is a syntax error's.
#[test]
fn read_objects_at_a_line_gives_the_whole_texts_positions() {
    let (_, dump) = files("tests/fixtures").into_iter().find(|(p, _)| p.ends_with("kubectl-get-all.yaml")).expect("the kubectl fixture");
    let text = format!("{dump}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: late\nspec:\n  ports: [80\n");
    let mut whole_diags = Vec::new();
    let whole = crate::core::read_objects(&text, &mut whole_diags);
    let mut n = 0;
    for (first, chunk) in split_documents(&text) {
        let mut diags = Vec::new();
        let part = crate::core::read_objects_at(chunk, first, &mut diags);
        for o in &part {
            let w = whole.iter().find(|w| w.id() == o.id() && w.source.pos == o.source.pos).unwrap_or_else(|| panic!("{} at {:?} is not in the whole text's objects", o.id(), o.source.pos));
            assert_eq!(format!("{:?}", w.source), format!("{:?}", o.source), "{}", o.id());
            n += 1;
        }
        for d in &diags {
            assert!(whole_diags.iter().any(|w| w.message == d.message && (w.line, w.column) == (d.line, d.column)), "{d:?} is not among the whole text's diagnostics");
        }
    }
    assert!(n >= 5, "only {n} objects");
    assert!(whole_diags.iter().any(|d| d.message.starts_with("error parsing STDIN: error converting YAML to JSON: yaml: ")), "the broken document gives a syntax error");
}

/// The capacity `read_objects` reserves at a source's first document: its `later` + 1, one per
/// chunk of the stream (`src.matches("\n---").count() + 1`); each document counts those after it.
#[test]
fn each_document_counts_the_chunks_after_it() {
    let texts = ["", "---", "\n---", "a: 1\n---\n---\nb: 2\n--x: 3\n", "---\n---\n", "# c\n---\na: 1\n---\n# only a comment\n---\nb: [1]\n"];
    for t in texts.iter().copied().chain(crate::core::presets::ALL.iter().map(|p| p.yaml)) {
        let mut later = Vec::new();
        let errors = crate::core::yaml::for_each_document(t, &mut |d| later.push(d.later));
        assert!(errors.is_empty(), "{t:?}: {errors:?}");
        let n = t.matches("\n---").count() + 1;
        assert_eq!(later, (0..n).rev().collect::<Vec<_>>(), "{t:?}");
    }
}

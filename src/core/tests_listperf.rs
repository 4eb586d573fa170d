//! listperf: a whole-cluster dump is one `kind: List` (`kubectl get all -A -o yaml`); a
//! keystroke inside one of its items re-reads that item alone (core::incremental reads such a
//! List item by item), and every report is still a cold analysis's, byte for byte (the JSON,
//! positions included): edits inside an item, across items, adding and removing items, in the
//! List's own lines, making an item invalid YAML and back, in an object printed twice.

use super::analyze;
use super::config::Config;
use super::incremental::Incremental;
use super::testrng::Rng;

/// A dumped pod as an item of a List (indented by `ind`), its Service's selector label `app`.
fn pod(i: usize, app: &str, ind: &str) -> String {
    let body = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: {app}\n  name: {app}-{i}\n  namespace: ns\n  resourceVersion: \"{}\"\n  uid: 00000000-0000-4000-8000-{i:012}\nspec:\n  containers:\n  - image: app:1\n    name: app\n    ports:\n    - containerPort: 8080\n      name: http\n      protocol: TCP\nstatus:\n  conditions:\n  - status: \"True\"\n    type: Ready\n  hostIP: 10.0.0.10\n  phase: Running\n  podIP: 10.244.0.{}\n  podIPs:\n  - ip: 10.244.0.{}\n",
        100 + i,
        i + 2,
        i + 2
    );
    item(&body, ind)
}

/// A dumped Service as an item of a List.
fn service(s: usize, name: &str, app: &str, ind: &str) -> String {
    let body = format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: ns\n  resourceVersion: \"{}\"\n  uid: 00000000-0000-4000-9000-{s:012}\nspec:\n  clusterIP: 10.96.0.{}\n  clusterIPs:\n  - 10.96.0.{}\n  ports:\n  - name: http\n    port: 80\n    protocol: TCP\n    targetPort: http\n  selector:\n    app: {app}\n  type: ClusterIP\n",
        900 + s,
        s + 20,
        s + 20
    );
    item(&body, ind)
}

/// `body` as an item of a List whose `-` is indented by `ind` (as tools/bench_dump.py's
/// indent_item, kubectl's: `- ` then the object's lines indented by two).
fn item(body: &str, ind: &str) -> String {
    let mut lines = body.lines();
    let mut out = format!("{ind}- {}\n", lines.next().unwrap_or_default());
    for l in lines {
        out.push_str(&format!("{ind}  {l}\n"));
    }
    out
}

/// A dump as kubectl prints it: one List of 6 pods and 3 Services (`twice`: the pods printed
/// again after the Services with one uid, `kubectl get all,pods -A -o yaml`).
fn dump(twice: bool, ind: &str) -> String {
    let mut items = String::new();
    let pods: Vec<String> = (0..6).map(|i| pod(i, &format!("app-{}", i / 2), ind)).collect();
    for p in &pods {
        items.push_str(p);
    }
    for s in 0..3 {
        items.push_str(&service(s, &format!("svc-{s}"), &format!("app-{s}"), ind));
    }
    if twice {
        for p in &pods {
            items.push_str(p);
        }
    }
    format!("apiVersion: v1\nitems:\n{items}kind: List\nmetadata:\n  resourceVersion: \"\"\n")
}

/// `inc` analysed equals a cold analysis of its text, byte for byte.
fn same(inc: &mut Incremental, cfg: &Config, what: &str) {
    let (got, want) = (inc.analyze(cfg).to_json(), analyze(inc.text(), cfg).to_json());
    if got != want {
        panic!("{what}: the incremental report differs\ntext:\n{}\nincremental:\n{got}\ncold:\n{want}", inc.text());
    }
    // (the node budget followed through the splices is the one a fresh read counts)
    let mut fresh = Incremental::new();
    fresh.set(inc.text().to_string());
    fresh.analyze(cfg);
    assert_eq!(inc.nodes(), fresh.nodes(), "{what}: the nodes counted");
}

/// Replace the first `from` after the first `after` with `to`; true when only items were read.
fn edit(inc: &mut Incremental, after: &str, from: &str, to: &str) -> bool {
    let a = inc.text().find(after).unwrap_or_else(|| panic!("{after:?}"));
    let at = a + inc.text()[a..].find(from).unwrap_or_else(|| panic!("{from:?}"));
    let docs = inc.docs_read;
    assert!(inc.splice(at, at + from.len(), to));
    inc.docs_read == docs
}

fn fresh(text: &str, cfg: &Config) -> Incremental {
    let mut inc = Incremental::new();
    inc.set(text.to_string());
    same(&mut inc, cfg, "before any edit");
    inc
}

#[test]
fn a_keystroke_inside_an_item_of_a_list_reads_that_item_alone() {
    let cfg = Config::default();
    for ind in ["", "  "] {
        let mut inc = fresh(&dump(false, ind), &cfg);
        assert!(inc.reads_items());
        for k in 0..3 {
            let items = inc.items_read;
            assert!(edit(&mut inc, "name: svc-1", "svc-1", &format!("svc-1{}", "x".repeat(k + 1))), "{ind:?}: only items read");
            assert_eq!(inc.items_read, items + 1, "one item read again");
            same(&mut inc, &cfg, "a Service's name typed into");
        }
        // Enter in the first pod: every later item moves a line down (their positions shift)
        assert!(edit(&mut inc, "name: app-0-0", &format!("\n{ind}    namespace"), &format!("\n{ind}    \n{ind}    namespace")));
        same(&mut inc, &cfg, "a blank line in the first pod");
        // a pod's port made invalid: its diagnostic is at its line, and moves with the line above
        assert!(edit(&mut inc, "name: app-2-5", "containerPort: 8080", "containerPort: 0"));
        same(&mut inc, &cfg, "a port made 0");
        assert!(edit(&mut inc, "name: app-0-0", &format!("{ind}    \n"), ""));
        same(&mut inc, &cfg, "the blank line removed");
    }
}

/// A duplicate key's message quotes its line ("line N: key … already set"): an item holding
/// one is read again, not shifted, when an edit above it moves it.
#[test]
fn an_item_whose_message_quotes_a_line_is_read_again_when_it_moves() {
    let cfg = Config::default();
    let text = dump(false, "").replace("    name: svc-2\n", "    name: svc-2\n    name: svc-2b\n");
    let mut inc = fresh(&text, &cfg);
    assert!(inc.analyze(&cfg).diagnostics.iter().any(|d| d.message.contains("line ")));
    assert!(edit(&mut inc, "name: app-0-0", "    namespace: ns\n", "    namespace: ns\n\n\n"));
    same(&mut inc, &cfg, "two lines above the duplicate key");
}

#[test]
fn edits_across_items_and_adding_or_removing_items_equal_a_cold_analysis() {
    let cfg = Config::default();
    let text = dump(false, "");
    let mut inc = fresh(&text, &cfg);
    // from inside the second pod to inside the third: two items become one
    let a = inc.text().find("name: app-0-1").unwrap();
    let b = inc.text().find("name: app-1-2").unwrap();
    let docs = inc.docs_read;
    assert!(inc.splice(a, b, ""));
    assert_eq!(inc.docs_read, docs, "items read, not the List");
    same(&mut inc, &cfg, "two items made one");
    // an item added (pasted before the first Service) and removed
    let svc = inc.text().find("- apiVersion: v1\n  kind: Service").unwrap();
    let cm = "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm\n    namespace: ns\n  data:\n    k: v\n";
    let pasted = format!("{cm}{}", service(7, "svc-7", "app-1", ""));
    let docs = inc.docs_read;
    assert!(inc.splice(svc, svc, &pasted));
    assert_eq!(inc.docs_read, docs);
    same(&mut inc, &cfg, "a ConfigMap and a Service added");
    assert!(inc.splice(svc, svc + cm.len(), ""));
    same(&mut inc, &cfg, "the ConfigMap removed");
    // the last item removed whole, then every item but the first
    let last = inc.text().rfind("- apiVersion").unwrap();
    let end = inc.text().find("kind: List").unwrap();
    assert!(inc.splice(last, end, ""));
    same(&mut inc, &cfg, "the last item removed");
    let second = inc.text()["apiVersion: v1\nitems:\n- ".len()..].find("\n- ").unwrap() + "apiVersion: v1\nitems:\n- ".len() + 1;
    let end = inc.text().find("kind: List").unwrap();
    assert!(inc.splice(second, end, ""));
    same(&mut inc, &cfg, "one item left");
    // a line typed at the items' indentation ends them (the List's lines change): read whole
    let docs = inc.docs_read;
    assert!(!edit(&mut inc, "name: app-0-0", "  namespace: ns\n", "  namespace: ns\nextra: 1\n"));
    assert!(inc.docs_read > docs);
    same(&mut inc, &cfg, "a key at the first column inside an item");
    assert!(!edit(&mut inc, "name: app-0-0", "extra: 1\n", ""));
    same(&mut inc, &cfg, "and removed");
    // a line deeper than the items' `-` typed before the first item joins nothing: read whole
    assert!(!edit(&mut inc, "items:\n", "items:\n", "items:\n  # c\n"));
    same(&mut inc, &cfg, "a comment before the first item");
}

#[test]
fn edits_to_the_lists_own_lines_read_it_whole() {
    let cfg = Config::default();
    let text = dump(true, "");
    for (from, to) in [
        ("apiVersion: v1\nitems", "apiVersion: v2\nitems"),
        ("kind: List", "kind: PodList"),
        ("kind: List", "kind: Lis"),
        ("resourceVersion: \"\"", "resourceVersion: \"1\""),
        ("items:\n", "items: \n"),
        ("items:\n", "itemz:\n"),
        ("kind: List\n", "items: []\nkind: List\n"),
        ("kind: List\n", "# end\nkind: List\n"),
        ("kind: List\n", "  extra: 1\nkind: List\n"),
    ] {
        let mut inc = fresh(&text, &cfg);
        let at = text.rfind(from).unwrap();
        assert!(inc.splice(at, at + from.len(), to));
        same(&mut inc, &cfg, &format!("{from:?} -> {to:?}"));
        // and a keystroke inside an item after it
        edit(&mut inc, "name: svc-0", "svc-0", "svc-0x");
        same(&mut inc, &cfg, &format!("{from:?} -> {to:?}, then a keystroke"));
    }
}

#[test]
fn an_item_made_invalid_yaml_and_back_equals_a_cold_analysis() {
    let cfg = Config::default();
    let mut inc = fresh(&dump(false, ""), &cfg);
    for (from, to) in [("name: svc-1", "name: \"svc-1"), ("name: svc-1", "name: {svc-1"), ("    app: app-1\n", "    app: app-1\n\tx: 1\n"), ("  type: ClusterIP\n", "  type: ClusterIP\n    bad\n")] {
        let docs = inc.docs_read;
        assert!(!edit(&mut inc, "kind: Service", from, to), "{to:?}: the List read whole");
        assert!(inc.docs_read > docs);
        let r = inc.analyze(&cfg);
        same(&mut inc, &cfg, &format!("{to:?}"));
        assert!(r.diagnostics.iter().any(|d| d.code == "YAMLSyntax") || r.services.is_empty() || to.contains('\t'), "{to:?}: {:?}", r.diagnostics);
        edit(&mut inc, "kind: Service", to, from);
        same(&mut inc, &cfg, &format!("{to:?} undone"));
        // read item by item again
        assert!(edit(&mut inc, "name: svc-0", "svc-0", "svc-0y"), "{to:?}: item by item again");
        same(&mut inc, &cfg, "a keystroke after");
        assert!(edit(&mut inc, "name: svc-0y", "svc-0y", "svc-0"));
    }
    // an anchor and an alias in one item: the List read whole while they are there
    assert!(!edit(&mut inc, "name: svc-0", "    app: app-0\n", "    app: &a app-0\n    tier: *a\n"));
    same(&mut inc, &cfg, "an alias");
    assert!(!inc.reads_items());
    assert!(!edit(&mut inc, "name: svc-1", "svc-1", "svc-1z"), "aliases in the List: read whole");
    same(&mut inc, &cfg, "a keystroke beside an alias");
}

/// `kubectl get all,pods -A -o yaml`: every pod printed twice with one uid. A keystroke in a
/// Service reads that item alone and keeps what replaced_objects said; an edit to a copy's
/// uid (no longer the same object) and back equals a cold analysis.
#[test]
fn an_edit_in_an_object_printed_twice_equals_a_cold_analysis() {
    let cfg = Config::default();
    let mut inc = fresh(&dump(true, ""), &cfg);
    assert!(inc.analyze(&cfg).diagnostics.iter().any(|d| d.code == "PrintedTwice"));
    let (runs, aside) = (inc.replaced_runs, inc.set_aside_runs);
    assert_eq!(aside, 1);
    for k in 0..3 {
        assert!(edit(&mut inc, "name: svc-2", "svc-2", "svc-2x"));
        same(&mut inc, &cfg, &format!("a Service typed into, {k}"));
    }
    assert_eq!(inc.replaced_runs, runs, "replaced_objects kept");
    assert_eq!(inc.set_aside_runs, aside, "the copies left out stay aside");
    let uid = inc.text().rfind("uid: 00000000-0000-4000-8000-000000000003").unwrap() + "uid: ".len();
    assert!(inc.splice(uid, uid + 1, "1"));
    same(&mut inc, &cfg, "the second copy's uid edited");
    assert!(inc.splice(uid, uid + 1, "0"));
    same(&mut inc, &cfg, "and back");
    assert!(edit(&mut inc, "name: app-1-3", "app: app-1", "app: app-9"));
    same(&mut inc, &cfg, "the first copy's label edited");
    // a line added in a Service moves the objects after it: put back, and set aside again
    let aside = inc.set_aside_runs;
    assert!(edit(&mut inc, "name: svc-0", "    namespace: ns\n", "    namespace: ns\n\n"));
    same(&mut inc, &cfg, "a blank line in a Service");
    assert_eq!(inc.set_aside_runs, aside + 1);
    // in a multi-document stream too
    let text = dump(true, "").replace("apiVersion: v1\nitems:\n- ", "---\n").replace("\n- apiVersion", "\n---\napiVersion").replace("\n  ", "\n");
    let text = &text[..text.find("kind: List").unwrap()];
    let mut inc = fresh(text, &cfg);
    assert!(!inc.reads_items());
    for k in 0..3 {
        assert!(!edit(&mut inc, "name: svc-1", "svc-1", "svc-1x"), "documents read");
        same(&mut inc, &cfg, &format!("a Service typed into, stream, {k}"));
    }
    assert_eq!(inc.set_aside_runs, 1);
    edit(&mut inc, "name: app-0-1", "app-0-1", "app-0-1x");
    same(&mut inc, &cfg, "a copy's name typed into, stream");
}

/// A typed list (`kubectl get --raw /api/v1/pods`: a PodList, its items without kind or
/// apiVersion) reads item by item too, each item given the List's kind.
#[test]
fn a_typed_list_reads_item_by_item() {
    let cfg = Config::default();
    let text = dump(false, "").replace("- apiVersion: v1\n  kind: Pod\n  metadata:", "- metadata:").replace("kind: List\n", "kind: PodList\n");
    let text = text.replace("- apiVersion: v1\n  kind: Service\n", "- kind: Service\n  apiVersion: v1\n");
    let mut inc = fresh(&text, &cfg);
    assert!(edit(&mut inc, "name: app-0-1", "app-0-1", "app-0-1x"));
    same(&mut inc, &cfg, "a pod's name typed into");
    assert!(edit(&mut inc, "- metadata:", "- metadata:", "- apiVersion: v1\n  metadata:"));
    same(&mut inc, &cfg, "an item given its own apiVersion");
}

/// What is typed into a List: characters, line breaks at and below the items' indentation,
/// item starts, whole items, document markers, broken YAML.
const SNIPPETS: &[&str] = &[
    "x",
    "7",
    " ",
    "é",
    "\n",
    "\n  ",
    "\n- ",
    "\n  - ",
    "- ",
    "-",
    ": ",
    "  ",
    "\n---\n",
    "# c\n",
    "\t",
    "{",
    "\"",
    "&a ",
    "*a",
    "  name: dup\n",
    "\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm\n",
    "- apiVersion: v1\n  kind: Service\n  metadata:\n    name: svc-0\n    namespace: ns\n  spec:\n    ports:\n    - port: 80\n",
];

/// Random splices in Lists (kubectl's, indented items, printed twice): after each, the
/// report equals a cold analysis's.
#[test]
fn random_splices_in_a_list_equal_a_cold_analysis() {
    // (SWITCHBOARD_LISTPERF_SEED=N: other splices, to look further)
    let seed = std::env::var("SWITCHBOARD_LISTPERF_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x1157_9e7f_0000_0001);
    let mut rng = Rng(seed);
    let cfg = Config::default();
    let (mut splices, mut items_only) = (0, 0);
    for text in [dump(false, ""), dump(true, ""), dump(false, "  "), include_str!("../../tests/fixtures/kubectl-get-all.yaml").to_string()] {
        let mut inc = fresh(&text, &cfg);
        let mut mirror = text.clone();
        let mut cursor = rng.below(mirror.len());
        for step in 0..150 {
            // (episodes of 10 splices from the List as printed: a tab or an alias typed early
            // would keep it read whole)
            if step % 10 == 0 {
                inc.set(text.clone());
                mirror.clone_from(&text);
                same(&mut inc, &cfg, "set again");
            }
            let len = mirror.len();
            let bound = |t: &str, mut p: usize| {
                while !t.is_char_boundary(p) {
                    p -= 1;
                }
                p
            };
            let (start, end) = match rng.below(8) {
                0 => {
                    let a = bound(&mirror, rng.below(len + 1));
                    (a, bound(&mirror, (a + rng.below(300)).min(len)))
                }
                1 | 2 => {
                    let a = bound(&mirror, rng.below(len + 1));
                    (a, bound(&mirror, (a + rng.below(3)).min(len)))
                }
                _ => {
                    let a = bound(&mirror, cursor.min(len));
                    (a, a)
                }
            };
            // (mostly characters, as typed)
            let insert = match rng.below(8) {
                _ if end > start && rng.below(4) == 0 => "",
                0..=4 => SNIPPETS[rng.below(4)],
                _ => SNIPPETS[rng.below(SNIPPETS.len())],
            };
            cursor = start + insert.len();
            let docs = inc.docs_read;
            assert!(inc.splice(start, end, insert));
            mirror.replace_range(start..end, insert);
            assert_eq!(inc.text(), mirror);
            splices += 1;
            items_only += usize::from(inc.docs_read == docs);
            if rng.below(3) != 0 {
                same(&mut inc, &cfg, &format!("step {step}, splice {start}..{end} <- {insert:?}"));
            }
        }
        same(&mut inc, &cfg, "at the end");
    }
    assert!(splices == 600 && items_only > 60, "{splices} splices, {items_only} read items alone");
}

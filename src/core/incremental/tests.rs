//! The incremental analysis against a fresh [`crate::core::analyze`] after every one of many
//! random splices: the report JSON must be byte-identical (positions included).

use super::Incremental;
use crate::core::analyze;
use crate::core::config::Config;
use crate::core::presets;

/// The same splices on every run.
use crate::core::testrng::Rng;

/// What is typed or pasted: characters, line breaks, document separators, whole documents
/// (a List, a broken one, one with a duplicate key whose message quotes its line, an
/// Endpoints that fails validation, a kind that is not modelled, an object defined again),
/// non-ASCII text.
const SNIPPETS: &[&str] = &[
    "x",
    "7",
    " ",
    "\n",
    "\n\n",
    "-",
    "---",
    "---\n",
    "\n---\n",
    "\n--- \n",
    "# comment\n",
    ": ",
    "  ",
    "é",
    "{",
    "\"",
    "  name: dup\n",
    "    app: web\n",
    "\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: extra\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 8080\n      name: http\n",
    "\n---\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata:\n    name: listed\n  spec:\n    selector:\n      app: web\n    ports:\n    - port: 80\n",
    "\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: dupe\n  name: dupe2\nspec:\n  ports:\n  - port: 80\n",
    "\n---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: manual\nsubsets:\n- addresses:\n  - ip: 999.1.1.1\n",
    "\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: v\n",
    "\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: Bad_Name\n  labels:\n    app: -web\nspec:\n  hostname: Not_OK\n  containers:\n  - name: c\n",
    "\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n",
    "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad_NS\n",
    "\n---\nkind: [unclosed\n",
    // an object the presets define already: the later definition replaces the earlier one
    "\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 8080\n",
    "\n---\n&a [*a]\n",
    // a CustomResource named like a built-in kind (corpus5: knative's Service): ignored, not modelled
    "\n---\napiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - image: nginx\n",
];

fn scenes() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = presets::ALL.iter().map(|p| (p.id.to_string(), p.yaml.to_string())).collect();
    out.push(("kubectl-get-all".into(), include_str!("../../../tests/fixtures/kubectl-get-all.yaml").into()));
    // `kubectl get all,pods -o yaml`: a pod printed twice with one uid (one copy left out)
    out.push(("dup-all-pods".into(), include_str!("../../../tests/fixtures/dumps6/dup-all-pods.yaml").into()));
    // several scenes in one stream (a leading `---`, empty documents between them)
    let all: Vec<&str> = presets::ALL.iter().take(6).map(|p| p.yaml).collect();
    out.push(("six presets".into(), format!("---\n{}\n---\n---\n", all.join("\n---\n"))));
    out.push(("empty".into(), String::new()));
    // session 6's kinds and rules: a Service range read off `kubernetes`, an Ingress and a
    // NetworkPolicy looking at the Services, a Job's pods, an object defined twice
    out.push((
        "ingress, netpol, job, range".into(),
        "apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default}\nspec:\n  clusterIP: 172.20.0.1\n  ports: [{name: https, port: 443, targetPort: 6443}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  clusterIP: 172.20.3.4\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n---\n\
apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 8080}]}]}\n---\n\
apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n  - host: web.example.com\n    http:\n      paths:\n      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 8080}}}}\n      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}\n---\n\
apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n  - from: [{podSelector: {matchLabels: {app: frontend}}}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: workers}\nspec:\n  clusterIP: None\n  selector: {job-name: workers}\n  ports: [{port: 7000}]\n---\n\
apiVersion: batch/v1\nkind: Job\nmetadata: {name: workers}\nspec:\n  completions: 2\n  completionMode: Indexed\n  template:\n    spec:\n      subdomain: workers\n      restartPolicy: Never\n      containers: [{name: w, image: busybox}]\n---\n\
apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 81, targetPort: 8080}]\n"
            .into(),
    ));
    out
}

fn boundary(t: &str, mut p: usize) -> usize {
    while !t.is_char_boundary(p) {
        p -= 1;
    }
    p
}

/// A random splice of `text`: mostly small edits near a cursor that wanders, sometimes at the
/// start or the end, sometimes a deletion across several documents.
fn random_splice(rng: &mut Rng, text: &str, cursor: &mut usize) -> (usize, usize, String) {
    let len = text.len();
    let (start, end) = match rng.below(10) {
        0 => (0, boundary(text, rng.below(4).min(len))),
        1 => (len, len),
        2 => {
            let a = boundary(text, rng.below(len + 1));
            (a, boundary(text, (a + rng.below(400)).min(len)))
        }
        3 | 4 => {
            let a = boundary(text, rng.below(len + 1));
            (a, boundary(text, (a + rng.below(3)).min(len)))
        }
        _ => {
            let a = boundary(text, (*cursor).min(len));
            (a, a)
        }
    };
    let insert = if rng.below(4) == 0 && end > start { String::new() } else { SNIPPETS[rng.below(SNIPPETS.len())].to_string() };
    *cursor = start + insert.len();
    (start, end, insert)
}

#[test]
fn incremental_reports_equal_a_fresh_analysis_after_every_random_splice() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut splices = 0;
    for (name, text) in scenes() {
        let drained = Config { drained: vec!["node-1".into()], deleted_pods: vec!["default/web-0".into()], ..Config::default() };
        for cfg in [Config::default(), Config { cloud: true, nodes: 5, ..Config::default() }, drained] {
            let mut inc = Incremental::new();
            inc.set(text.clone());
            let mut mirror = text.clone();
            assert_eq!(inc.analyze(&cfg).to_json(), analyze(&mirror, &cfg).to_json(), "{name}: before any splice");
            let mut cursor = rng.below(mirror.len() + 1);
            for step in 0..120 {
                let (start, end, insert) = random_splice(&mut rng, &mirror, &mut cursor);
                assert!(inc.splice(start, end, &insert));
                mirror.replace_range(start..end, &insert);
                assert_eq!(inc.text(), mirror);
                splices += 1;
                // analysed after most splices; sometimes several splices land before one analysis
                if rng.below(4) != 0 {
                    let (got, want) = (inc.analyze(&cfg).to_json(), analyze(&mirror, &cfg).to_json());
                    if got != want {
                        panic!("{name}, step {step}, splice {start}..{end} <- {insert:?}: the incremental report differs\ntext:\n{mirror}\nincremental:\n{got}\nfresh:\n{want}");
                    }
                }
            }
            assert_eq!(inc.analyze(&cfg).to_json(), analyze(&mirror, &cfg).to_json(), "{name}: at the end");
        }
    }
    assert!(splices > 6000, "{splices}");
}

/// A splice that is not at char boundaries changes nothing and says so.
#[test]
fn a_splice_inside_a_character_is_refused() {
    let mut inc = Incremental::new();
    inc.set("name: é\n".into());
    inc.analyze(&Config::default());
    assert!(!inc.splice(7, 7, "x"));
    assert!(!inc.splice(3, 2, ""));
    assert!(!inc.splice(0, 99, ""));
    assert_eq!(inc.text(), "name: é\n");
}

/// Typing Enter at the top moves every later document a line down: their positions shift
/// (a duplicate key's message, which quotes its line, is read again), as a fresh analysis has them.
#[test]
fn documents_below_an_edit_move_with_it() {
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\nspec:\n  ports:\n  - port: 80\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: b\nspec:\n  containers:\n  - name: c\n    bogus: 1\n";
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(format!("---\n{text}"));
    inc.analyze(&cfg);
    assert!(inc.splice(0, 0, "\n\n"));
    let r = inc.analyze(&cfg);
    assert_eq!(r.to_json(), analyze(inc.text(), &cfg).to_json());
    assert!(r.diagnostics.iter().any(|d| d.message.contains("line 8:")), "{:?}", r.diagnostics);
    assert!(r.diagnostics.iter().any(|d| d.line == 22), "{:?}", r.diagnostics);
}

/// Near the stream's alias budget a document's reading depends on the ones before it (the
/// budget is shared): the whole text is analysed then, and again incrementally once an edit
/// brings the stream back under it.
#[test]
fn over_the_alias_budget_the_whole_text_is_analysed() {
    let bomb = format!(
        // (a kind and an apiVersion: a document kubectl's validation refuses stops the stream
        // before the next one is read — corpfix13 — and the bomb would never be met)
        "apiVersion: example.com/v1\nkind: Bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [{}]\nc: &c [{}]\nd: [{}]\n",
        ["*a"; 10].join(", "),
        ["*b"; 10].join(", "),
        ["*c"; 45].join(", ")
    );
    let text = format!("{bomb}---\n{bomb}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n");
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(text.clone());
    let r = inc.analyze(&cfg);
    assert!(r.diagnostics.iter().any(|d| d.message.contains("alias bomb")), "{:?}", r.diagnostics);
    assert_eq!(r.to_json(), analyze(&text, &cfg).to_json());
    // the second bomb removed: under the budget again
    let second = text.find("---\n").unwrap() + 4;
    assert!(inc.splice(second, second + bomb.len(), ""));
    let mut mirror = text.clone();
    mirror.replace_range(second..second + bomb.len(), "");
    let r = inc.analyze(&cfg);
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("alias bomb")));
    assert_eq!(r.to_json(), analyze(&mirror, &cfg).to_json());
    // and back over it, then random edits around the line
    assert!(inc.splice(second, second, &bomb));
    mirror.replace_range(second..second, &bomb);
    assert_eq!(inc.analyze(&cfg).to_json(), analyze(&mirror, &cfg).to_json());
    let mut rng = Rng(7);
    let mut cursor = second;
    for _ in 0..40 {
        let (start, end, insert) = random_splice(&mut rng, &mirror, &mut cursor);
        assert!(inc.splice(start, end, &insert));
        mirror.replace_range(start..end, &insert);
        assert_eq!(inc.analyze(&cfg).to_json(), analyze(&mirror, &cfg).to_json(), "{start}..{end} <- {insert:?}");
    }
}

/// An object defined again (mod.rs replaced_objects: `kubectl apply -f` ends with the later
/// manifest): the earlier one is set aside while the later stages run and put back in its place,
/// so adding, editing and removing the later definition each give what a fresh analysis gives.
#[test]
fn an_object_defined_again_is_set_aside_and_put_back() {
    let svc = |port: u32| format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - port: {port}\n");
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n";
    let cfg = Config::default();
    let mut inc = Incremental::new();
    let mut mirror = format!("{}---\n{pod}", svc(80));
    inc.set(mirror.clone());
    assert_eq!(inc.analyze(&cfg).to_json(), analyze(&mirror, &cfg).to_json());
    // the same Service again, after the pod
    let again = format!("---\n{}", svc(8080));
    let at = mirror.len();
    assert!(inc.splice(at, at, &again));
    mirror.push_str(&again);
    let r = inc.analyze(&cfg);
    assert_eq!(r.to_json(), analyze(&mirror, &cfg).to_json());
    assert_eq!(r.services.len(), 1);
    assert_eq!(r.services[0].ports.iter().map(|p| p.port).collect::<Vec<_>>(), vec![8080]);
    assert!(r.diagnostics.iter().any(|d| d.code == "DefinedAgain" && d.line == 1), "{:?}", r.diagnostics);
    // an edit above moves both; the warning names the later one's new line
    assert!(inc.splice(0, 0, "\n"));
    mirror.insert(0, '\n');
    assert_eq!(inc.analyze(&cfg).to_json(), analyze(&mirror, &cfg).to_json());
    // the later one removed: the earlier one is back, as it was
    assert!(inc.splice(at + 1, mirror.len(), ""));
    mirror.truncate(at + 1);
    let r = inc.analyze(&cfg);
    assert_eq!(r.to_json(), analyze(&mirror, &cfg).to_json());
    assert_eq!(r.services[0].ports.iter().map(|p| p.port).collect::<Vec<_>>(), vec![80]);
    assert!(!r.diagnostics.iter().any(|d| d.code == "DefinedAgain"));
}

/// A keystroke in one Service's name: the cluster is not built again (core::ClusterCache), the
/// other Services' reports, the pods and their DNS records are the last analysis's (shared,
/// core::ServiceCache), and the report is still a fresh analysis's; other options, an edit to a
/// pod, or a line added above pods make everything again.
#[test]
fn an_edit_to_one_service_reuses_the_others() {
    use std::sync::Arc;
    let svc = |n: &str| format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: {n}\nspec:\n  selector:\n    app: {n}\n  ports:\n  - port: 80\n    targetPort: web\n");
    let pod = |n: &str| format!("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {n}-0\n  labels:\n    app: {n}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - name: web\n      containerPort: 8080\n");
    let text = &[svc("a"), svc("b"), pod("a"), pod("b"), svc("c")].join("---\n");
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(text.to_string());
    let a = inc.analyze(&cfg);
    let built = inc.kept.cluster.gen;
    let at = text.find("kind: Service").unwrap();
    let name = at + text[at..].find("  name: ").unwrap() + "  name: ".len();
    assert!(inc.splice(name, name, "x"));
    let b = inc.analyze(&cfg);
    assert_eq!(b.to_json(), analyze(inc.text(), &cfg).to_json());
    assert_eq!(inc.kept.cluster.gen, built, "the cluster is not built again");
    assert!(Arc::ptr_eq(&a.pods, &b.pods) && Arc::ptr_eq(&a.pod_dns_records, &b.pod_dns_records));
    let shared = |x: &crate::core::report::Report, y: &crate::core::report::Report| x.services.iter().filter(|s| y.services.iter().any(|t| Arc::ptr_eq(s, t))).count();
    assert_eq!(shared(&b, &a), b.services.len() - 1);
    // other options: nothing is reused
    let cloud = Config { cloud: true, ..Config::default() };
    let c = inc.analyze(&cloud);
    assert_eq!(c.to_json(), analyze(inc.text(), &cloud).to_json());
    assert!(!Arc::ptr_eq(&b.pods, &c.pods));
    assert_eq!(shared(&c, &b), 0);
    assert_eq!(inc.kept.cluster.gen, built + 1);
    // a pod's label edited: the cluster changed
    let pod = inc.text().find("kind: Pod").unwrap();
    let label = pod + inc.text()[pod..].find("labels:\n").unwrap() + "labels:\n".len();
    let line_end = label + inc.text()[label..].find('\n').unwrap();
    assert!(inc.splice(line_end, line_end, "x"));
    let d = inc.analyze(&cloud);
    assert_eq!(d.to_json(), analyze(inc.text(), &cloud).to_json());
    assert_eq!(shared(&d, &c), 0);
    assert_eq!(inc.kept.cluster.gen, built + 2);
    // a line added in a Service moves the pods below it: built again (an empty line: one in
    // the middle of the name would break the YAML, and a broken stream is read whole —
    // Incremental::stops)
    let line = name - "  name: ".len();
    assert!(inc.splice(line, line, "\n"));
    let e = inc.analyze(&cloud);
    assert_eq!(e.to_json(), analyze(inc.text(), &cloud).to_json());
    assert_eq!(inc.kept.cluster.gen, built + 3);
}

/// The page's path decodes as the CLI does: a CustomResource named like a built-in kind
/// (knative's serving.knative.dev/v1 Service) is an IgnoredKind note, not a refused core Service
/// (k8s.io/apimachinery pkg/api/meta/restmapper.go DefaultRESTMapper.RESTMapping maps by group).
#[test]
fn a_custom_resource_named_like_a_builtin_is_ignored_here_too() {
    let text = include_str!("../../../tests/fixtures/corpus5/fr01-knative-service.yaml");
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(format!("# top\n{text}"));
    let r = inc.analyze(&cfg);
    assert!(inc.splice(0, 0, "\n"));
    let r2 = inc.analyze(&cfg);
    assert_eq!(r2.to_json(), analyze(inc.text(), &cfg).to_json());
    for (r, line) in [(r, 2), (r2, 3)] {
        assert!(r.diagnostics.iter().all(|d| d.severity != crate::core::diag::Severity::Error), "{:?}", r.diagnostics);
        let d = r.diagnostics.iter().find(|d| d.code == "IgnoredKind").expect("note");
        assert_eq!(d.line, line);
        assert!(d.message.starts_with("Service (serving.knative.dev/v1) is a custom resource"), "{}", d.message);
    }
}

/// A dump that prints each pod twice with one uid (`kubectl get all,pods -o yaml`; mod.rs
/// replaced_objects leaves the earlier copy out): a keystroke in a Service's name leaves out the
/// same copies, so the cluster is not built again and the other Services' reports are reused
/// (dumpfix7: every keystroke re-analysed the whole dump); a copy no longer left out (its uid
/// edited) makes the cluster again. Reports equal a fresh analysis's throughout.
#[test]
fn a_dump_printing_pods_twice_keeps_the_caches() {
    use std::sync::Arc;
    let text = include_str!("../../../tests/fixtures/dumps6/dup-all-pods.yaml");
    let svc = |n: &str| format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {n}\n  namespace: kubevious\nspec:\n  selector:\n    app: {n}\n  ports:\n  - port: 80\n");
    let text = format!("{text}{}{}", svc("a"), svc("b"));
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(text.clone());
    let a = inc.analyze(&cfg);
    assert_eq!(a.to_json(), analyze(&text, &cfg).to_json());
    assert!(a.diagnostics.iter().any(|d| d.code == "PrintedTwice"));
    let built = inc.kept.cluster.gen;
    let at = text.rfind("name: a\n").unwrap() + "name: a".len();
    assert!(inc.splice(at, at, "x"));
    let b = inc.analyze(&cfg);
    assert_eq!(b.to_json(), analyze(inc.text(), &cfg).to_json());
    assert_eq!(inc.kept.cluster.gen, built, "the cluster is not built again");
    assert!(inc.kept.cluster.valid, "and is kept for the next keystroke");
    assert!(Arc::ptr_eq(&a.pods, &b.pods));
    let shared = b.services.iter().filter(|s| a.services.iter().any(|t| Arc::ptr_eq(s, t))).count();
    assert_eq!(shared, b.services.len() - 1);
    // the second copy's uid edited: two objects of one name now, another one left out
    let uid = inc.text().rfind("uid: 2da16374").unwrap() + "uid: ".len();
    assert!(inc.splice(uid, uid + 1, "3"));
    let c = inc.analyze(&cfg);
    assert_eq!(c.to_json(), analyze(inc.text(), &cfg).to_json());
    assert_eq!(inc.kept.cluster.gen, built + 1);
    assert!(inc.splice(uid, uid + 1, "2"));
    assert_eq!(inc.analyze(&cfg).to_json(), analyze(inc.text(), &cfg).to_json());
}

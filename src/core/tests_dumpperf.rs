//! dumpperf: the incremental analysis of whole-cluster dumps (issue #12) keeps what an edit did
//! not touch, and its report is still a fresh analysis's (byte-identical JSON) — with the
//! Endpoints and EndpointSlices every real dump has (core::ServiceCache keyed on the ones naming
//! each Service), and with pods printed twice (core::incremental keeps replaced_objects' result).

use std::sync::Arc;

use super::analyze;
use super::config::Config;
use super::incremental::Incremental;
use super::report::Report;

/// A dumped pod (as tools/bench_dump.py prints one), its Service's selector label `app`.
fn pod(i: usize, app: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    app: {app}\n  name: {app}-{i}\n  namespace: ns\n  resourceVersion: \"{}\"\n  uid: 00000000-0000-4000-8000-{i:012}\nspec:\n  containers:\n  - image: app:1\n    name: app\n    ports:\n    - containerPort: 8080\n      name: http\n      protocol: TCP\nstatus:\n  conditions:\n  - status: \"True\"\n    type: Ready\n  containerStatuses:\n  - image: app:1\n    name: app\n    ready: true\n    restartCount: 0\n  hostIP: 10.0.0.10\n  phase: Running\n  podIP: 10.244.0.{}\n  podIPs:\n  - ip: 10.244.0.{}\n",
        100 + i,
        i + 2,
        i + 2
    )
}

/// A dumped Service (`selector: None`: none).
fn service(s: usize, name: &str, selector: Option<&str>) -> String {
    let sel = selector.map(|a| format!("  selector:\n    app: {a}\n")).unwrap_or_default();
    format!(
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: ns\n  resourceVersion: \"{}\"\n  uid: 00000000-0000-4000-9000-{s:012}\nspec:\n  clusterIP: 10.96.0.{}\n  clusterIPs:\n  - 10.96.0.{}\n  ports:\n  - name: http\n    port: 80\n    protocol: TCP\n    targetPort: http\n{sel}  type: ClusterIP\n",
        900 + s,
        s + 20,
        s + 20
    )
}

/// The Endpoints and EndpointSlice a cluster's controllers wrote for Service `name` (`ips`:
/// its endpoints' addresses), as `kubectl get endpoints,endpointslices -o yaml` prints them.
fn endpoints(s: usize, name: &str, ips: &[&str], managed_by: &str) -> String {
    let addresses: String = ips.iter().map(|ip| format!("  - ip: {ip}\n")).collect();
    let slice_endpoints: String = ips.iter().map(|ip| format!("- addresses:\n  - {ip}\n  conditions:\n    ready: true\n    serving: true\n    terminating: false\n")).collect();
    format!(
        "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: {name}\n  namespace: ns\n  resourceVersion: \"{}\"\n  uid: 00000000-0000-4000-a000-{s:012}\nsubsets:\n- addresses:\n{addresses}  ports:\n  - name: http\n    port: 8080\n    protocol: TCP\n---\naddressType: IPv4\napiVersion: discovery.k8s.io/v1\nendpoints:\n{slice_endpoints}kind: EndpointSlice\nmetadata:\n  generateName: {name}-\n  labels:\n    endpointslice.kubernetes.io/managed-by: {managed_by}\n    kubernetes.io/service-name: {name}\n  name: {name}-abcde\n  namespace: ns\n  resourceVersion: \"{}\"\n  uid: 00000000-0000-4000-b000-{s:012}\nports:\n- name: http\n  port: 8080\n  protocol: TCP\n",
        950 + s,
        960 + s
    )
}

const CONTROLLER: &str = "endpointslice-controller.k8s.io";
const MIRRORING: &str = "endpointslicemirroring-controller.k8s.io";

/// A dump with Endpoints and slices: svc-0 … svc-3 select two pods each; `gone` selects pods
/// the dump does not hold (its endpoints are the dumped slice's: resolve::dumped_endpoints);
/// `db` has no selector (its endpoints are its Endpoints', mirrored into a slice).
fn dump_with_endpoints() -> String {
    let mut docs = Vec::new();
    for s in 0..4 {
        let app = format!("app-{s}");
        docs.push(pod(2 * s, &app));
        docs.push(pod(2 * s + 1, &app));
    }
    for s in 0..4 {
        let name = format!("svc-{s}");
        docs.push(service(s, &name, Some(&format!("app-{s}"))));
        let (a, b) = (format!("10.244.0.{}", 2 * s + 2), format!("10.244.0.{}", 2 * s + 3));
        docs.push(endpoints(s, &name, &[&a, &b], CONTROLLER));
    }
    docs.push(service(4, "gone", Some("elsewhere")));
    docs.push(endpoints(4, "gone", &["10.244.9.7"], CONTROLLER));
    docs.push(service(5, "db", None));
    docs.push(endpoints(5, "db", &["192.168.7.10"], MIRRORING));
    docs.join("---\n")
}

/// Services of `now` that are `before`'s very reports (shared, not made again).
fn shared(now: &Report, before: &Report) -> Vec<String> {
    now.services.iter().filter(|s| before.services.iter().any(|t| Arc::ptr_eq(s, t))).map(|s| s.name.clone()).collect()
}

/// `inc` after replacing the first `from` after byte `after` with `to`, checked against a fresh
/// analysis.
fn edit(inc: &mut Incremental, after: &str, from: &str, to: &str, cfg: &Config) -> Report {
    let start = inc.text().find(after).expect("the anchor");
    let at = start + inc.text()[start..].find(from).expect("the text to replace");
    assert!(inc.splice(at, at + from.len(), to));
    let r = inc.analyze(cfg);
    assert_eq!(r.to_json(), analyze(inc.text(), cfg).to_json(), "after {after:?}: {from:?} -> {to:?}");
    r
}

/// core::ServiceCache (mod.rs ServiceCache::reuse): a Service's report is reused while the
/// Endpoints and EndpointSlices naming it are as they were — kube-proxy reads a Service's
/// endpoints from the slices labelled with its name (kubernetes/kubernetes
/// pkg/proxy/endpointslicecache.go endpointSliceCacheKeys: the kubernetes.io/service-name
/// label), the mirroring controller copies a selectorless Service's Endpoints of its name
/// (pkg/controller/endpointslicemirroring reconciler.go). Before, any Endpoints in the input
/// turned the cache off: every keystroke in a real dump resolved every Service again.
#[test]
fn an_edit_to_one_service_of_a_dump_with_endpoints_keeps_the_others_and_equals_a_cold_analysis() {
    let cfg = Config::default();
    let text = dump_with_endpoints();
    let mut inc = Incremental::new();
    inc.set(text.clone());
    let a = inc.analyze(&cfg);
    assert_eq!(a.to_json(), analyze(&text, &cfg).to_json());
    let ep = |r: &Report, name: &str| r.services.iter().find(|s| s.name == name).map(|s| s.endpoints.iter().map(|e| e.ip.clone()).collect::<Vec<_>>()).unwrap_or_default();
    assert_eq!(ep(&a, "gone"), vec!["10.244.9.7"]);
    assert_eq!(ep(&a, "db"), vec!["192.168.7.10"]);
    assert_eq!(ep(&a, "svc-1"), vec!["10.244.0.4", "10.244.0.5"]);
    // a keystroke in svc-1's name: every other Service's report is the last one's
    let b = edit(&mut inc, "kind: Service\nmetadata:\n  name: svc-1", "svc-1\n", "svc-1x\n", &cfg);
    let mut others: Vec<String> = b.services.iter().map(|s| s.name.clone()).filter(|n| n != "svc-1x").collect();
    others.sort();
    let mut kept = shared(&b, &a);
    kept.sort();
    assert_eq!(kept, others);
    assert!(Arc::ptr_eq(&a.pods, &b.pods));
    // the selectorless Service's Endpoints edited: its report is made again, the others kept
    // (kube-proxy reads both the Endpoints and the slice here: resolve::manual_endpoints)
    let c = edit(&mut inc, "kind: Endpoints\nmetadata:\n  name: db", "192.168.7.10", "192.168.7.11", &cfg);
    assert_eq!(ep(&c, "db"), vec!["192.168.7.11", "192.168.7.10"]);
    assert!(!shared(&c, &b).contains(&"db".to_string()));
    assert_eq!(shared(&c, &b).len(), b.services.len() - 1);
    // so is its mirrored slice's
    let d = edit(&mut inc, "- addresses:\n  - 192.168.7.10", "192.168.7.10", "192.168.7.11", &cfg);
    assert_eq!(ep(&d, "db"), vec!["192.168.7.11"]);
    assert!(!shared(&d, &c).contains(&"db".to_string()));
    // a Service whose pods are not in the dump: its endpoints follow its dumped slice
    let e = edit(&mut inc, "addressType: IPv4\napiVersion: discovery.k8s.io/v1\nendpoints:\n- addresses:\n  - 10.244.9.7", "10.244.9.7", "10.244.9.8", &cfg);
    assert_eq!(ep(&e, "gone"), vec!["10.244.9.8"]);
    assert!(!shared(&e, &d).contains(&"gone".to_string()));
    // an Endpoints renamed to another Service: both Services' reports are made again
    let f = edit(&mut inc, "kind: Endpoints\nmetadata:\n  name: svc-2", "svc-2\n", "svc-3\n", &cfg);
    let f_kept = shared(&f, &e);
    assert!(!f_kept.contains(&"svc-3".to_string()) && !f_kept.contains(&"svc-2".to_string()), "{f_kept:?}");
    // a slice's service-name label edited to name db: db's report is made again
    let g = edit(&mut inc, "kubernetes.io/service-name: svc-0", "svc-0\n", "db\n", &cfg);
    assert!(!shared(&g, &f).contains(&"db".to_string()));
    // db's slice removed (the text's last document)
    let start = inc.text().rfind("---\naddressType").unwrap();
    let end = inc.text().len();
    assert!(inc.splice(start, end, ""));
    assert_eq!(inc.analyze(&cfg).to_json(), analyze(inc.text(), &cfg).to_json());
}

/// pods printed twice with one uid (`kubectl get all,pods -A -o yaml`), as documents or as one
/// `kind: List`, a Service, and the pods again.
fn dump_printed_twice(list: bool) -> String {
    let mut docs: Vec<String> = (0..4).map(|i| pod(i, if i < 2 { "a" } else { "b" })).collect();
    let pods = docs.clone();
    docs.push(service(0, "svc-a", Some("a")));
    docs.push(service(1, "svc-b", Some("b")));
    docs.extend(pods);
    if !list {
        return docs.join("---\n");
    }
    let mut out = String::from("apiVersion: v1\nitems:\n");
    for d in docs {
        let mut lines = d.lines();
        out.push_str(&format!("- {}\n", lines.next().unwrap_or_default()));
        for l in lines {
            out.push_str(&format!("  {l}\n"));
        }
    }
    out.push_str("kind: List\nmetadata:\n  resourceVersion: \"\"\n");
    out
}

/// core::incremental keeps mod.rs replaced_objects' result (which copies of a pod printed twice
/// are left out: one uid is one live object, kubernetes/kubernetes staging/src/k8s.io/apiserver
/// pkg/registry/rest/meta.go FillObjectMetaSystemFields sets it on create and
/// ValidateObjectMetaUpdate keeps it) while an edit touches no object written more than once,
/// makes none, and moves no line: a keystroke in a Service's name of a 10,000-pod dump printing
/// every pod twice ran it over 20,000 objects (100+ ms). An edit to a copy, a new duplicate, a
/// line more, or a definition that is not a copy makes it again; every report equals a fresh
/// analysis's.
#[test]
fn replaced_objects_is_kept_while_no_object_written_twice_is_touched() {
    let cfg = Config::default();
    for list in [false, true] {
        let text = dump_printed_twice(list);
        let mut inc = Incremental::new();
        inc.set(text.clone());
        let a = inc.analyze(&cfg);
        assert_eq!(a.to_json(), analyze(&text, &cfg).to_json());
        assert!(a.diagnostics.iter().any(|d| d.code == "PrintedTwice"), "{:?}", a.diagnostics);
        assert_eq!(a.pods.len(), 4);
        let runs = inc.replaced_runs;
        // a keystroke in a Service's name: kept
        let b = edit(&mut inc, "kind: Service", "svc-a\n", "svc-ax\n", &cfg);
        assert_eq!(inc.replaced_runs, runs, "list: {list}");
        assert_eq!(b.pods.len(), 4);
        edit(&mut inc, "kind: Service", "svc-ax\n", "svc-axy\n", &cfg);
        assert_eq!(inc.replaced_runs, runs);
        // a copy's label edited (the same uid, no line more): made again
        edit(&mut inc, "name: a-1", "podIP: 10.244.0.3", "podIP: 10.244.0.9", &cfg);
        assert_eq!(inc.replaced_runs, runs + 1);
        // svc-b renamed svc-axy: a Service written twice (two uids: the later definition
        // is refused: spec.clusterIP is immutable, an UpdateRefused warning), which depends on more than the two: made
        // again on every analysis while it lasts
        let c = edit(&mut inc, "name: svc-b", "svc-b\n", "svc-axy\n", &cfg);
        assert!(c.diagnostics.iter().any(|d| d.code == "UpdateRefused"), "{:?}", c.diagnostics);
        let runs = inc.replaced_runs;
        assert_eq!(inc.analyze(&cfg).to_json(), c.to_json());
        assert_eq!(inc.replaced_runs, runs + 1);
        let d = edit(&mut inc, "name: svc-axy", "svc-axy\n", "svc-b\n", &cfg);
        assert!(!d.diagnostics.iter().any(|d| d.code == "UpdateRefused"));
        // a line added above the copies: made again
        let runs = inc.replaced_runs;
        edit(&mut inc, "kind: Service", "  type: ClusterIP\n", "  type: ClusterIP\n\n", &cfg);
        assert_eq!(inc.replaced_runs, runs + 1);
        // a Service renamed like a pod's copy of another kind: no duplicate (kinds differ), kept
        let runs = inc.replaced_runs;
        edit(&mut inc, "kind: Service", "svc-axy\n", "a-0\n", &cfg);
        assert_eq!(inc.replaced_runs, runs);
    }
}

/// resolve::dashed, made char by char (was str::replace): the same names — CoreDNS's kubernetes
/// plugin (coredns/coredns plugin/kubernetes/kubernetes.go endpointHostname, and the pod
/// records' `<dashed-ip>.<namespace>.pod.<zone>`) turns every `.` and `:` into `-`.
#[test]
fn dashed_addresses_are_coredns_names() {
    use super::resolve::dashed;
    assert_eq!(dashed("10.244.1.2"), "10-244-1-2");
    assert_eq!(dashed("fd00:10:244:1::5"), "fd00-10-244-1--5");
    assert_eq!(dashed("::ffff:10.0.0.1"), "--ffff-10-0-0-1");
    assert_eq!(dashed("é.x"), "é-x");
    assert_eq!(dashed(""), "");
}

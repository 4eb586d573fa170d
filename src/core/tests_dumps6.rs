//! Real `kubectl get -o yaml|json` dumps (the dumps6 sweep: /work/dumps6/REPORT.md) that
//! Switchboard refused or read wrongly; each test names the upstream function it follows
//! (kubernetes/kubernetes unless said). tests/fixtures/dumps6 holds the files, trimmed.

use super::diag::Severity;
use super::tests::{errors, run};

// k8s.io/apimachinery pkg/apis/meta/v1/unstructured/helpers.go
// unstructuredJSONScheme.decodeToList: "For typed lists, e.g., a PodList, API server doesn't set
// each item's APIVersion and Kind": an item with neither gets kind = TrimSuffix(listKind, "List")
// and the list's apiVersion (kubevious/mock-data, kind cluster pods as /api/v1/pods returns them:
// 8 x `Object 'Kind' is missing` before).
#[test]
fn typed_list_items_get_kind_and_api_version_from_decode_to_list() {
    let r = run(include_str!("../../tests/fixtures/dumps6/kv-kind-ns-kubevious-podlist.json"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let pods: Vec<(&str, Option<&str>)> = r.pods.iter().map(|p| (p.name.as_str(), p.ip.as_deref())).collect();
    assert_eq!(pods, vec![("kubevious-backend-597d668f87-qwh5k", Some("172.30.253.99")), ("kubevious-collector-7d4d7b95b4-z4zk5", Some("172.30.253.100"))]);
    // the same in YAML, a ServiceList whose items carry neither; an item with a kind of its own
    // keeps it (decodeToList sets both or neither), and `kind: List` names no item kind
    let src = "apiVersion: v1\nkind: ServiceList\nitems:\n- metadata: {name: a}\n  spec: {ports: [{port: 80}]}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: b}\n";
    let r = run(src);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.services.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), vec!["a"]);
    // (kubectl's words: cli-runtime mapper.go infoForObject over ObjectKinds, corpfix13)
    let r = run("apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n");
    assert_eq!(errors(&r), vec!["unable to get type info from the object \"*unstructured.Unstructured\": Object 'Kind' is missing in 'object has no kind field '"]);
    // an item with only an apiVersion is not filled (kubectl says the same)
    let r = run("apiVersion: v1\nkind: PodList\nitems:\n- apiVersion: v1\n  metadata: {name: a}\n");
    assert_eq!(errors(&r), vec!["unable to get type info from the object \"*unstructured.Unstructured\": Object 'Kind' is missing in 'object has no kind field '"]);
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error || d.line == 4));
}

// kube-apiserver --service-node-port-range: pkg/registry/core/service/portallocator/allocator.go
// Allocate refuses a port outside it (ErrNotInRange: "provided port is not in the valid range.
// The range of valid ports is %v"), so a Service a cluster printed (metadata uid /
// resourceVersion) holds nodePorts inside that cluster's range: 80 and 2443 here (a real `kubectl
// get svc joomla -o yaml` of a cluster run with --service-node-port-range=80-35000; it was
// refused). The range is widened to hold them, said once, and written Services are checked
// against it; the CLI's --node-port-range (node_port_range_set) is never widened.
#[test]
fn dumped_node_ports_widen_the_range_as_portallocator_admitted_them() {
    use super::config::Config;
    use super::tests::{run_cfg, svc};
    let dump = include_str!("../../tests/fixtures/dumps6/blog-joomla-svc-nodeport80.yaml");
    let r = run(dump);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(!svc(&r, "joomla").rejected);
    assert_eq!(r.cluster.node_port_range, "80-32767");
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "NodePortRange").collect();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].severity, notes[0].line, notes[0].column, notes[0].field.as_deref()), (Severity::Info, 24, 15, Some("spec.ports[0].nodePort")));
    assert_eq!(
        notes[0].message,
        "Services get nodePorts from 80-32767 here: the dumped Service joomla holds nodePort 80, outside the default 30000-32767, so the cluster it comes from has another --service-node-port-range (at least 80-32767; the CLI's --node-port-range sets it exactly)"
    );
    // written Services beside it: checked against the range read off the dump
    let written = |name: &str, np: u32| format!("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n  type: NodePort\n  selector:\n    app: {name}\n  ports:\n  - port: 80\n    nodePort: {np}\n");
    let r = run(&format!("{dump}{}{}", written("inside", 100), written("below", 79)));
    assert_eq!(errors(&r), vec!["spec.ports[0].nodePort: Invalid value: 79: provided port is not in the valid range. The range of valid ports is 80-32767"]);
    assert!(!svc(&r, "inside").rejected && svc(&r, "below").rejected);
    // without a dump the default range holds
    let r = run(&written("inside", 100));
    assert_eq!(errors(&r), vec!["spec.ports[0].nodePort: Invalid value: 100: provided port is not in the valid range. The range of valid ports is 30000-32767"]);
    // the range the user set is the cluster's: the dumped Service is refused by it
    let set = Config { node_port_range_set: true, ..Config::default() };
    let r = run_cfg(dump, set);
    assert_eq!(errors(&r), vec!["spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"]);
    assert!(!r.diagnostics.iter().any(|d| d.code == "NodePortRange"));
    // a dumped healthCheckNodePort (allocHealthCheckNodePort: the same allocator) widens it too
    let lb = "apiVersion: v1\nkind: Service\nmetadata:\n  name: lb\n  uid: 1f0c\nspec:\n  type: LoadBalancer\n  externalTrafficPolicy: Local\n  healthCheckNodePort: 33000\n  clusterIP: 10.96.0.40\n  selector:\n    app: lb\n  ports:\n  - port: 80\n    nodePort: 30080\n";
    let r = run(lb);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert_eq!(r.cluster.node_port_range, "30000-33000");
    assert!(r.diagnostics.iter().any(|d| d.code == "NodePortRange" && d.field.as_deref() == Some("spec.healthCheckNodePort") && d.message.contains("holds healthCheckNodePort 33000")));
    // a written Service defined twice, the first with a nodePort the dump's range holds: created,
    // then patched by the second (kubectl apply: not "refused, so the later one is created")
    let r = run(&format!("{dump}{}{}", written("twice", 100), written("twice", 101)));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let again = r.diagnostics.iter().find(|d| d.code == "DefinedAgain").expect("DefinedAgain");
    assert!(again.message.contains("patches this one"), "{}", again.message);
}

// The incremental analysis (the page's, core::incremental) compares the options as used, the
// nodePort range read off the dump included: an edit to the dumped nodePort that narrows the
// range refuses the written Service it admitted, as a fresh analysis does.
#[test]
fn an_edit_to_a_dumped_node_port_is_seen_by_the_incremental_analysis() {
    use super::analyze;
    use super::config::Config;
    use super::incremental::Incremental;
    let dump = include_str!("../../tests/fixtures/dumps6/blog-joomla-svc-nodeport80.yaml");
    let text = format!("{dump}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: w\nspec:\n  type: NodePort\n  selector:\n    app: w\n  ports:\n  - port: 80\n    nodePort: 100\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: w\n  labels:\n    app: w\nspec:\n  containers:\n  - name: c\n    image: nginx\n");
    let cfg = Config::default();
    let mut inc = Incremental::new();
    inc.set(text.clone());
    let a = inc.analyze(&cfg);
    assert_eq!(a.to_json(), analyze(&text, &cfg).to_json());
    assert!(errors(&a).is_empty(), "{:?}", errors(&a));
    let at = text.find("nodePort: 80\n").unwrap() + "nodePort: ".len();
    assert!(inc.splice(at, at, "300"));
    let b = inc.analyze(&cfg);
    assert_eq!(b.to_json(), analyze(inc.text(), &cfg).to_json());
    assert_eq!(b.cluster.node_port_range, "2443-32767");
    assert_eq!(errors(&b), vec!["spec.ports[0].nodePort: Invalid value: 100: provided port is not in the valid range. The range of valid ports is 2443-32767"]);
    assert!(inc.splice(at, at + 3, ""));
    let c = inc.analyze(&cfg);
    assert_eq!(c.to_json(), a.to_json());
}

// kube-proxy programs a Service from its EndpointSlices (pkg/proxy/endpointslicecache.go), which
// the EndpointSlice controller wrote (managed-by endpointslice-controller.k8s.io,
// pkg/controller/endpointslice reconciler.go): a `kubectl get svc,endpointslices -o yaml` dump
// with no Pods (kubevious mock-data, a kind cluster) showed every Service with no endpoints and 8
// NoPodsSelected warnings. With no pod of the input selected, the dumped controller slices (else
// the dumped v1 Endpoints, pkg/controller/endpoint syncService) are the endpoints, said in a
// note; pods in the input keep deciding.
#[test]
fn dumped_controller_endpoint_slices_serve_a_service_whose_pods_are_not_in_the_input() {
    use super::tests::svc;
    let slices = include_str!("../../tests/fixtures/dumps6/kv-kind-svc-slices-only.yaml");
    let eps = include_str!("../../tests/fixtures/dumps6/kv-kind-svc-ep-only.yaml");
    for (text, from) in [(slices, "EndpointSlices"), (eps, "Endpoints")] {
        let r = run(text);
        assert!(errors(&r).is_empty(), "{from}: {:?}", errors(&r));
        assert!(!r.diagnostics.iter().any(|d| d.code == "NoPodsSelected"), "{from}: {:?}", r.diagnostics);
        type Row<'a> = (&'a str, Option<&'a str>, &'a str, Option<&'a str>, bool, Vec<i64>);
        let got: Vec<Row> = ["kubevious-backend-clusterip", "kubevious-mysql"]
            .iter()
            .flat_map(|n| svc(&r, n).endpoints.iter())
            .map(|e| (e.ip.as_str(), e.pod.as_deref(), e.namespace.as_str(), e.node.as_deref(), e.ready, e.ports.iter().map(|p| p.port).collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("10.244.0.25", Some("kubevious-backend-5965867f89-2rxqd"), "kubevious", Some("kind-control-plane"), true, vec![4001]),
                ("10.244.0.31", Some("kubevious-mysql-0"), "kubevious", Some("kind-control-plane"), true, vec![3306]),
            ],
            "{from}"
        );
        let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "EndpointsFromDump").collect();
        assert_eq!(notes.len(), 2, "{from}");
        assert_eq!(notes[0].severity, Severity::Info);
        assert_eq!(notes[0].message, format!("endpoints from the dumped {from}: the pods are not in the input"));
        assert_eq!(notes[0].field.as_deref(), Some("spec.selector"));
        assert!(svc(&r, "kubevious-mysql").paths.iter().any(|p| p.reason.starts_with("1 endpoint;")), "{from}");
    }
    // a pod of the input matching the selector decides, as before: the slice is not read
    let pod = "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: mine\n  namespace: kubevious\n  labels:\n    app.kubernetes.io/component: kubevious-backend\n    app.kubernetes.io/instance: kubevious\n    app.kubernetes.io/managed-by: Helm\n    app.kubernetes.io/name: kubevious\n    app.kubernetes.io/version: 1.0.13\n    helm.sh/chart: kubevious-1.0.13\nspec:\n  containers:\n  - name: c\n    image: nginx\n    ports:\n    - name: http\n      containerPort: 4001\n";
    let r = run(&format!("{slices}{pod}"));
    let backend = svc(&r, "kubevious-backend-clusterip");
    assert_eq!(backend.endpoints.iter().map(|e| e.pod.as_deref()).collect::<Vec<_>>(), vec![Some("mine")]);
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "EndpointsFromDump").count(), 1);
    // a controller-labelled slice that was written, not dumped, is the controller's to replace:
    // not read (as before)
    let services = slices.find("---\napiVersion: v1\nkind: Service").unwrap();
    let written: String = slices[..services].lines().filter(|l| !l.starts_with("  uid: ") && !l.starts_with("  resourceVersion: ")).map(|l| format!("{l}\n")).collect();
    let r = run(&format!("{written}{}", &slices[services..]));
    assert!(svc(&r, "kubevious-mysql").endpoints.is_empty());
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "NoPodsSelected").count(), 2);
}

// One live object printed twice: `kubectl get all,pods -o yaml` lists a pod under `all` and
// under `pods` (kubevious mock-data, probe dup.yaml: 47 DefinedAgain warnings of ~600 characters
// about apply patches and AlreadyExists). metadata.uid names one object for its life (set on
// create, k8s.io/apiserver pkg/registry/rest/meta.go FillObjectMetaSystemFields; immutable,
// apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaUpdate), so
// the later copy is read silently and one info line says so; two manifests of one name with
// different uids are still two definitions (DefinedAgain).
#[test]
fn the_same_uid_printed_twice_is_one_live_object_not_defined_again() {
    use super::tests::svc;
    let text = include_str!("../../tests/fixtures/dumps6/dup-all-pods.yaml");
    let r = run(text);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(!r.diagnostics.iter().any(|d| d.code == "DefinedAgain"), "{:?}", r.diagnostics.iter().filter(|d| d.code == "DefinedAgain").collect::<Vec<_>>());
    let notes: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "PrintedTwice").collect();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].severity, notes[0].line), (Severity::Info, 2));
    assert_eq!(notes[0].message, "2 objects are printed twice with the same metadata.uid (as `kubectl get all,pods -o yaml` lists pods twice): each is one live object, read once (the later copy)");
    assert_eq!(r.pods.len(), 1);
    let backend = svc(&r, "kubevious-backend-clusterip");
    assert_eq!(backend.endpoints.iter().map(|e| e.pod.as_deref()).collect::<Vec<_>>(), vec![Some("kubevious-backend-597d668f87-qwh5k")]);
    assert_eq!(r.services.len(), 1);
    // the page's incremental analysis says the same, after an edit too
    let cfg = super::config::Config::default();
    let mut inc = super::incremental::Incremental::new();
    inc.set(text.to_string());
    assert_eq!(inc.analyze(&cfg).to_json(), r.to_json());
    assert!(inc.splice(0, 0, "# top\n"));
    assert_eq!(inc.analyze(&cfg).to_json(), super::analyze(inc.text(), &cfg).to_json());
    // another uid is another object: the later one is a second definition, as before
    let second = text.rfind("uid: 2da16374").unwrap();
    let other = format!("{}uid: 3{}", &text[..second], &text[second + "uid: 2".len()..]);
    let r = run(&other);
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "DefinedAgain").count(), 1);
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "PrintedTwice").map(|d| d.message.starts_with("1 object is printed twice") && d.message.contains(": it is one live object")).collect::<Vec<_>>(), vec![true]);
}

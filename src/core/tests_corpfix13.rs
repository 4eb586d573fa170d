//! corpfix13: what the corpus13 sweep of uncurated real manifests found, and corpus12's
//! leftovers decided against upstream (tests/fixtures/corpus13; the sources are in each
//! fixture's header).

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn errors(r: &super::report::Report) -> Vec<(String, u32, u32)> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.clone(), d.line, d.column)).collect()
}

/// k8s.io/cli-runtime pkg/resource/visitor.go `StreamVisitor.Visit`: a document kubectl's
/// validation refuses (`ValidateSchema` → kubectl pkg/validation getObjectKind: `apiVersion not
/// set`) returns the error, so nothing after it in the file is read; result.go `Result.Infos`
/// keeps the infos visited before it and kubectl pkg/cmd/apply/apply.go `Run` applies them.
/// Before, Switchboard read on: the Service after the refused ReplicationController was
/// modelled.
#[test]
fn stream_visitor_stops_after_a_document_validation_refuses() {
    let r = analyze(include_str!("../../tests/fixtures/corpus13/javaee-apiversion-lost.yaml"), &Config::default());
    assert_eq!(
        errors(&r),
        vec![(
            "error validating \"STDIN\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false".to_string(),
            28,
            1
        )]
    );
    let d = r.diagnostics.iter().find(|d| d.code == "MissingVersion").unwrap();
    assert!(d.hint.as_deref().unwrap_or("").contains("stops reading STDIN at this one: neither this document nor the 1 after it is sent; those before it are sent"), "{d:?}");
    // the Pod before it is sent; the Service after it is not
    assert_eq!(r.pods.iter().map(|p| p.pod.name.as_str()).collect::<Vec<_>>(), vec!["mysql-pod"]);
    assert!(r.services.is_empty(), "{:?}", r.services.iter().map(|s| &s.name).collect::<Vec<_>>());
    // the incremental analysis (the UI's) reads the text whole while such a document stops the
    // stream, and the same as the whole analysis once it is fixed
    let (src, cfg) = (include_str!("../../tests/fixtures/corpus13/javaee-apiversion-lost.yaml"), Config::default());
    let mut inc = super::incremental::Incremental::new();
    inc.set(src.to_string());
    assert_eq!(inc.analyze(&cfg).to_json(), r.to_json());
    let at = src.find("kind: ReplicationController").unwrap();
    assert!(inc.splice(at, at, "apiVersion: v1\n"));
    let fixed = inc.analyze(&cfg);
    assert_eq!(fixed.to_json(), analyze(inc.text(), &cfg).to_json());
    assert!(errors(&fixed).is_empty(), "{:?}", errors(&fixed));
    assert_eq!(fixed.services.len(), 1);
    // a YAML error further down is never met: kubectl stopped before it
    let src = "metadata: {name: x}\n---\nkey: [1, 2\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n";
    let r = analyze(src, &Config::default());
    assert_eq!(r.diagnostics.iter().filter(|d| d.code == "YAMLSyntax").count(), 0);
    assert!(r.services.is_empty());
}

/// A `kind: ""` passes kubectl's validation and fails its decode: cli-runtime
/// pkg/resource/mapper.go `infoForData` (`unable to decode %q: %v`) over apimachinery
/// unstructured helpers.go → runtime.NewMissingKindErr(string(data)), data being the document
/// as sigs.k8s.io/yaml `YAMLToJSON` made it (keys sorted, compact). kubectl v1.32.4 on this
/// fixture (`annotate --local -f … qa=1`, `apply --validate=false`) prints exactly this; it goes
/// on with the next document (the ReplicationController is read). Before: `Object 'Kind' is
/// missing` without the source and the JSON.
#[test]
fn empty_kind_is_kubectl_info_for_data_with_the_documents_json() {
    let r = analyze(include_str!("../../tests/fixtures/corpus13/javaee-empty-kind.yaml"), &Config::default());
    assert_eq!(
        errors(&r),
        vec![(
            "unable to decode \"STDIN\": Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"kind\":\"\",\"metadata\":{\"labels\":{\"context\":\"docker-k8s-lab\",\"name\":\"mysql-pod\"},\"name\":\"mysql-service\"},\"spec\":{\"ports\":[{\"port\":3306}],\"selector\":{\"context\":\"docker-k8s-lab\",\"name\":\"mysql-pod\"}}}'".to_string(),
            4,
            1
        )]
    );
    assert_eq!(r.pods.len(), 1, "the ReplicationController after it is read");
    // encoding/json's HTML-safe strings and numbers, go-yaml's keys (a YAML 1.1 `n` is false)
    let r = analyze("apiVersion: v1\nkind: \"\"\nmetadata:\n  name: web\n  labels: {b: \"x<y&z\", a: 1}\nspec:\n  ports: [{port: 80, n: 1.50, t: true, nul: null}]\n", &Config::default());
    assert_eq!(
        errors(&r)[0].0,
        "unable to decode \"STDIN\": Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"kind\":\"\",\"metadata\":{\"labels\":{\"a\":1,\"b\":\"x\\u003cy\\u0026z\"},\"name\":\"web\"},\"spec\":{\"ports\":[{\"false\":1.5,\"nul\":null,\"port\":80,\"t\":true}]}}'"
    );
}

/// corpus12 leftover: Rook's dashboard Service selects `app: rook-ceph-mgr, mgr_role: active,
/// rook_cluster: rook-ceph`, labels no field of the CephCluster writes: rook/rook
/// pkg/operator/ceph/controller CephDaemonAppLabels → AppLabels (`app`, `rook_cluster` = the
/// cluster's namespace) and pkg/operator/ceph/cluster/mgr/mgr.go (`mgr_role: active` on the
/// active mgr). The NoPodsSelected warning is an info naming the CephCluster and its operator,
/// as for a custom resource that writes the labels itself (core::operated); a CephCluster in
/// another namespace, or a selector asking a label Rook does not give, stays a warning.
#[test]
fn rook_cephcluster_mgr_pods_labels_ceph_daemon_app_labels() {
    let src = include_str!("../../tests/fixtures/corpus13/rook-cluster-dashboard.yaml");
    let r = analyze(src, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "NoPodsSelected").unwrap();
    assert_eq!(d.severity, Severity::Info, "{d:?}");
    assert!(d.message.contains("CephCluster rook-ceph (ceph.rook.io/v1, a custom resource) is in this namespace, and its operator"), "{}", d.message);
    assert!(d.message.contains("mgr_role=active"), "{}", d.message);
    assert_eq!((d.line, d.column), (51, 5));
    // the CephCluster in another namespace: its pods are there, not here
    let other = src.replacen("  namespace: rook-ceph # namespace:cluster\nspec:\n  cephVersion", "  namespace: other\nspec:\n  cephVersion", 1);
    assert_ne!(other, src);
    let r = analyze(&other, &Config::default());
    assert_eq!(r.diagnostics.iter().find(|d| d.code == "NoPodsSelected").unwrap().severity, Severity::Warning);
    // a label Rook's mgr pods do not carry
    let r = analyze(&src.replace("    mgr_role: active\n", "    mgr_role: standby-ish\n"), &Config::default());
    assert_eq!(r.diagnostics.iter().find(|d| d.code == "NoPodsSelected").unwrap().severity, Severity::Warning);
}

/// A List item without apiVersion (or kind): k8s.io/cli-runtime pkg/resource/visitor.go
/// `FlattenListVisitor.Visit` → mapper.go `infoForObject`: `unable to get type info from the
/// object "*unstructured.Unstructured": …` with unstructuredJSONScheme.ObjectKinds' error
/// (apimachinery unstructured helpers.go: NewMissingKindErr("object has no kind field "), then
/// NewMissingVersionErr("object has no apiVersion field")); the item is not sent, the others are
/// (the aggregate error is collected by EagerVisitorList). kubectl v1.32.4 `annotate --local` on
/// this fixture: `pod/t1`, then exactly this error. Before: `Object 'apiVersion' is missing`, and
/// the pod t2 was modelled.
#[test]
fn list_item_without_api_version_is_info_for_object_object_kinds() {
    let r = analyze(include_str!("../../tests/fixtures/corpus13/neat-list-item-apiversion-lost.yaml"), &Config::default());
    assert_eq!(
        errors(&r),
        vec![("unable to get type info from the object \"*unstructured.Unstructured\": Object 'apiVersion' is missing in 'object has no apiVersion field'".to_string(), 90, 3)]
    );
    assert_eq!(r.pods.iter().map(|p| p.pod.name.as_str()).collect::<Vec<_>>(), vec!["t1"]);
    // an item of `kind: List` without kind: the list names no item kind (decodeToList), kind first
    let r = analyze("apiVersion: v1\nkind: List\nitems:\n- metadata: {name: a}\n- apiVersion: v1\n  kind: \"\"\n  metadata: {name: b}\n", &Config::default());
    let missing = "unable to get type info from the object \"*unstructured.Unstructured\": Object 'Kind' is missing in 'object has no kind field '";
    assert_eq!(errors(&r), vec![(missing.to_string(), 4, 3), (missing.to_string(), 5, 3)]);
}

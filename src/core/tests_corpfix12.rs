//! corpfix12: what the corpus12 sweep of uncurated real manifests found (tests/fixtures/corpus12;
//! the sources are in each fixture's header).

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn notes<'a>(r: &'a super::report::Report, code: &str) -> Vec<(Severity, &'a str, u32, u32)> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| (d.severity, d.message.as_str(), d.line, d.column)).collect()
}

fn errors(r: &super::report::Report) -> Vec<(String, u32, u32)> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| (d.message.clone(), d.line, d.column)).collect()
}

/// kubectl apply validates each document before decoding it (k8s.io/cli-runtime
/// pkg/resource/visitor.go StreamVisitor.Visit → ValidateSchema; kubectl pkg/validation
/// validation.go getObjectKind under paramVerifyingSchema.ValidateBytes): a document without
/// apiVersion is `apiVersion not set`, without either `[apiVersion not set, kind not set]` (what
/// helm's install prints too), and is not sent — before, Switchboard said "Object 'apiVersion' is
/// missing" and modelled the Deployment anyway.
#[test]
fn missing_api_version_is_kubectl_validation_get_object_kind() {
    let r = analyze(include_str!("../../tests/fixtures/corpus12/dapr-hello-apiversion-lost.yaml"), &Config::default());
    assert_eq!(
        errors(&r),
        vec![(
            "error validating \"STDIN\": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false".to_string(),
            22,
            1
        )]
    );
    let d = r.diagnostics.iter().find(|d| d.code == "MissingVersion").unwrap();
    assert!(d.hint.as_deref().unwrap_or("").contains("stops reading STDIN at this one"), "{d:?}");
    // the Deployment is not created: no pods for the nodeapp Service
    assert!(r.pods.is_empty(), "{:?}", r.pods.iter().map(|p| &p.pod.name).collect::<Vec<_>>());
    // a values file: neither field
    let r = analyze(include_str!("../../tests/fixtures/corpus12/rabbitmq-olm-values.yaml"), &Config::default());
    assert_eq!(
        errors(&r),
        vec![(
            "error validating \"STDIN\": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false".to_string(),
            4,
            1
        )]
    );
    // the other getObjectKind words: a kind that is no string, an apiVersion with two slashes
    let r = analyze("apiVersion: v1\nkind: 5\nmetadata: {name: a}\n", &Config::default());
    assert_eq!(errors(&r)[0].0, "error validating \"STDIN\": error validating data: kind isn't string type; if you choose to ignore these errors, turn validation off with --validate=false");
    let r = analyze("apiVersion: apps/v1/beta\nkind: Deployment\nmetadata: {name: a}\n", &Config::default());
    assert_eq!(errors(&r)[0].0, "error validating \"STDIN\": error validating data: unexpected GroupVersion string: apps/v1/beta; if you choose to ignore these errors, turn validation off with --validate=false");
    assert_eq!((errors(&r)[0].1, errors(&r)[0].2), (1, 13));
    // kind: "" passes validation and fails the decode (runtime.NewMissingKindErr; its words
    // with the document's JSON: corpfix13)
    let r = analyze("apiVersion: v1\nkind: \"\"\nmetadata: {name: a}\n", &Config::default());
    assert_eq!(notes(&r, "MissingKind").len(), 1);
    assert!(notes(&r, "MissingKind")[0].1.starts_with("unable to decode \"STDIN\": Object 'Kind' is missing in '{"));
}

/// metav1.Time.UnmarshalJSON (k8s.io/apimachinery pkg/apis/meta/v1/time.go) parses a string
/// with time.Parse(time.RFC3339, …): kubectl's metadata decode (cli-runtime builder.go
/// metadataValidatingDecoder) refuses a creationTimestamp Go's parser refuses, in its words
/// (each case below checked against kubectl v1.32.4 `annotate --local`).
#[test]
fn creation_timestamp_parsed_as_metav1_time_unmarshal_json() {
    let r = analyze(include_str!("../../tests/fixtures/corpus12/kedu-slice-bad-timestamp.yaml"), &Config::default());
    assert_eq!(
        errors(&r),
        vec![(
            "unable to decode \"STDIN\": parsing time \"2024-06-09 18:48:30 +0000 UTC\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \" 18:48:30 +0000 UTC\" as \"T\"".to_string(),
            10,
            22
        )]
    );
    let cases = [
        ("yesterday", Some("parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"")),
        ("2024-01-01", Some("parsing time \"2024-01-01\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"")),
        ("2024-13-01T00:00:00Z", Some("parsing time \"2024-13-01T00:00:00Z\": month out of range")),
        ("2023-02-29T00:00:00Z", Some("parsing time \"2023-02-29T00:00:00Z\": day out of range")),
        ("2024-01-01T24:00:00Z", Some("parsing time \"2024-01-01T24:00:00Z\": hour out of range")),
        ("2024-01-01T10:00:00+0100", Some("parsing time \"2024-01-01T10:00:00+0100\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"+0100\" as \"Z07:00\"")),
        ("2024-01-01T10:00:00Zabc", Some("parsing time \"2024-01-01T10:00:00Zabc\": extra text: \"abc\"")),
        ("2024-1-01T00:00:00Z", Some("parsing time \"2024-1-01T00:00:00Z\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"1-01T00:00:00Z\" as \"01\"")),
        ("2024-01-01T10:00:00+25:00", Some("parsing time \"2024-01-01T10:00:00+25:00\": time zone offset hour out of range")),
        ("2024-02-29T00:00:00Z", None),
        ("2024-01-01T1:00:00Z", None),
        ("2024-01-01T10:00:00.123Z", None),
        ("2024-01-01T10:00:00-05:30", None),
    ];
    for (ts, want) in cases {
        assert_eq!(super::strict::rfc3339_error(ts).as_deref(), want, "{ts}");
    }
    // a number: encoding/json's type error, with the field (addErrorContext)
    let r = analyze("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  creationTimestamp: 5\nspec:\n  ports:\n  - port: 80\n", &Config::default());
    assert_eq!(errors(&r)[0].0, "unable to decode \"STDIN\": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string");
    // null and RFC 3339 (quoted or not) are taken
    for ts in ["null", "2024-06-09T18:48:30Z", "\"2024-06-09T18:48:30Z\""] {
        let r = analyze(&format!("apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  creationTimestamp: {ts}\nspec:\n  ports:\n  - port: 80\n"), &Config::default());
        assert!(errors(&r).is_empty(), "{ts}: {:?}", errors(&r));
    }
}

/// Windows workloads pasted without Node objects: the nodes are ours, and a pod template that
/// selects kubernetes.io/os: windows says the cluster has Windows nodes, so one is simulated
/// (labelled as pkg/kubelet/kubelet_node_status.go initialNode labels a Windows Node:
/// kubernetes.io/os windows, node.kubernetes.io/windows-build) instead of FailedScheduling
/// against our Linux nodes and a 503 on the Ingress.
#[test]
fn windows_pods_without_nodes_get_a_simulated_windows_node_kubelet_initial_node() {
    let r = analyze(include_str!("../../tests/fixtures/corpus12/windows-iis.yaml"), &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error && d.severity != Severity::Warning), "{:#?}", r.diagnostics);
    let n = notes(&r, "WindowsNodesSimulated");
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(n[0].0, Severity::Info);
    assert_eq!((n[0].2, n[0].3), (21, 9));
    assert_eq!(r.nodes.len(), 4);
    let win = r.nodes.iter().find(|n| n.name == "node-win-1").unwrap();
    assert!(win.labels.iter().any(|(k, v)| k == "kubernetes.io/os" && v == "windows"));
    assert!(win.labels.iter().any(|(k, v)| k == "node.kubernetes.io/windows-build" && v == "10.0.20348"));
    assert_eq!(r.pods.len(), 3);
    assert!(r.pods.iter().all(|p| p.pod.node.as_deref() == Some("node-win-1")));
    // a Linux-only input is as before: three nodes, no note
    let linux = include_str!("../../tests/fixtures/corpus12/windows-iis.yaml").replace("kubernetes.io/os: windows", "kubernetes.io/os: linux").replace("        node.kubernetes.io/windows-build: \"10.0.20348\"\n", "");
    let r = analyze(&linux, &Config::default());
    assert!(notes(&r, "WindowsNodesSimulated").is_empty());
    assert_eq!(r.nodes.len(), 3);
    // Node objects given: they are the cluster; nothing is added
    let with_node = format!("{}---\napiVersion: v1\nkind: Node\nmetadata:\n  name: linux-1\n", include_str!("../../tests/fixtures/corpus12/windows-iis.yaml"));
    let r = analyze(&with_node, &Config::default());
    assert!(notes(&r, "WindowsNodesSimulated").is_empty());
    assert_eq!(notes(&r, "FailedScheduling").len(), 2);
}

/// A custom resource's AlreadyExists names its CRD's plural: Gateway API's Gateway is
/// `gateways` (gateway-api config/crd/standard/gateway.networking.k8s.io_gateways.yaml), not
/// UnsafeGuessKindToResource's `gatewaies` (traefik's gateway docs, two examples pasted together).
#[test]
fn defined_again_gateway_names_crd_plural_gateways() {
    assert_eq!(super::guess_resource("Gateway"), "gateways");
    assert_eq!(super::guess_resource("NetworkPolicy"), "networkpolicies");
    assert_eq!(super::guess_resource("PriorityClass"), "priorityclasses");
    let gw = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: my-gateway\nspec:\n  gatewayClassName: my-gateway-class\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n";
    let r = analyze(&[gw, gw].join("---\n"), &Config::default());
    let n = notes(&r, "DefinedAgain");
    assert_eq!(n.len(), 1);
    assert!(n[0].1.contains("gateways.gateway.networking.k8s.io \"my-gateway\" already exists"), "{}", n[0].1);
}

/// kind's ingress guide: ingress-nginx run with --watch-ingress-without-class=true, then an
/// Ingress that names no class. ingress-nginx's store takes it (internal/ingress/controller/store
/// store.go GetIngressClass: "Then we accept if the WithoutClass is enabled"), so the
/// IngressClassName warning ("ingress controllers ignore an Ingress without a class") was false
/// for this input: an info naming the controller; without the flag the warning stays.
#[test]
fn ingress_without_class_served_by_watch_ingress_without_class_store_get_ingress_class() {
    let src = include_str!("../../tests/fixtures/corpus12/kind-ingress-nginx-usage.yaml");
    let r = analyze(src, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error && d.severity != Severity::Warning), "{:#?}", r.diagnostics);
    let n = notes(&r, "IngressClassName");
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(n[0].0, Severity::Info);
    assert!(n[0].1.contains("the ingress-nginx controller Deployment/ingress-nginx/ingress-nginx-controller runs with --watch-ingress-without-class, so it serves this Ingress"), "{}", n[0].1);
    assert_eq!((n[0].2, n[0].3), (107, 3));
    // the flag's other true spellings (strconv.ParseBool) and the bare flag; false is not
    for (flag, served) in [("--watch-ingress-without-class", true), ("--watch-ingress-without-class=1", true), ("--watch-ingress-without-class=false", false)] {
        let r = analyze(&src.replace("--watch-ingress-without-class=true", flag), &Config::default());
        let n = notes(&r, "IngressClassName");
        assert_eq!(n[0].0 == Severity::Info, served, "{flag}: {n:?}");
    }
}

//! Refusals and notes an independent review (review12) found wrong: each input is the review's
//! case file (tests/fixtures/review12), each test names the upstream function.

use super::diag::Severity;
use super::tests::{errors, run};

fn case(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/fixtures/review12/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// `line:column message` of the errors.
fn placed(r: &super::report::Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{}:{} {}", d.line, d.column, d.message)).collect()
}

fn notes<'a>(r: &'a super::report::Report, code: &str) -> Vec<&'a super::diag::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

// k8s.io/apiextensions-apiserver pkg/apis/apiextensions/validation/validation.go
// validateCustomResourceDefinitionSpec: a CRD's group is IsDNS1123Subdomain and has a dot
// ("should be a domain with at least one dot"), so a dotless or upper-case group that no
// kube-apiserver serves is no CRD's either: kubectl's RESTMapper finds no match
// (k8s.io/apimachinery pkg/api/meta/errors.go NoKindMatchError), not a custom resource
#[test]
fn validate_custom_resource_definition_spec_group_needs_a_dot_so_typo_groups_are_no_match() {
    for (file, want) in [
        ("c51-typo-networking-v1-ingress.yaml", "no matches for kind \"Ingress\" in version \"networking/v1\""),
        ("c52-typo-app-v1-deployment.yaml", "no matches for kind \"Deployment\" in version \"app/v1\""),
        ("c53-typo-apps-v1-deployment.yaml", "no matches for kind \"Deployment\" in version \"Apps/v1\""),
        ("c54-typo-rbac-v1-role.yaml", "no matches for kind \"Role\" in version \"rbac/v1\""),
        ("c55-typo-core-v1-service.yaml", "no matches for kind \"Service\" in version \"core/v1\""),
        ("c57-typo-extension-v1beta1-ingress.yaml", "no matches for kind \"Ingress\" in version \"extension/v1beta1\""),
    ] {
        let r = run(&case(file));
        assert_eq!(errors(&r), vec![want.to_string()], "{file}");
        assert!(notes(&r, "IgnoredKind").is_empty(), "{file}");
        // pointed at the apiVersion: the kind is a real one
        let d = r.diagnostics.iter().find(|d| d.code == "NoKindMatch").unwrap();
        assert_eq!((d.line, d.field.as_deref()), (3, Some("apiVersion")), "{file}");
    }
    // custom resources stay custom resources
    for av in ["networking.istio.io/v1", "serving.knative.dev/v1", "example.com/v1", "gateway.networking.k8s.io/v1"] {
        let r = run(&format!("apiVersion: {av}\nkind: Thing\nmetadata: {{name: x}}\n"));
        assert!(errors(&r).is_empty(), "{av}: {:?}", errors(&r));
        assert_eq!(notes(&r, "IgnoredKind").len(), 1, "{av}");
    }
}

// k8s.io/apimachinery pkg/runtime/schema/group_version.go ParseGroupVersion: an apiVersion with
// no slash is the core group at that version; the core group serves `v1` alone
#[test]
fn parse_group_version_without_a_slash_is_the_core_group_so_only_v1_matches() {
    for (file, want) in [
        ("c44-nogroup-version-only.yaml", "no matches for kind \"VirtualService\" in version \"networking.istio.io\""),
        ("c56-typo-v1beta1-virtualservice.yaml", "no matches for kind \"VirtualService\" in version \"v1beta1\""),
    ] {
        let r = run(&case(file));
        assert_eq!(errors(&r), vec![want.to_string()], "{file}");
        let d = r.diagnostics.iter().find(|d| d.code == "NoKindMatch").unwrap();
        assert_eq!((d.line, d.field.as_deref()), (3, Some("apiVersion")), "{file}");
    }
}

// k8s.io/api networking/v1beta1/register.go addKnownTypes: Ingress, IngressClass, IPAddress,
// ServiceCIDR (and lists) only; Gateway is Gateway API's gateway.networking.k8s.io
#[test]
fn register_go_add_known_types_networking_v1beta1_has_no_gateway() {
    let r = run(&case("c45-networking-v1beta1-gateway.yaml"));
    assert_eq!(errors(&r), vec!["no matches for kind \"Gateway\" in version \"networking.k8s.io/v1beta1\"".to_string()]);
    // a kind that version registers is not refused for its name (off by default, so unknown)
    let r = run("apiVersion: networking.k8s.io/v1beta1\nkind: ServiceCIDR\nmetadata: {name: x}\nspec: {cidrs: [10.0.0.0/16]}\n");
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let r = run("apiVersion: storage.k8s.io/v1\nkind: VolumeAttributesClass\nmetadata: {name: x}\ndriverName: d\n");
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// kubernetes-sigs/metrics-server pkg/api/pod.go, node.go: PodMetrics and NodeMetrics are served
// by metrics-server's aggregated API (rest.Getter and rest.Lister only), not by a CRD
#[test]
fn metrics_server_pod_metrics_is_not_called_a_custom_resource() {
    for file in ["c05-podmetrics.yaml", "c46-metrics-nodemetrics.yaml"] {
        let r = run(&case(file));
        assert!(errors(&r).is_empty(), "{file}");
        let n = notes(&r, "IgnoredKind");
        assert_eq!(n.len(), 1, "{file}");
        assert_eq!(n[0].severity, Severity::Info);
        assert!(!n[0].message.contains("custom resource,") && !n[0].message.contains("CustomResourceDefinition"), "{}", n[0].message);
        assert!(n[0].message.contains("metrics-server"), "{}", n[0].message);
    }
}

// pkg/apis/apps/v1/defaults.go SetDefaults_Deployment sets progressDeadlineSeconds 600 when it
// is unset, then pkg/apis/apps/validation/validation.go ValidateDeploymentSpec refuses
// `*spec.ProgressDeadlineSeconds <= spec.MinReadySeconds`
#[test]
fn set_defaults_deployment_progress_deadline_600_then_validate_deployment_spec() {
    for (file, at) in [("d20-mrs-600-default.yaml", "7:20"), ("d02-mrs-over-default.yaml", "7:20")] {
        let r = run(&case(file));
        assert_eq!(placed(&r), vec![format!("{at} spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds")], "{file}");
        assert!(r.pods.is_empty(), "{file}");
    }
    let r = run(&case("d16-mrs-599-default.yaml"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    // null is unset
    let r = run(&case("d20-mrs-600-default.yaml").replace("minReadySeconds: 600", "minReadySeconds: 600\n  progressDeadlineSeconds: null"));
    assert_eq!(errors(&r).len(), 1, "{:?}", errors(&r));
}

// pkg/apis/apps/validation/validation.go ValidateStatefulSetSpec: minReadySeconds not negative
// (revisionHistoryLimit not checked); ValidateDaemonSetSpec: minReadySeconds and
// revisionHistoryLimit not negative (ValidateNonnegativeField)
#[test]
fn validate_statefulset_spec_and_validate_daemonset_spec_min_ready_seconds() {
    let r = run(&case("d11-sts-mrs-neg.yaml"));
    assert_eq!(errors(&r), vec!["spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0".to_string()]);
    let r = run(&case("d18-ds-mrs-neg.yaml"));
    assert_eq!(
        placed(&r),
        vec!["7:20 spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0", "8:25 spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0"]
    );
    let r = run(&case("d18-ds-mrs-neg.yaml").replace("  minReadySeconds: -1\n", ""));
    assert_eq!(errors(&r), vec!["spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0".to_string()]);
    let r = run(&case("d19-sts-rhl-neg.yaml"));
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
}

// k8s.io/endpointslice reconciler.go hintsEnabled (topology-aware-hints first, then
// topology-mode): the note names the annotation that is set, as written
#[test]
fn hints_enabled_note_names_the_annotation_set() {
    let text = |file: &str| serde_json::to_string(&run(&case(file))).unwrap();
    let e08 = text("e08-hints-auto-lower.yaml");
    // (learnfix13: the note now says what the annotation's topology cache does, led by the annotation as written)
    assert!(e08.contains("(service.kubernetes.io/topology-aware-hints: auto"), "{e08}");
    let e05 = text("e05-topomode-auto.yaml");
    assert!(e05.contains("(service.kubernetes.io/topology-mode: Auto"), "{e05}");
}

// A StatefulSet's pods get hostname and subdomain whatever the Service
// (pkg/controller/statefulset/stateful_set_utils.go initIdentity), and CoreDNS answers
// <hostname>.<service>.<ns>.svc under any Service (coredns plugin/kubernetes/kubernetes.go
// findServices: `svc.Headless() || r.endpoint != ""`), as Switchboard's DNS lookup does; only the
// DNS specification (kubernetes/dns docs/specification.md 2.4.1) and kube-dns keep them to a
// headless Service: an Info note, not a warning. Naming no Service stays a warning.
#[test]
fn coredns_find_services_answers_endpoint_names_under_a_cluster_ip_service_so_info() {
    let sts = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  serviceName: nginx\n  replicas: 1\n  selector: {matchLabels: {app: nginx}}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec: {containers: [{name: c, image: nginx}]}\n";
    let svc = "---\napiVersion: v1\nkind: Service\nmetadata: {name: nginx}\nspec: {selector: {app: nginx}, ports: [{port: 80}]}\n";
    let r = run(&format!("{sts}{svc}"));
    let n = notes(&r, "StatefulSetServiceName");
    assert_eq!(n.len(), 1);
    assert_eq!((n[0].severity, n[0].line), (Severity::Info, 5));
    assert!(n[0].message.contains("CoreDNS answers the per-pod DNS names (web-0.nginx…)") && n[0].message.contains("only for a headless Service (clusterIP: None)"), "{}", n[0].message);
    // a Service of another name in the namespace: still a warning
    let r = run(&format!("{}{svc}", sts.replace("serviceName: nginx", "serviceName: nginx-hl")));
    assert_eq!(notes(&r, "StatefulSetServiceName").iter().map(|d| d.severity).collect::<Vec<_>>(), vec![Severity::Warning]);
}

//! corpfix11: what the corpus11 sweep of uncurated real manifests found (tests/fixtures/corpus11;
//! the sources are in each fixture's header).

use super::analyze;
use super::config::Config;
use super::diag::Severity;

fn notes<'a>(r: &'a super::report::Report, code: &str) -> Vec<(Severity, &'a str, u32, u32)> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| (d.severity, d.message.as_str(), d.line, d.column)).collect()
}

/// An Ingress pasted without any Service of its namespace (kubernetes.io's minimal-ingress; ECK's
/// recipes, whose `<name>-es-http` Services the operator makes) is a partial input, not a wrong
/// Service name: an info, as gateway.rs already says of an HTTPRoute's backendRef (99c7878). The
/// 503 is ingress-nginx's only if the cluster has no such Service either
/// (internal/ingress/controller/controller.go createUpstreams: "Error obtaining Service").
#[test]
fn ingress_pasted_alone_backend_service_not_in_input_is_info_create_upstreams() {
    let src = include_str!("../../tests/fixtures/corpus11/minimal-ingress.yaml");
    let r = analyze(src, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.severity != Severity::Error && d.severity != Severity::Warning), "{:#?}", r.diagnostics);
    let n = notes(&r, "IngressBackend");
    assert_eq!(n.len(), 1, "{n:?}");
    assert_eq!(
        n[0],
        (
            Severity::Info,
            "route */testpath → service test port 80: Service \"test\" is not in this input (nor any Service of namespace default: paste it too to follow this route); if the cluster has none either, the ingress controller has no upstream and answers 503",
            16,
            11
        )
    );
    // a Service of the namespace in the input, under another name: a wrong name, still the warning
    let other = format!("{src}---\napiVersion: v1\nkind: Service\nmetadata: {{name: web}}\nspec:\n  selector: {{app: web}}\n  ports: [{{port: 80}}]\n");
    let r = analyze(&other, &Config::default());
    let n = notes(&r, "IngressBackend");
    assert!(n.len() == 1 && n[0].0 == Severity::Warning && n[0].1.contains("Service \"test\" does not exist in namespace default"), "{n:?}");
    // a Service of another namespace only: the Ingress's namespace has none in the input
    let elsewhere = other.replace("metadata: {name: web}", "metadata: {name: test, namespace: shop}");
    let r = analyze(&elsewhere, &Config::default());
    let n = notes(&r, "IngressBackend");
    assert!(n.len() == 1 && n[0].0 == Severity::Info, "{n:?}");
}

//! review21: this session's new rules read against upstream; the words that said more than
//! upstream does. Fixtures in tests/fixtures/review21/.

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review21").join(name)).unwrap()
}

fn messages(r: &super::Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
}

/// SubdomainWithoutService said cluster DNS serves hostname.subdomain "only as an endpoint of the
/// headless Service". CoreDNS (the default cluster DNS) plugin/kubernetes kubernetes.go
/// findServices: `// Endpoint query or headless service` `if svc.Headless() || r.endpoint != ""`
/// — an endpoint name is answered under a clusterIP Service too; the EndpointSlice controller sets
/// the hostname whatever the Service's type (pkg/controller/util/endpoint/controller_utils.go
/// ShouldSetHostname). The DNS specification (kubernetes/dns docs/specification.md 2.4.1) asks it
/// of headless Services only.
#[test]
fn subdomain_warning_does_not_say_headless_only_coredns_find_services_endpoint_query() {
    let r = analyze(&fixture("subdomain-clusterip-service-other-pods.yaml"), &Config::default());
    let m = messages(&r, "SubdomainWithoutService");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(m[0].contains("Service bar does not select this pod"), "{}", m[0]);
    assert!(!m[0].contains("only as an endpoint of the headless Service"), "{}", m[0]);
    assert!(m[0].contains("CoreDNS answers it under a clusterIP Service too"), "{}", m[0]);
}

/// IngressTLSHostNotInRules said "the ingress controller picks a certificate for each rule's
/// host": that is ingress-nginx's createServers (controller.go: servers from ing.Spec.Rules,
/// extractTLSSecretName per rule host), not a rule of the Ingress API (k8s.io/api networking/v1
/// IngressTLS), so the words name ingress-nginx.
#[test]
fn tls_host_not_in_rules_names_ingress_nginx_create_servers() {
    let r = analyze(&fixture("ingress-tls-host-not-in-rules-traefik.yaml"), &Config::default());
    let m = messages(&r, "IngressTLSHostNotInRules");
    assert_eq!(m.len(), 1, "{:#?}", r.diagnostics);
    assert!(!m[0].contains("the ingress controller picks a certificate"), "{}", m[0]);
    assert!(m[0].contains("ingress-nginx picks a certificate only for the hosts of the rules"), "{}", m[0]);
}

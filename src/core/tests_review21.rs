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

fn errors(r: &super::Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect()
}

fn configmaps(r: &super::Report) -> usize {
    r.diagnostics.iter().filter(|d| d.code == "IgnoredKind" && d.message.starts_with("ConfigMap")).count()
}

/// kubernetes/kubernetes#130666 "Better handling of YAML that tastes like JSON" (Kubernetes
/// 1.33): apimachinery pkg/util/yaml/decoder.go `YAMLOrJSONDecoder.Decode` flips to YAML when
/// encoding/json fails before a second value (`if d.count > 1 { return err }`, then
/// `d.stream.Rewind()`, `consumeWhitespace`, `NewYAMLToJSONDecoder(d.stream)`), returning the
/// JSON error only if the YAML fails too. A YAML flow mapping with unquoted keys was refused as
/// `json: offset 2: …` (kubectl v1.32's answer); it is a ConfigMap.
#[test]
fn yaml_or_json_decoder_flips_to_yaml_after_json_fails_kubernetes_130666() {
    let r = analyze(&fixture("json-guess-yaml-flow-unquoted-keys.yaml"), &Config::default());
    assert_eq!(errors(&r), Vec::<String>::new());
    assert_eq!(configmaps(&r), 1, "{:#?}", r.diagnostics);
    // one JSON object, then a `---` YAML document: the decoder flips after the first value
    let r = analyze(&fixture("json-object-then-yaml-document.yaml"), &Config::default());
    assert_eq!(errors(&r), Vec::<String>::new());
    assert_eq!(configmaps(&r), 2, "{:#?}", r.diagnostics);
    // two JSON objects read: the stream stays JSON (`d.count > 1`), the JSON error stands
    let cm = |n: &str| format!("{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {{\"name\": \"{n}\"}}}}");
    let src = format!("{}\n{}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n", cm("a"), cm("b"));
    let r = analyze(&src, &Config::default());
    assert_eq!(errors(&r), vec!["3:2: error parsing STDIN: json: offset 140: invalid character '-' in numeric literal".to_string()]);
    assert_eq!(configmaps(&r), 2, "{:#?}", r.diagnostics);
}

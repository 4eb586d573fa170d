//! qafix8: what helper qa8's real-question sweep (15 threads) found the report gets WRONG or
//! MISSES. Each test reads the thread's own YAML (tests/fixtures/qa8-*), trimmed, with the source
//! URL in its header comment.

use super::analyze;
use super::config::Config;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

/// qa8 07 (astriaorg/astria#955 and three Helm charts): an Ingress with both the legacy
/// annotation kubernetes.io/ingress.class and spec.ingressClassName. Was: "delivered — via the
/// ingress controller". kubernetes/kubernetes pkg/apis/networking/validation/validation.go
/// ValidateIngressCreate refuses it (annotationIsSet && IngressClassName != nil); the update
/// path (ValidateIngressUpdate) does not check it.
#[test]
fn ingress_class_annotation_and_field_refused_on_create_validate_ingress_create() {
    let text = fixture("qa8-07-ingress-class-annotation-and-field.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("annotations.kubernetes.io/ingress.class")).expect("the create error");
    assert_eq!(d.message, "annotations.kubernetes.io/ingress.class: Invalid value: \"nginx\": can not be set when the class field is also set");
    assert_eq!((d.line, d.column), (10, 34), "{d:#?}");
    let s = r.services.iter().find(|s| s.name == "node0-sequencer-rpc").unwrap();
    assert!(s.paths.iter().all(|p| p.entry != super::paths::Entry::Ingress), "the refused Ingress routes nothing: {:#?}", s.paths);
    // either one alone is accepted
    for one in [text.replacen("  ingressClassName: nginx\n", "", 1), text.replacen("  annotations:\n    kubernetes.io/ingress.class: nginx\n", "", 1)] {
        let r = analyze(&one, &Config::default());
        assert!(r.diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error), "{:#?}", r.diagnostics);
        let s = r.services.iter().find(|s| s.name == "node0-sequencer-rpc").unwrap();
        assert!(s.paths.iter().any(|p| p.entry == super::paths::Entry::Ingress), "{:#?}", s.paths);
    }
    // a live Ingress (kubectl get -o yaml: a uid) is updated, not created: not refused
    let live = text.replacen("  name: node0-sequencer-rpc-ingress\n", "  name: node0-sequencer-rpc-ingress\n  uid: 0b7a3c52-6f2e-4d1a-9a57-2f0c1d8e9b11\n", 1);
    let r = analyze(&live, &Config::default());
    assert!(r.diagnostics.iter().all(|d| d.field.as_deref() != Some("annotations.kubernetes.io/ingress.class")), "{:#?}", r.diagnostics);
}

/// qa8 06 (argoproj/argo-helm#3550): a GRPCRoute whose method match is `{type: Exact}` only.
/// Was: the route's path drawn ("gRPC */* → Service argocd-server"). kubernetes-sigs/gateway-api
/// apis/v1/grpcroute_types.go GRPCMethodMatch CEL rule "One or both of 'service' or 'method'
/// must be specified" (type defaults to Exact first): the API server refuses the route.
#[test]
fn grpc_method_match_without_service_or_method_is_refused_grpc_method_match_cel() {
    let text = fixture("qa8-06-grpcroute-method-type-only.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("spec.rules[0].matches[0].method")).expect("the CEL error");
    assert_eq!(d.message, "spec.rules[0].matches[0].method: Invalid value: \"object\": One or both of 'service' or 'method' must be specified");
    assert_eq!(d.severity, super::diag::Severity::Error);
    assert_eq!(d.line, 39, "{d:#?}");
    let s = r.services.iter().find(|s| s.name == "argocd-server").unwrap();
    assert!(s.paths.iter().all(|p| p.entry != super::paths::Entry::HttpRoute), "the refused route routes nothing: {:#?}", s.paths);
    // `method: {}` is refused too (the defaulted type makes has(self.type) true) …
    let empty = text.replacen("        - method:\n            type: Exact\n", "        - method: {}\n", 1);
    let r = analyze(&empty, &Config::default());
    assert!(r.diagnostics.iter().any(|d| d.field.as_deref() == Some("spec.rules[0].matches[0].method")), "{:#?}", r.diagnostics);
    // … and a service alone, or no method match at all, is accepted
    for ok in [
        text.replacen("            type: Exact\n", "            type: Exact\n            service: argocd.Server\n", 1),
        text.replacen("    - matches:\n        - method:\n            type: Exact\n      backendRefs:", "    - backendRefs:", 1),
    ] {
        let r = analyze(&ok, &Config::default());
        assert!(r.diagnostics.iter().all(|d| d.severity != super::diag::Severity::Error), "{:#?}", r.diagnostics);
        let s = r.services.iter().find(|s| s.name == "argocd-server").unwrap();
        assert!(s.paths.iter().any(|p| p.entry == super::paths::Entry::HttpRoute), "{:#?}", s.paths);
    }
}

/// qa8 11 (kubernetes-sigs/gateway-api#5210): an HTTPS listener with `tls.mode: Passthrough`.
/// Was: nothing said. kubernetes-sigs/gateway-api apis/v1/gateway_types.go GatewaySpec.Listeners
/// CEL rule "tls mode must be Terminate for protocol HTTPS" (and its sibling "tls must not be
/// specified for protocols ['HTTP', 'TCP', 'UDP']"), on spec.listeners with value "array".
#[test]
fn https_listener_passthrough_is_refused_gateway_spec_listeners_cel() {
    let text = fixture("qa8-11-https-listener-passthrough.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("spec.listeners")).expect("the CEL error");
    assert_eq!(d.message, "spec.listeners: Invalid value: \"array\": tls mode must be Terminate for protocol HTTPS");
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("protocol TLS")), "{d:#?}");
    // Terminate (or no mode) is accepted; Passthrough on a TLS listener is accepted
    for ok in [text.replacen("mode: Passthrough", "mode: Terminate", 1), text.replacen("protocol: HTTPS", "protocol: TLS", 1)] {
        let r = analyze(&ok, &Config::default());
        assert!(r.diagnostics.iter().all(|d| d.field.as_deref() != Some("spec.listeners")), "{:#?}", r.diagnostics);
    }
    // tls on an HTTP listener
    let http = text.replacen("protocol: HTTPS", "protocol: HTTP", 1);
    let r = analyze(&http, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.field.as_deref() == Some("spec.listeners")).expect("the HTTP tls error");
    assert!(d.message.ends_with("tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"), "{d:#?}");
}

/// qa8 08 (kubernetes/kubernetes#86522): timeoutSeconds: 2, and curls in a loop all reach
/// nginx-03. Was: "sticks this client to the first pick for 2 s" (read as a lifetime).
/// kubernetes/kubernetes pkg/proxy/iptables/proxier.go writeServiceToEndpointRules (`-m recent
/// --rcheck --seconds 2 --reap`) and syncProxyRules (the endpoint chain's `-m recent --set`):
/// each new connection re-sets the time, so the 2 s run from the latest connection.
#[test]
fn affinity_timeout_counts_from_the_latest_connection_write_service_to_endpoint_rules() {
    let r = analyze(&fixture("qa8-08-session-affinity-timeout.yaml"), &Config::default());
    let s = r.services.iter().find(|s| s.name == "nginx-clusterip-svc-sessionaffinityconfig").unwrap();
    let p = s.paths.iter().find(|p| p.entry == super::paths::Entry::Pod).unwrap();
    let hop = &p.hops.last().unwrap().explanation;
    assert!(hop.contains("sticks this client to the first pick for 2 s"), "{hop}");
    assert!(hop.contains("the 2 s count from this client's latest new connection, not its first") && hop.contains("connections less than 2 s apart stay on that pod"), "{hop}");
    // without ClientIP affinity, nothing of the sort
    let none = fixture("qa8-08-session-affinity-timeout.yaml").replacen(" sessionAffinity: ClientIP\n sessionAffinityConfig:\n   clientIP:\n     timeoutSeconds: 2\n", "", 1);
    let r = analyze(&none, &Config::default());
    let s = &r.services[0];
    assert!(s.paths.iter().flat_map(|p| p.hops.iter()).all(|h| !h.explanation.contains("-m recent entry")), "{:#?}", s.paths);
}

/// qa8 09 (opentdf/charts#77): `appProtocol: h2c` — "it should be kubernetes.io/h2c … requests
/// were being received as HTTP/1.1". Was: an info that took h2c as HTTP/2 and said nothing of the
/// name. kubernetes/kubernetes staging/src/k8s.io/api/core/v1/types.go ServicePort.AppProtocol
/// (un-prefixed names are IANA's; kubernetes.io/h2c is the defined one), KEP-3726.
#[test]
fn bare_h2c_app_protocol_names_kubernetes_io_h2c_service_port_app_protocol() {
    let text = fixture("qa8-09-appprotocol-h2c-unprefixed.yaml");
    let r = analyze(&text, &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "AppProtocolHint").expect("the appProtocol note");
    assert_eq!(d.severity, super::diag::Severity::Warning, "{d:#?}");
    assert!(d.message.contains("\"h2c\" (not the Kubernetes-defined name: HTTP/2 over cleartext is kubernetes.io/h2c"), "{}", d.message);
    // the defined name stays an info with its meaning
    let r = analyze(&text.replacen("    appProtocol: h2c\n", "    appProtocol: kubernetes.io/h2c\n", 1), &Config::default());
    let d = r.diagnostics.iter().find(|d| d.code == "AppProtocolHint").unwrap();
    assert_eq!(d.severity, super::diag::Severity::Info);
    assert!(d.message.contains("\"kubernetes.io/h2c\" (HTTP/2 over cleartext, RFC 7540)") && !d.message.contains("not the Kubernetes-defined name"), "{}", d.message);
}

/// qa8 01 (kubernetes/kubernetes#102654): ipFamilyPolicy RequireDualStack with ipFamilies
/// [IPv4] "did not give any error". Was: "(ipFamilies IPv4, IPv6)" with no word that the second
/// family was added. kubernetes/kubernetes pkg/registry/core/service/storage/alloc.go
/// initIPFamilyFields appends the other family for a non-SingleStack policy on a dual-stack cluster.
#[test]
fn one_written_family_with_dual_stack_policy_is_appended_init_ip_family_fields() {
    let text = fixture("qa8-01-require-dualstack-ipv4.yaml");
    let dual = Config::default().with_service_cidrs("10.96.0.0/12,fd00:10:96::/112").unwrap();
    let r = analyze(&text, &dual);
    let d = r.diagnostics.iter().find(|d| d.code == "IPFamilyAppended").expect("the note");
    assert!(d.message.starts_with("spec.ipFamilies names only IPv4; ipFamilyPolicy RequireDualStack on this dual-stack cluster makes the API server append IPv6"), "{}", d.message);
    assert_eq!(r.services[0].cluster_ips.len(), 2, "{:?}", r.services[0].cluster_ips);
    // PreferDualStack too; SingleStack or both families written, or a single-stack cluster: no note
    let prefer = text.replacen("  ipFamilyPolicy: RequireDualStack\n", "  ipFamilyPolicy: PreferDualStack\n", 1);
    assert!(analyze(&prefer, &dual).diagnostics.iter().any(|d| d.code == "IPFamilyAppended"));
    for (t, c) in [
        (text.replacen("  ipFamilyPolicy: RequireDualStack\n", "  ipFamilyPolicy: SingleStack\n", 1), &dual),
        (text.replacen("ipFamilies: [\"IPv4\"]", "ipFamilies: [\"IPv4\", \"IPv6\"]", 1), &dual),
        (prefer.clone(), &Config::default()),
    ] {
        assert!(analyze(&t, c).diagnostics.iter().all(|d| d.code != "IPFamilyAppended"), "{t}");
    }
}

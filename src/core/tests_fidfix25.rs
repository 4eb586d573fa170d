//! fidfix25: fidelity leftovers of session 21 — TLSRoute (kubernetes-sigs/gateway-api v1.6.1
//! apis/v1/tlsroute_types.go, standard channel since v1.5), more of the Gateway API CRD rules,
//! and smaller items. Each test reads real YAML (tests/fixtures/fidfix25/) and names the
//! upstream rule.

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::paths::{Entry, Outcome};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn errors(r: &super::Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{}: {}", d.object.as_deref().unwrap_or_default(), d.message)).collect()
}

fn codes<'a>(r: &'a super::Report, code: &str) -> Vec<&'a str> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.as_str()).collect()
}

/// Item 1 (qa8 10, envoyproxy/gateway#402): a TLSRoute on a `protocol: TLS`, `tls.mode:
/// Passthrough` listener to Service my-nginx. Was: "TLSRoute … was read and ignored (not drawn)",
/// no path. Now the route's path: client → the Gateway (SNI nginx.example.com, TLS not
/// terminated) → the Service's endpoint on its targetPort (tlsroute_types.go TLSRouteSpec.Hostnames
/// "SNI hostnames"; gateway_types.go TLSModePassthrough; envoyproxy/gateway listener.go
/// allowedRouteKindsForProtocol: a Passthrough TLS listener takes TLSRoute).
#[test]
fn tlsroute_on_a_passthrough_listener_is_drawn_through_the_gateway_tlsroute_spec_hostnames() {
    let r = analyze(&fixture("fidfix25/tlsroute-passthrough-eg402.yaml"), &Config::default());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("read and ignored")), "{:#?}", r.diagnostics);
    assert!(codes(&r, "GatewayParentRef").is_empty(), "{:?}", codes(&r, "GatewayParentRef"));
    let s = r.services.iter().find(|s| s.name == "my-nginx").unwrap();
    let p = s.paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("the TLSRoute's path");
    assert_eq!(p.outcome, Outcome::Delivered, "{p:#?}");
    assert_eq!(p.ingress.as_deref(), Some("tlsroute"));
    assert_eq!(p.hops[0].to, "external:gateway/eg");
    assert_eq!(p.hops[0].dst, "eg:8080");
    let first = &p.hops[0].explanation;
    assert!(first.contains("TLS connection with SNI nginx.example.com") && first.contains("listener tls (TLS on port 8080)") && first.contains("tls.mode is Passthrough") && first.contains("backendRef Service my-nginx port 443 (all of the rule's connections)"), "{first}");
    assert!(!first.contains("https://") && !first.contains("request"), "{first}");
    assert_eq!(p.hops[1].to, "pod:my-nginx-0");
    assert!(p.hops[1].explanation.contains("the pod terminates TLS itself"), "{}", p.hops[1].explanation);
    let routes = codes(&r, "GatewayRoutes");
    assert!(routes.len() == 1 && routes[0].contains("spec.rules[0].backendRefs[0] → Service my-nginx port 443"), "{routes:?}");
}

/// Item 1: the conformance scene tlsroute-invalid-no-matching-listener (gateway-api
/// conformance/tests): a TLSRoute on an HTTP-only Gateway is Accepted False, reason
/// NotAllowedByListeners; its connections are rejected, and the hint names a TLS listener. The
/// route on the TLS listener `*.example.com` is routed for tls.example.com, its other hostname
/// tls.example.net ignored there (TLSRouteSpec.Hostnames: "any TLSRoute hostnames that do not
/// match any Listener hostname MUST be ignored").
#[test]
fn tlsroute_on_an_http_listener_is_not_allowed_by_listeners_conformance_tlsroute_invalid_no_matching_listener() {
    let r = analyze(&fixture("fidfix25/tlsroute-v1-listener-kinds.yaml"), &Config::default());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let w: Vec<&super::diag::Diagnostic> = r.diagnostics.iter().filter(|d| d.code == "GatewayParentRef").collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].message.contains("reason NotAllowedByListeners") && w[0].message.contains("protocol HTTP takes no TLSRoute") && w[0].message.contains("rejects the TLS connections"), "{}", w[0].message);
    assert!(w[0].hint.as_deref().unwrap_or_default().contains("attach the route to a TLS listener (tls.mode: Passthrough)"), "{:?}", w[0].hint);
    let s = r.services.iter().find(|s| s.name == "tls-backend").unwrap();
    let refused = s.paths.iter().find(|p| p.ingress.as_deref() == Some("tlsroute-not-allowed-protocol-http")).unwrap();
    assert_eq!(refused.outcome, Outcome::Rejected);
    assert!(refused.reason.contains("rejects its TLS connections"), "{}", refused.reason);
    let ok = s.paths.iter().find(|p| p.ingress.as_deref() == Some("tlsroute-passthrough")).unwrap();
    assert_eq!(ok.outcome, Outcome::Delivered, "{ok:#?}");
    assert!(ok.hops[0].explanation.contains("SNI name tls.example.com (the route's hostnames tls.example.net do not match listener tls-passthrough's hostname *.example.com"), "{}", ok.hops[0].explanation);
    assert_eq!(ok.hops[1].dst.rsplit(':').next(), Some("8443"));
}

/// Item 1: a TLSRoute's hostname that meets no listener hostname is NoMatchingListenerHostname
/// in Envoy Gateway's words for a TLSRoute (internal/gatewayapi/route.go
/// processTLSRouteParentRefs: "There were no hostname intersections between the TLSRoute and
/// this parent ref's Listener(s)."); an HTTPRoute listener kind on a passthrough listener is
/// NotAllowedByListeners.
#[test]
fn tlsroute_hostname_outside_the_listener_is_no_matching_listener_hostname_process_tls_route_parent_refs() {
    let text = fixture("fidfix25/tlsroute-v1-listener-kinds.yaml").replace("    - tls.example.com\n    - tls.example.net\n", "    - tls.example.net\n");
    let r = analyze(&text, &Config::default());
    let w = codes(&r, "GatewayParentRef");
    assert!(w.iter().any(|m| m.contains("reason NoMatchingListenerHostname (\"There were no hostname intersections between the TLSRoute and this parent ref's Listener(s).\"")), "{w:?}");
}

/// Item 1: TLSRoute v1's CRD (config/crd/standard gateway.networking.k8s.io_tlsroutes.yaml,
/// tlsroute_types.go TLSRouteSpec): hostnames required (`spec.hostnames: Required value`, a
/// blocking error: the CEL rules are then not run, apiextensions-apiserver strategy.go
/// hasBlockingErr), no IP (`Hostnames cannot contain an IP`), rules MaxItems=1 (`Too many`).
#[test]
fn tlsroute_v1_crd_rules_required_hostnames_no_ip_one_rule_tlsroute_spec() {
    let r = analyze(&fixture("fidfix25/tlsroute-v1-crd-rules.yaml"), &Config::default());
    let e = errors(&r);
    let nil = "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";
    assert!(e.contains(&"TLSRoute/default/no-hostnames: spec.hostnames: Required value".to_string()), "{e:?}");
    assert!(e.contains(&format!("TLSRoute/default/no-hostnames: {nil}")), "{e:?}");
    assert!(e.contains(&"TLSRoute/default/ip-hostname: spec.hostnames: Invalid value: \"array\": Hostnames cannot contain an IP".to_string()), "{e:?}");
    assert!(e.contains(&"TLSRoute/default/two-rules: spec.rules: Too many: 2: must have at most 1 items".to_string()), "{e:?}");
    assert!(e.contains(&format!("TLSRoute/default/two-rules: {nil}")), "{e:?}");
    assert_eq!(e.len(), 5, "{e:?}");
    // refused routes route nothing
    let s = r.services.iter().find(|s| s.name == "db").unwrap();
    assert!(s.paths.iter().all(|p| p.entry != Entry::HttpRoute), "{:#?}", s.paths);
}

/// Item 6 (qa7 17, kubernetes-sigs/aws-load-balancer-controller#4499): two parentRefs to two
/// listeners of one Gateway, one refused (NoMatchingListenerHostname): the warning said "another
/// parentRef's Gateway serves it" where the same Gateway serves it on its other listener
/// (shared_types.go RouteStatus.Parents: one status per parentRef).
#[test]
fn refused_parentref_names_the_same_gateways_other_listener_route_status_parents() {
    let r = analyze(&fixture("fidfix25/qa7-17-two-listeners-one-gateway.yaml"), &Config::default());
    let w = codes(&r, "GatewayParentRef");
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("so spec.parentRefs[1] (listener wildcard of the same Gateway ingress-alb) takes the route and serves it"), "{w:?}");
    assert!(!w[0].contains("another parentRef's Gateway"), "{w:?}");
}

/// Item 3: the API server's warning for the legacy class annotation on create
/// (pkg/registry/networking/ingress/strategy.go ingressStrategy.WarningsOnCreate: only when
/// spec.ingressClassName is nil; none on update, so none for an Ingress a cluster printed).
#[test]
fn ingress_class_annotation_without_the_field_warns_on_create_ingress_strategy_warnings_on_create() {
    let text = fixture("fidfix25/ingress-class-annotation-only.yaml");
    let r = analyze(&text, &Config::default());
    let w: Vec<&super::diag::Diagnostic> = r.diagnostics.iter().filter(|d| d.code == "ServerWarning").collect();
    assert_eq!(w.len(), 1, "{w:#?}");
    assert_eq!(w[0].message, "annotation \"kubernetes.io/ingress.class\" is deprecated, please use 'spec.ingressClassName' instead");
    assert_eq!(w[0].object.as_deref(), Some("Ingress/default/jenkins"));
    assert_eq!((w[0].line, w[0].column), (9, 34));
    assert_eq!(w[0].severity, Severity::Warning);
    // a printed (live) Ingress: already created, no warning
    let live = text.replacen("  name: jenkins\n", "  name: jenkins\n  uid: 6f1c9a7e-1b2d-4c3e-8f00-0a1b2c3d4e5f\n  resourceVersion: \"4711\"\n  creationTimestamp: \"2026-11-20T10:00:00Z\"\n", 1);
    let r = analyze(&live, &Config::default());
    assert!(!r.diagnostics.iter().any(|d| d.code == "ServerWarning" && d.object.as_deref() == Some("Ingress/default/jenkins")), "{:#?}", r.diagnostics);
}

/// Item 4 (qa6 11, docker/for-mac#2646): a host-network client with dnsPolicy ClusterFirst asks
/// its node's resolver; the hop was labelled `etcd.default.svc.cluster.local?` while its words
/// said the client asks for "etcd". That expansion is the cluster DNS's search path (the pod's
/// resolv.conf under ClusterFirst: pkg/kubelet/network/dns/dns.go GetPodDNS), which this pod
/// does not get; the node's resolver is asked "etcd" (after the node's own search domains, if
/// any: glibc __res_context_search, musl name_from_dns_search). The label, the words, the reason
/// and --lookup (dnsquery's FORWARDED query) now name the same query.
#[test]
fn node_resolver_hop_label_names_the_query_the_words_name_get_pod_dns() {
    let text = fixture("qa6-11-hostnetwork-daemonset-cluster-dns.yaml");
    let r = analyze(&text, &Config::default());
    let pod = r.pods.iter().find(|p| p.name.starts_with("dns-test-") && p.node.as_deref() == Some("node-1")).unwrap().name.clone();
    let r = analyze(&text, &Config { client_pod: Some(pod.clone()), ..Config::default() });
    let s = r.services.iter().find(|s| s.name == "etcd").unwrap();
    let paths: Vec<_> = s.paths.iter().filter(|p| p.entry == Entry::Pod).collect();
    assert!(!paths.is_empty());
    for p in paths {
        let h = &p.hops[0];
        assert_eq!(h.dst, "etcd?", "{h:#?}");
        assert!(h.explanation.contains("asks node-1's resolver for \"etcd\""), "{}", h.explanation);
        assert!(h.explanation.contains("\"etcd\" never becomes etcd.default.svc.cluster.local"), "{}", h.explanation);
        assert!(p.reason.ends_with("does not resolve etcd"), "{}", p.reason);
    }
    let l = super::dnsquery::lookup(&r, "default", &pod, "etcd");
    assert_eq!(l.tries[0].query.trim_end_matches('.'), "etcd");
}

/// Item 5: /etc/hosts and case. glibc's nss_files (files-hosts.c LOOKUP_NAME_CASE:
/// __strcasecmp) and Go's resolver (net/hosts.go lowerASCIIBytes) find `FOO.local` on a line
/// `127.0.0.1 foo.local`; musl's name_from_hosts (src/network/lookup_name.c: strstr) does not,
/// and asks DNS. The lookup answers as glibc and Go do and says where musl differs; the name as
/// written in /etc/hosts answers with no such words (kubernetes/kubernetes#53495's hostAliases).
#[test]
fn etc_hosts_case_glibc_finds_musl_does_not_name_from_hosts_strstr() {
    let text = fixture("qa7-11-hostaliases-lookup.yaml");
    let r = analyze(&text, &Config { client_namespace: Some("default".into()), client_pod: Some("hostaliases-pod".into()), ..Config::default() });
    let l = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "FOO.local");
    assert_eq!(l.tries[0].rcode, "HOSTS", "{l:#?}");
    assert!(l.tries[0].note.contains("FOO.local is written there as foo.local: glibc and Go's resolver compare /etc/hosts names without regard to case and find it; musl (Alpine) compares them byte for byte, does not find it, and asks DNS"), "{}", l.tries[0].note);
    assert!(l.summary.contains("on musl (Alpine) FOO.local does not match foo.local there"), "{}", l.summary);
    let l = super::dnsquery::lookup(&r, "default", "hostaliases-pod", "foo.local");
    assert_eq!(l.tries[0].rcode, "HOSTS");
    assert!(!l.tries[0].note.contains("musl (Alpine)") && !l.summary.contains("musl"), "{}", l.summary);
}

/// Item 2: HTTPRoute's enums and filter rules (gateway-api v1.6.1 standard CRD, apis/v1
/// httproute_types.go HTTPPathMatch.Type, HTTPRequestRedirectFilter.StatusCode, HTTPRouteFilter,
/// HTTPRouteRule): an enum miss is `Unsupported value`, a blocking error after which the CEL
/// rules are not run (apiextensions-apiserver strategy.go hasBlockingErr: `<nil>: Invalid value:
/// null: some validation rules were not checked…`); the filter pairing and ReplacePrefixMatch
/// rules are CEL, on the filter and the rule, value "object".
#[test]
fn httproute_enums_filter_pairing_and_replace_prefix_match_httproute_crd() {
    let r = analyze(&fixture("fidfix25/httproute-crd-enums-and-filters.yaml"), &Config::default());
    let e = errors(&r);
    let nil = "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";
    let want = [
        "HTTPRoute/default/ingress-habit: spec.rules[0].matches[0].path.type: Unsupported value: \"Prefix\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"".to_string(),
        format!("HTTPRoute/default/ingress-habit: {nil}"),
        "HTTPRoute/default/redirect-404: spec.rules[0].filters[0].requestRedirect.statusCode: Unsupported value: 404: supported values: \"301\", \"302\", \"303\", \"307\", \"308\"".to_string(),
        format!("HTTPRoute/default/redirect-404: {nil}"),
        "HTTPRoute/default/filter-mismatch: spec.rules[0].filters[0]: Invalid value: \"object\": filter.requestHeaderModifier must be nil if the filter.type is not RequestHeaderModifier".to_string(),
        "HTTPRoute/default/filter-mismatch: spec.rules[0].filters[0]: Invalid value: \"object\": filter.urlRewrite must be specified for URLRewrite filter.type".to_string(),
        "HTTPRoute/default/rewrite-exact: spec.rules[0]: Invalid value: \"object\": When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified".to_string(),
    ];
    assert_eq!(e, want);
    // the refused routes route nothing
    let s = r.services.iter().find(|s| s.name == "web").unwrap();
    assert!(s.paths.iter().all(|p| p.entry != Entry::HttpRoute), "{:#?}", s.paths);
    // the same rule with a PathPrefix match is accepted
    let ok = fixture("fidfix25/httproute-crd-enums-and-filters.yaml").replace("        type: Exact\n        value: /old", "        type: PathPrefix\n        value: /old");
    let e = errors(&analyze(&ok, &Config::default()));
    assert!(!e.iter().any(|m| m.contains("rewrite-exact")), "{e:?}");
}

/// Item 2: a Gateway's listeners against the CRD (gateway_types.go Listener, ListenerTLSConfig):
/// a Terminate listener without certificateRefs or options (the rule reads
/// `size(self.certificateRefs)` without has(): CEL's "no such key" error, printed "%v evaluating
/// rule: %v" by apiextensions-apiserver cel/validation.go), the name's pattern and the port's
/// minimum (not blocking), and `from: all` outside the enum (blocking: the listeners' CEL rules
/// are not run).
#[test]
fn gateway_listener_schema_rules_name_port_from_and_terminate_certificate_refs_gateway_crd() {
    let r = analyze(&fixture("fidfix25/gateway-listener-schema.yaml"), &Config::default());
    let e = errors(&r);
    let nil = "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation";
    let want = [
        "Gateway/default/no-cert: spec.listeners[0].tls: Invalid value: \"object\": no such key: certificateRefs evaluating rule: certificateRefs or options must be specified when mode is Terminate".to_string(),
        "Gateway/default/bad-name: spec.listeners[0].name: Invalid value: \"HTTP_80\": spec.listeners[0].name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'".to_string(),
        "Gateway/default/bad-name: spec.listeners[0].port: Invalid value: 0: spec.listeners[0].port in body should be greater than or equal to 1".to_string(),
        "Gateway/default/from-all: spec.listeners[0].allowedRoutes.namespaces.from: Unsupported value: \"all\": supported values: \"All\", \"Selector\", \"Same\"".to_string(),
        format!("Gateway/default/from-all: {nil}"),
    ];
    assert_eq!(e, want);
    assert!(super::gateway::protocol_matches("HTTP") && super::gateway::protocol_matches("example.com/custom") && !super::gateway::protocol_matches("HTTP/2") && !super::gateway::protocol_matches("-tcp"));
}

/// Item 1 (TCPRoute, UDPRoute): standard channel v1 since Gateway API v1.6 (CHANGELOG 1.6:
/// "TCPRoute has graduated to GA", "UDPRoute has graduated to GA"), not experimental. A TCP
/// listener takes TCPRoute, a UDP listener UDPRoute (envoyproxy/gateway listener.go
/// allowedRouteKindsForProtocol); the route forwards every connection (datagram) on the
/// listener's port to its backendRefs; a UDPRoute's backend is the Service's UDP port
/// (validate.go validateBackendRefService). Was: "read and ignored (not drawn)". An HTTPRoute
/// on the TCP listener is NotAllowedByListeners; a TCPRoute v1 with two rules is refused
/// (MaxItems=1).
#[test]
fn tcproute_and_udproute_are_drawn_through_their_listeners_tcproute_udproute_v1() {
    let text = fixture("fidfix25/tcproute-udproute-v1.yaml");
    let r = analyze(&text, &Config::default());
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    assert!(codes(&r, "GatewayParentRef").is_empty(), "{:?}", codes(&r, "GatewayParentRef"));
    assert!(!r.diagnostics.iter().any(|d| d.message.contains("read and ignored")), "{:#?}", r.diagnostics);
    let pg = r.services.iter().find(|s| s.name == "postgres").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("the TCPRoute's path");
    assert_eq!(pg.outcome, Outcome::Delivered, "{pg:#?}");
    assert_eq!(pg.hops[0].dst, "eg:5432");
    assert!(pg.hops[0].explanation.contains("The client opens a TCP connection to Gateway eg of class eg, listener tcp (TCP on port 5432)") && pg.hops[0].explanation.contains("(all of the rule's connections)"), "{}", pg.hops[0].explanation);
    assert_eq!(pg.hops[1].to, "pod:postgres-0");
    let dns = r.services.iter().find(|s| s.name == "coredns").unwrap().paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("the UDPRoute's path");
    assert_eq!(dns.outcome, Outcome::Delivered, "{dns:#?}");
    assert!(dns.hops[0].explanation.contains("The client sends UDP datagrams") && dns.hops[0].explanation.contains("(all of the rule's packets)"), "{}", dns.hops[0].explanation);
    // the UDPRoute's backendRef names the Service's UDP port; a TCPRoute to it finds none
    let tcp_to_udp = text.replace("kind: UDPRoute", "kind: TCPRoute").replace("    sectionName: udp", "    sectionName: tcp");
    let r = analyze(&tcp_to_udp, &Config::default());
    let w = codes(&r, "GatewayBackendRef");
    assert!(w.iter().any(|m| m.contains("reason PortNotFound") && m.contains("rejects all of the rule's connections (it closes the TCP connection)")), "{w:?}");
    // an HTTPRoute on the TCP listener
    let http = text.replacen("kind: TCPRoute", "kind: HTTPRoute", 1);
    let w = codes(&analyze(&http, &Config::default()), "GatewayParentRef").iter().map(|m| m.to_string()).collect::<Vec<_>>();
    assert!(w.iter().any(|m| m.contains("reason NotAllowedByListeners") && m.contains("protocol TCP takes no HTTPRoute")), "{w:?}");
    // TCPRoute v1: one rule
    let two = text.replacen("      port: 5432\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: UDPRoute", "      port: 5432\n  - backendRefs:\n    - name: postgres\n      port: 5432\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: UDPRoute", 1);
    let e = errors(&analyze(&two, &Config::default()));
    assert!(e.contains(&"TCPRoute/default/postgres: spec.rules: Too many: 2: must have at most 1 items".to_string()), "{e:?}");
}

/// Item 2: HTTPRoute timeouts (httproute_types.go HTTPRouteTimeouts; shared_types.go Duration,
/// GEP-2257: `^([0-9]{1,5}(h|m|s|ms)){1,4}$`, so no fractions) and the CEL rule
/// `backendRequest timeout cannot be longer than request timeout` on `spec.rules[i].timeouts`.
#[test]
fn httproute_timeouts_duration_pattern_and_backend_request_rule_httproute_timeouts() {
    let r = analyze(&fixture("fidfix25/httproute-timeouts.yaml"), &Config::default());
    let e = errors(&r);
    assert_eq!(
        e,
        [
            "HTTPRoute/default/fractional: spec.rules[0].timeouts.request: Invalid value: \"1.5s\": spec.rules[0].timeouts.request in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'",
            "HTTPRoute/default/backend-longer: spec.rules[0].timeouts: Invalid value: \"object\": backendRequest timeout cannot be longer than request timeout",
        ]
    );
    assert_eq!(super::gateway::gateway_duration_ms("1m30s"), Some(90_000));
    assert_eq!(super::gateway::gateway_duration_ms("500ms"), Some(500));
    assert_eq!(super::gateway::gateway_duration_ms("1h1m1s1ms"), Some(3_661_001));
    for bad in ["1.5s", "100000s", "1h1m1s1ms1s", "10", "s", "1d", ""] {
        assert_eq!(super::gateway::gateway_duration_ms(bad), None, "{bad}");
    }
}

/// Item 2: GRPCMethodMatch's CEL character rules for type Exact (grpcroute_types.go: `service
/// must only contain valid characters (matching ^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$)`,
/// `method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)`), on the match's
/// `method`, value "object"; a RegularExpression match is not held to them.
#[test]
fn grpcroute_method_match_service_and_method_characters_grpc_method_match() {
    let r = analyze(&fixture("fidfix25/grpcroute-method-path.yaml"), &Config::default());
    let e = errors(&r);
    assert_eq!(
        e,
        [
            "GRPCRoute/default/greeter: spec.rules[0].matches[0].method: Invalid value: \"object\": service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)",
            "GRPCRoute/default/greeter: spec.rules[0].matches[0].method: Invalid value: \"object\": method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)",
        ]
    );
}

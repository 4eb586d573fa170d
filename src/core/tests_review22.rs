//! review22: older rules read again against upstream (topology-aware routing, Gateway API CRD
//! validation, a sample of rules from sessions ≤ 18). Fixtures in tests/fixtures/review22/.

use super::analyze;
use super::config::Config;
use super::paths::Entry;

fn fixture(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/review22").join(name)).unwrap()
}

#[allow(dead_code)]
fn messages(r: &super::Report, code: &str) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == code).map(|d| d.message.clone()).collect()
}

#[allow(dead_code)]
fn errors(r: &super::Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect()
}

/// topology-mode Auto: k8s.io/endpointslice topologycache utils.go getGivingAndReceivingZones
/// aims each zone at allocation.desired (its CPU share of the ready endpoints), not at the
/// minimum..maximum range: zone-a 3 CPUs, zone-b 1, 5 + 3 endpoints → desired 6 and 2, so one
/// of zone-b's endpoints is hinted for zone-a (redistributeHints), although 5 ∈ 5..6 and
/// 3 ∈ 2..3. The model said "each ready endpoint for its own zone" and kept zone-b's three
/// for node-b's clients. Event messages carry FormatWithAddressType's ", addressType: IPv4".
#[test]
fn topology_auto_get_giving_and_receiving_zones_aims_at_desired_not_min_max() {
    let text = fixture("01-topology-auto-cpu-share-moves-hints.yaml");
    let r = analyze(&text, &Config { client_node: Some("node-b".into()), ..Config::default() });
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path");
    let said = p.hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join("\n");
    assert!(!said.contains("hints each ready endpoint for its own zone"), "{said}");
    assert!(said.contains("are not spread as the zones' CPU is (zone-a: 5 (its CPU share: 6), zone-b: 3 (its CPU share: 2))"), "{said}");
    // the same spread as the CPU (6 + 2): no move, zone-b's clients keep zone-b's endpoints
    let even = text.replace("  name: api-6\n  labels:\n    app: api\nspec:\n  nodeName: node-b\n", "  name: api-6\n  labels:\n    app: api\nspec:\n  nodeName: node-a\n");
    let r = analyze(&even, &Config { client_node: Some("node-b".into()), ..Config::default() });
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path");
    let said = p.hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join("\n");
    assert!(said.contains("hints each ready endpoint for its own zone"), "{said}");
    assert_eq!(p.backends.len(), 2, "{said}");
    // one zone only: the event message with its address type
    let one = text.replace("topology.kubernetes.io/zone: zone-b", "topology.kubernetes.io/zone: zone-a");
    let r = analyze(&one, &Config::default());
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::Pod).expect("a pod path");
    let said = p.hops.iter().map(|h| h.explanation.as_str()).collect::<Vec<_>>().join("\n");
    assert!(said.contains("TopologyAwareHintsDisabled \"Insufficient Node information: allocatable CPU or zone not specified on one or more nodes, addressType: IPv4\""), "{said}");
}

fn has(errs: &[String], line_col: &str, text: &str) -> bool {
    errs.iter().any(|e| e.starts_with(line_col) && e.contains(text))
}

/// Gateway API's Gateway CRD (kubernetes-sigs/gateway-api apis/v1/gateway_types.go
/// GatewaySpec.Listeners: `+listType=map` `+listMapKey=name` and XValidation "Listener name must
/// be unique within the Gateway"): two listeners named "http" are refused — the list-map's
/// Duplicate (apiextensions-apiserver listtype validateListMap, at the second one; the key map
/// printed as JSON, field.Error ErrorBody since 1.34) and the CEL
/// rule on spec.listeners. The Gateway never exists, so its route has no listener to attach to.
#[test]
fn gateway_crd_listener_name_unique_list_map_key_and_cel() {
    let r = analyze(&fixture("02-gateway-duplicate-listener-name.yaml"), &Config::default());
    let e = errors(&r);
    assert!(has(&e, "13:5:", "spec.listeners[1]: Duplicate value: {\"name\":\"http\"}"), "{e:#?}");
    assert!(has(&e, "10:5:", "spec.listeners: Invalid value: \"array\": Listener name must be unique within the Gateway"), "{e:#?}");
    assert_eq!(e.len(), 2, "{e:#?}");
    assert!(r.diagnostics.iter().filter(|d| d.severity == super::diag::Severity::Error).all(|d| d.object.as_deref() == Some("Gateway/default/web")));
}

/// gateway_types.go GatewaySpec.Listeners XValidation "hostname must not be specified for
/// protocols ['TCP', 'UDP']" and "tls must not be specified for protocols ['HTTP', 'TCP',
/// 'UDP']"; ListenerHostname's Hostname pattern (shared_types.go) refuses upper case.
#[test]
fn gateway_crd_hostname_on_tcp_tls_on_http_hostname_pattern() {
    let r = analyze(&fixture("03-gateway-tcp-listener-hostname-http-tls.yaml"), &Config::default());
    let e = errors(&r);
    assert!(has(&e, "10:5:", "spec.listeners: Invalid value: \"array\": hostname must not be specified for protocols ['TCP', 'UDP']"), "{e:#?}");
    assert!(has(&e, "10:5:", "spec.listeners: Invalid value: \"array\": tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"), "{e:#?}");
    assert!(has(&e, "17:15:", "spec.listeners[1].hostname: Invalid value: \"Shop.Example.com\": spec.listeners[1].hostname in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'"), "{e:#?}");
    assert_eq!(e.len(), 3, "{e:#?}");
}

/// httproute_types.go HTTPPathMatch XValidation ("value must be an absolute path and start with
/// '/' when type one of ['Exact', 'PathPrefix']", "must not contain '//' …"), HTTPRouteRule
/// "RequestRedirect filter must not be used together with backendRefs", shared_types.go
/// BackendRef.Weight `Maximum=1000000` and the Hostname pattern of spec.hostnames.
#[test]
fn httproute_crd_path_values_redirect_with_backends_weight_hostname() {
    let r = analyze(&fixture("04-httproute-path-and-redirect.yaml"), &Config::default());
    let e = errors(&r);
    assert!(has(&e, "", "spec.hostnames[0]: Invalid value: \"Shop.Example.com\": spec.hostnames[0] in body should match"), "{e:#?}");
    assert!(has(&e, "", "spec.rules[0].matches[0].path: Invalid value: \"object\": value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"), "{e:#?}");
    assert!(has(&e, "", "spec.rules[0].matches[1].path: Invalid value: \"object\": must not contain '//' when type one of ['Exact', 'PathPrefix']"), "{e:#?}");
    assert!(has(&e, "", "spec.rules[0].backendRefs[0].weight: Invalid value: 2000000: spec.rules[0].backendRefs[0].weight in body should be less than or equal to 1000000"), "{e:#?}");
    assert!(has(&e, "", "spec.rules[1]: Invalid value: \"object\": RequestRedirect filter must not be used together with backendRefs"), "{e:#?}");
    assert_eq!(e.len(), 5, "{e:#?}");
    assert!(r.services.iter().all(|s| s.paths.iter().all(|p| !format!("{:?}", p.entry).contains("HTTPRoute"))), "a refused route draws no path");
}

/// shared_types.go CommonRouteSpec.ParentRefs `<gateway:standard:validation:XValidation>`
/// "sectionName must be specified when parentRefs includes 2 or more references to the same
/// parent"; and a route the CRDs accept draws no error (regex paths, "/" by default, %2E,
/// wildcard hostnames, weight 0, distinct sectionNames, a TLS listener's defaulted mode).
#[test]
fn httproute_crd_parent_refs_section_name_and_valid_route_accepted() {
    let r = analyze(&fixture("05-httproute-same-gateway-twice.yaml"), &Config::default());
    let e = errors(&r);
    assert!(has(&e, "9:5:", "spec.parentRefs: Invalid value: \"array\": sectionName must be specified when parentRefs includes 2 or more references to the same parent"), "{e:#?}");
    assert_eq!(e.len(), 1, "{e:#?}");
    let r = analyze(&fixture("06-httproute-valid.yaml"), &Config::default());
    assert_eq!(errors(&r), Vec::<String>::new());
}

/// STALE: the TaintToleration filter's reason (pkg/scheduler/framework/plugins/tainttoleration
/// taint_toleration.go Filter) is "node(s) had untolerated taint(s)" since kubernetes#134740
/// (v1.35.0; #135023 on release-1.34): taint keys and values left pod statuses. It was
/// "node(s) had untolerated taint {dedicated: db}", one histogram entry per taint.
#[test]
fn scheduler_taint_toleration_reason_names_no_taint_kubernetes_134740() {
    let r = analyze(&fixture("07-pending-untolerated-taints.yaml"), &Config::default());
    let p = r.pods.iter().find(|p| p.name.starts_with("web-")).expect("the Deployment's pod");
    assert_eq!(
        p.pending_reason.as_deref(),
        Some("0/2 nodes are available: 2 node(s) had untolerated taint(s). preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.")
    );
}

/// WRONG: validateInitContainers (pkg/apis/core/validation/validation.go) runs
/// `checkHostPortConflicts([]core.Container{ctr}, fldPath)` for every init container — a native
/// sidecar (restartPolicy: Always) too — and the one-element slice makes AccumulateUniqueHostPorts
/// write index 0: `spec.initContainers[0].ports[1].hostPort`, whichever init container it is. The
/// sidecar was skipped (the Pod was accepted) and the init container's own index was written.
#[test]
fn sidecar_host_port_conflict_check_host_port_conflicts_per_init_container_index_zero() {
    let r = analyze(&fixture("08-sidecar-duplicate-hostport.yaml"), &Config::default());
    let e = errors(&r);
    // the message says [0] as the API server does; the position is the sidecar's own port
    assert!(has(&e, "22:17:", "spec.initContainers[0].ports[1].hostPort: Duplicate value: \"TCP//9901\""), "{e:#?}");
    assert_eq!(e.len(), 1, "{e:#?}");
}

/// WRONG (words): ValidateService (pkg/apis/core/validation/validation.go) validates
/// `cname := strings.TrimSuffix(service.Spec.ExternalName, ".")` and prints that trimmed value;
/// a lone "." is `Required value`. The value was printed with its trailing dot.
#[test]
fn externalname_error_prints_the_trimmed_cname_validate_service() {
    let text = fixture("09-externalname-trailing-dot-invalid.yaml");
    let r = analyze(&text, &Config::default());
    let e = errors(&r);
    assert!(has(&e, "8:17:", "spec.externalName: Invalid value: \"billing_db.corp.example.com\": a lowercase RFC 1123 subdomain"), "{e:#?}");
    let r = analyze(&text.replace("billing_db.corp.example.com.", "\".\""), &Config::default());
    let e = errors(&r);
    assert!(has(&e, "", "spec.externalName: Required value"), "{e:#?}");
    assert_eq!(e.len(), 1, "{e:#?}");
}

/// MISSED refusal: ValidateService refuses both topology annotations with different values
/// (`metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: "Auto": must
/// match annotations[service.kubernetes.io/topology-aware-hints] when both are specified`); the
/// Service was accepted and its hints modelled.
#[test]
fn topology_mode_must_match_topology_aware_hints_validate_service() {
    let text = fixture("10-topology-annotations-differ.yaml");
    let r = analyze(&text, &Config::default());
    let e = errors(&r);
    assert!(has(&e, "", "metadata.annotations[service.kubernetes.io/topology-mode]: Invalid value: \"Auto\": must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified"), "{e:#?}");
    assert_eq!(e.len(), 1, "{e:#?}");
    // the same value twice is accepted
    let r = analyze(&text.replace("topology-aware-hints: auto", "topology-aware-hints: Auto"), &Config::default());
    assert_eq!(errors(&r), Vec::<String>::new());
}

//! gwapi: Gateway API HTTPRoute → Service (core::gateway). Semantics cited per test from
//! kubernetes-sigs/gateway-api (apis/v1/object_reference_types.go BackendObjectReference,
//! apis/v1/shared_types.go BackendRef / ParentReference / RouteConditionResolvedRefs,
//! apis/v1/httproute_types.go HTTPRouteRule.BackendRefs, apis/v1beta1 ReferenceGrant) and Envoy
//! Gateway (internal/gatewayapi/validate.go, helpers.go isCrossNamespaceReferencePermitted).

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::paths::{Entry, Outcome};

const APP: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: stirling-pdf\nspec:\n  selector:\n    app: stirling-pdf\n  ports:\n  - name: http\n    port: 8080\n    targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: stirling-pdf\nspec:\n  selector:\n    matchLabels:\n      app: stirling-pdf\n  template:\n    metadata:\n      labels:\n        app: stirling-pdf\n    spec:\n      containers:\n      - name: app\n        image: frooodle/s-pdf\n        ports:\n        - containerPort: 8080\n";

fn route(backend_refs: &str) -> String {
    format!("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: stirling-pdf\nspec:\n  parentRefs:\n  - name: gateway\n  hostnames:\n  - pdf.example.com\n  rules:\n  - backendRefs:\n{backend_refs}---\n{APP}")
}

fn warnings(r: &super::report::Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.severity == Severity::Warning).map(|d| format!("{}:{}: {}", d.line, d.column, d.message)).collect()
}

/// qa1 q/30 (chr1sd/home-ops#4): backendRefs.port 80 while the Service's port is 8080. The port
/// is the Service's port (object_reference_types.go BackendObjectReference.Port: "the port number
/// is the service port number, not the target port"); Envoy Gateway sets ResolvedRefs False with
/// "TCP Port 80 not found on Service default/stirling-pdf" (validate.go validateBackendRefService,
/// reason PortNotFound); the requests of that backendRef get a 500 (httproute_types.go
/// HTTPRouteRule.BackendRefs).
#[test]
fn backend_ref_port_not_on_the_service_warns_port_not_found_and_500_backend_object_reference_port() {
    let text = route("    - name: stirling-pdf\n      port: 80\n");
    let r = analyze(&text, &Config::default());
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("13:13: spec.rules[0].backendRefs[0].port: ResolvedRefs False, reason PortNotFound (Envoy Gateway's reason"), "{w:?}");
    assert!(w[0].contains("Service default/stirling-pdf has no port 80 (its ports: http:8080→8080)") && w[0].ends_with("so the Gateway answers HTTP 500 to all of the rule's requests"), "{w:?}");
    // the entry: outside client → the Gateway (not in the input) → 500
    let s = &r.services[0];
    let p = s.paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("an httproute entry");
    assert_eq!(crate::hostopts::entry_key(p), "httproute@stirling-pdf");
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.hops[0].explanation.contains("a Gateway named gateway, not in the input"), "{}", p.hops[0].explanation);
    assert_eq!(p.hops[0].to, "external:gateway/gateway");
    assert!(p.reason.starts_with("the Gateway answers HTTP 500"), "{}", p.reason);
    // Why: the route's own entry fails; another entry warns of it
    let own = super::checklist::checklist(&text, &r, "", "httproute@stirling-pdf");
    let c = own.iter().find(|c| c.key == "httproute").expect("httproute check");
    assert_eq!(c.status, "fail", "{}", c.why);
    assert!(!own.iter().any(|c| c.key == "type" && c.status == "fail"), "a ClusterIP Service is fine behind a Gateway");
    let pod = super::checklist::checklist(&text, &r, "", "pod");
    let c = pod.iter().find(|c| c.key == "httproute").expect("a warning from the pod entry");
    assert_eq!(c.status, "warn");
    assert!(c.why.contains("Outside client → Gateway → route stirling-pdf"), "{}", c.why);
    // the custom resource note stays honest: schema unknown, routing used
    let info = r.diagnostics.iter().find(|d| d.code == "IgnoredKind").expect("the custom resource note");
    assert!(info.message.contains("which Switchboard does not have") && info.message.contains("backendRefs are resolved"), "{}", info.message);
    // fixed: no warning, delivered on the targetPort
    let fixed = route("    - name: stirling-pdf\n      port: 8080\n");
    let r = analyze(&fixed, &Config::default());
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("an httproute entry");
    assert_eq!(p.outcome, Outcome::Delivered, "{}", p.reason);
    let last = p.hops.last().unwrap();
    assert!(last.to.starts_with("pod:stirling-pdf-") && last.dst.ends_with(":8080"), "{last:?}");
    assert!(last.explanation.contains("directly on the targetPort"), "{}", last.explanation);
}

/// BackendNotFound (shared_types.go RouteReasonBackendNotFound; HTTPBackendRef: "It refers to a
/// resource that does not exist"); the namespace defaults to the route's
/// (BackendObjectReference.Namespace).
#[test]
fn backend_ref_to_a_missing_service_warns_backend_not_found_route_reason_backend_not_found() {
    let r = analyze(&route("    - name: stirling\n      port: 8080\n"), &Config::default());
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("12:7: spec.rules[0].backendRefs[0]: ResolvedRefs False, reason BackendNotFound: Service default/stirling does not exist"), "{w:?}");
    // the route alone (no Service of its namespace in the input): an info, not a warning
    let alone = route("    - name: stirling\n      port: 8080\n");
    let r = analyze(alone.split("---\n").next().unwrap(), &Config::default());
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
    assert!(r.diagnostics.iter().any(|d| d.code == "GatewayBackendRef" && d.severity == Severity::Info && d.message.contains("paste it too")));
}

/// RefNotPermitted (shared_types.go RouteReasonRefNotPermitted): a backendRef to another
/// namespace needs a ReferenceGrant there (apis/v1beta1 ReferenceGrant; Envoy Gateway helpers.go
/// isCrossNamespaceReferencePermitted: from group/kind/namespace, to group/kind/name).
#[test]
fn cross_namespace_backend_ref_needs_a_reference_grant_route_reason_ref_not_permitted() {
    let app = APP.replace("metadata:\n  name: stirling-pdf\n", "metadata:\n  name: stirling-pdf\n  namespace: pdf\n");
    let text = format!("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\nspec:\n  parentRefs:\n  - name: gateway\n  rules:\n  - backendRefs:\n    - name: stirling-pdf\n      namespace: pdf\n      port: 8080\n---\n{app}");
    let r = analyze(&text, &Config::default());
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("reason RefNotPermitted") && w[0].contains("no ReferenceGrant in namespace pdf"), "{w:?}");
    let grant = "---\napiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata:\n  name: allow\n  namespace: pdf\nspec:\n  from:\n  - group: gateway.networking.k8s.io\n    kind: HTTPRoute\n    namespace: default\n  to:\n  - group: \"\"\n    kind: Service\n";
    let r = analyze(&format!("{text}{grant}"), &Config::default());
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
    let s = r.services.iter().find(|s| s.name == "stirling-pdf").unwrap();
    assert_eq!(s.paths.iter().find(|p| p.entry == Entry::HttpRoute).map(|p| p.outcome), Some(Outcome::Delivered));
    // a grant for another kind does not allow it
    let r = analyze(&format!("{text}{}", grant.replace("kind: HTTPRoute", "kind: GRPCRoute")), &Config::default());
    assert_eq!(warnings(&r).len(), 1);
}

/// Weights (shared_types.go BackendRef.Weight: weight/sum, default 1) and the 500 for an invalid
/// backendRef's share (httproute_types.go HTTPRouteRule.BackendRefs: "if two backends are
/// specified with equal weights, and one is invalid, 50 percent of traffic must receive a 500");
/// an unsupported kind is InvalidKind (RouteReasonInvalidKind); a Service without a port is
/// refused by the CRD (BackendObjectReference's CEL rule "Must have port for Service reference").
#[test]
fn weights_share_the_500_and_invalid_kind_and_missing_port_http_route_rule_backend_refs() {
    let r = analyze(&route("    - name: stirling-pdf\n      port: 8080\n    - name: stirling-pdf\n      port: 9090\n"), &Config::default());
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].ends_with("so the Gateway answers HTTP 500 to 50% of the rule's requests (weight 1 of 2)"), "{w:?}");
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert_eq!(p.outcome, Outcome::Delivered);
    assert!((p.backends[0].probability - 0.5).abs() < 1e-9);
    // (an implementation's own kind: an info, not followed)
    let r = analyze(&route("    - name: stirling-pdf\n      kind: Backend\n      group: gateway.envoyproxy.io\n"), &Config::default());
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
    assert!(r.diagnostics.iter().any(|d| d.code == "GatewayBackendRef" && d.message.contains("backendRef kind Backend.gateway.envoyproxy.io is not a core Service") && d.message.contains("reason InvalidKind")));
    // (a Service backendRef without a port: the CRD's CEL rule refuses the route, review20)
    let r = analyze(&route("    - name: stirling-pdf\n"), &Config::default());
    assert!(r.diagnostics.iter().any(|d| d.severity == Severity::Error && d.message.contains("Must have port for Service reference")), "{:?}", r.diagnostics);
}

/// The Gateway in the input: its listener (sectionName, else the first) and address on the first
/// hop (shared_types.go ParentReference: kind Gateway, the route's namespace by default).
#[test]
fn the_gateway_in_the_input_gives_its_listener_and_address_parent_reference() {
    let gw = "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: gateway\nspec:\n  gatewayClassName: eg\n  listeners:\n  - name: http\n    protocol: HTTP\n    port: 80\n  - name: https\n    protocol: HTTPS\n    port: 443\n  addresses:\n  - value: 203.0.113.10\n---\n";
    let text = format!("{gw}{}", route("    - name: stirling-pdf\n      port: 8080\n").replace("  - name: gateway\n", "  - name: gateway\n    sectionName: https\n"));
    let r = analyze(&text, &Config::default());
    assert!(warnings(&r).is_empty(), "{:?}", warnings(&r));
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::HttpRoute).unwrap();
    assert!(p.hops[0].explanation.contains("Gateway gateway of class eg, listener https (HTTPS on port 443)"), "{}", p.hops[0].explanation);
    assert_eq!(p.hops[0].dst, "203.0.113.10:443");
    // drawn: the Gateway's box in the outside column
    let l = super::layout::layout(&r, Some(0), 1000.0);
    assert!(l.items.iter().any(|i| i.kind == "external" && i.name == "gateway/gateway"), "no Gateway box");
}

/// A GRPCRoute the same way, but an invalid backendRef's requests get an `UNAVAILABLE` status
/// (apis/v1/grpcroute_types.go GRPCRouteRule.BackendRefs); its matches (GRPCMethodMatch) and the
/// route's hostnames are on the first hop.
#[test]
fn a_grpc_route_answers_unavailable_for_an_invalid_backend_ref_grpc_route_rule_backend_refs() {
    let text = format!("apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: g\nspec:\n  parentRefs:\n  - name: gateway\n  hostnames:\n  - grpc.example.com\n  rules:\n  - matches:\n    - method:\n        service: com.example.User\n        method: Login\n    backendRefs:\n    - name: stirling-pdf\n      port: 9000\n---\n{APP}");
    let r = analyze(&text, &Config::default());
    let w = warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("reason PortNotFound") && w[0].ends_with("so the Gateway answers gRPC status UNAVAILABLE to all of the rule's requests"), "{w:?}");
    let p = r.services[0].paths.iter().find(|p| p.entry == Entry::HttpRoute).expect("a route entry");
    assert_eq!(crate::hostopts::entry_key(p), "httproute@g");
    assert!(p.hops[0].explanation.contains("host grpc.example.com, spec.rules[0] gRPC com.example.User/Login"), "{}", p.hops[0].explanation);
}

/// The 500's share in words, percent rounded as `{:.0}` rounds (half to even on the exact value):
/// the text now goes through core::decimal::fixed (issue #12, bundle: std's float printing out of
/// the wasm again); weights per shared_types.go BackendRef.Weight (weight / the sum).
#[test]
fn sizefix_weight_share_percent_is_std_fixed_0_backend_ref_weight() {
    for (bad, good) in [(1, 1), (2, 1), (1, 7), (3, 5), (1, 2), (5, 3), (1, 199)] {
        let refs = format!("    - name: stirling-pdf\n      port: 8080\n      weight: {good}\n    - name: stirling-pdf\n      port: 9090\n      weight: {bad}\n");
        let r = analyze(&route(&refs), &Config::default());
        let w = warnings(&r);
        let total = bad + good;
        let want = format!("so the Gateway answers HTTP 500 to {:.0}% of the rule's requests (weight {bad} of {total})", bad as f64 / total as f64 * 100.0);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].ends_with(&want), "{w:?}\nwant …{want}");
    }
}

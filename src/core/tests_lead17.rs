//! lead17: a Gateway API route is served only by a Gateway listener that accepts it — the
//! route's `Accepted` condition per parentRef (kubernetes-sigs/gateway-api apis/v1/shared_types.go
//! RouteConditionAccepted: NoMatchingParent, NotAllowedByListeners, NoMatchingListenerHostname;
//! apis/v1/gateway_types.go Listener.AllowedRoutes, AllowedRoutes.Namespaces `default={from:
//! Same}`, RouteNamespaces.From, AllowedRoutes.Kinds; apis/v1/httproute_types.go
//! HTTPRouteSpec.Hostnames), judged in Envoy Gateway's order and words (envoyproxy/gateway
//! internal/gatewayapi/route.go processAllowedListenersForParentRefs and the hostname
//! intersection of processHTTPRouteParentRefListener). A request no accepted route matches gets
//! 404 (gateway_types.go Listener: "HTTP returns a 404 status code").

use super::analyze;
use super::config::Config;
use super::diag::Severity;
use super::paths::{Entry, Outcome};

const APP: &str = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n    targetPort: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx\n        ports:\n        - containerPort: 8080\n";

/// A Gateway `shared` in namespace infra with `listeners` (YAML list items, 2-space indented
/// under `listeners:`), an HTTPRoute `web` in namespace shop with `parent` (the parentRefs item's
/// fields) and `hostnames`, the Service and its Deployment; `extra` appended.
fn scene(listeners: &str, parent: &str, hostnames: &str, extra: &str) -> String {
    format!(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata:\n  name: shared\n  namespace: infra\nspec:\n  gatewayClassName: eg\n  listeners:\n{listeners}---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  parentRefs:\n  - name: shared\n    namespace: infra\n{parent}{hostnames}  rules:\n  - backendRefs:\n    - name: web\n      port: 80\n---\n{APP}{extra}"
    )
}

const HTTP: &str = "  - name: http\n    protocol: HTTP\n    port: 80\n";
const HOST: &str = "  hostnames:\n  - web.example.com\n";

fn parent_warnings(r: &super::report::Report) -> Vec<String> {
    r.diagnostics.iter().filter(|d| d.code == "GatewayParentRef").map(|d| format!("{}:{}: {} | hint: {}", d.line, d.column, d.message, d.hint.as_deref().unwrap_or_default())).collect()
}

fn route_path(r: &super::report::Report) -> &super::paths::Path {
    r.services.iter().find(|s| s.name == "web").and_then(|s| s.paths.iter().find(|p| p.entry == Entry::HttpRoute)).expect("an httproute entry")
}

/// The most common Gateway API surprise: a shared Gateway in namespace infra, the route in the
/// app's namespace, the listener's allowedRoutes left at its default `from: Same`
/// (gateway_types.go AllowedRoutes.Namespaces `+kubebuilder:default={from: Same}`): Accepted
/// False, NotAllowedByListeners, with Envoy Gateway's message; the Gateway answers 404.
#[test]
fn route_in_another_namespace_than_a_from_same_listener_is_not_allowed_by_listeners_gateway_types_allowed_routes() {
    let text = scene(HTTP, "", HOST, "");
    let r = analyze(&text, &Config::default());
    let w = parent_warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].starts_with("20:5: spec.parentRefs[0]: Accepted False, reason NotAllowedByListeners (\"No listeners included by this parent ref allowed this attachment.\", Envoy Gateway's words): listener http of Gateway infra/shared takes routes from its own namespace infra only (allowedRoutes.namespaces.from: Same, the default), and this HTTPRoute is in namespace shop, so this Gateway does not serve the route: it answers HTTP 404 to requests for it | "), "{w:?}");
    assert!(w[0].contains("hint: set allowedRoutes.namespaces.from: All"), "{w:?}");
    assert_eq!(r.diagnostics.iter().find(|d| d.code == "GatewayParentRef").map(|d| d.severity), Some(Severity::Warning));
    // no "the Gateway sends …" info for a route that sends nowhere
    assert!(!r.diagnostics.iter().any(|d| d.code == "GatewayRoutes"), "{:?}", r.diagnostics);
    let p = route_path(&r);
    assert_eq!(p.outcome, Outcome::Rejected);
    assert!(p.reason.starts_with("no Gateway accepts route web: the Gateway answers HTTP 404"), "{}", p.reason);
    assert!(p.hops[0].explanation.contains("does not accept the route"), "{}", p.hops[0].explanation);
    // Why, on the route's entry: the attachment fails (not the backendRef's port)
    let own = super::checklist::checklist(&text, &r, "shop/web", "httproute@web");
    let c = own.iter().find(|c| c.key == "httproute").expect("httproute check");
    assert_eq!((c.status.as_str(), c.title.as_str()), ("fail", "The Gateway accepts the route"), "{}", c.why);
    assert!(!c.why.contains("backendRef's port is the Service's port"), "{}", c.why);
    // from: All — accepted, delivered, no warning
    let all = scene("  - name: http\n    protocol: HTTP\n    port: 80\n    allowedRoutes:\n      namespaces:\n        from: All\n", "", HOST, "");
    let r = analyze(&all, &Config::default());
    assert!(parent_warnings(&r).is_empty(), "{:?}", parent_warnings(&r));
    assert_eq!(route_path(&r).outcome, Outcome::Delivered, "{}", route_path(&r).reason);
    assert!(route_path(&r).hops[0].explanation.contains("listener http (HTTP on port 80)"), "{}", route_path(&r).hops[0].explanation);
}

/// RouteNamespaces.From Selector: the route's namespace labels (its Namespace object, plus
/// kubernetes.io/metadata.name the API server sets on every Namespace) against the selector; a
/// namespace not in the input has unknown labels: not judged.
#[test]
fn from_selector_matches_the_route_namespace_labels_route_namespaces_from_selector() {
    let sel = "  - name: http\n    protocol: HTTP\n    port: 80\n    allowedRoutes:\n      namespaces:\n        from: Selector\n        selector:\n          matchLabels:\n            shared-gateway-access: \"true\"\n";
    let ns = |labels: &str| format!("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n{labels}");
    // labelled: accepted
    let r = analyze(&scene(sel, "", HOST, &ns("  labels:\n    shared-gateway-access: \"true\"\n")), &Config::default());
    assert!(parent_warnings(&r).is_empty(), "{:?}", parent_warnings(&r));
    assert_eq!(route_path(&r).outcome, Outcome::Delivered);
    // not labelled: refused, the hint says what to label
    let r = analyze(&scene(sel, "", HOST, &ns("")), &Config::default());
    let w = parent_warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("reason NotAllowedByListeners") && w[0].contains("namespace shop does not match it") && w[0].contains("hint: label namespace shop"), "{w:?}");
    assert_eq!(route_path(&r).outcome, Outcome::Rejected);
    // the namespace not in the input: its labels are unknown, nothing claimed
    let r = analyze(&scene(sel, "", HOST, ""), &Config::default());
    assert!(parent_warnings(&r).is_empty(), "{:?}", parent_warnings(&r));
    assert_eq!(route_path(&r).outcome, Outcome::Delivered);
    // kubernetes.io/metadata.name is known without the Namespace object
    let by_name = "  - name: http\n    protocol: HTTP\n    port: 80\n    allowedRoutes:\n      namespaces:\n        from: Selector\n        selector:\n          matchLabels:\n            kubernetes.io/metadata.name: shop\n";
    let r = analyze(&scene(by_name, "", HOST, ""), &Config::default());
    assert!(parent_warnings(&r).is_empty(), "{:?}", parent_warnings(&r));
}

/// ParentReference.SectionName names a listener; none matching: NoMatchingParent ("No listeners
/// match this parent ref", Envoy Gateway); a listener whose protocol takes no HTTPRoute (TCP):
/// NotAllowedByListeners (AllowedRoutes.Kinds: "When unspecified or empty, the kinds of Routes
/// selected are determined using the Listener protocol").
#[test]
fn section_name_typo_is_no_matching_parent_and_a_tcp_listener_takes_no_httproute_shared_types_parent_reference() {
    let all = "  - name: http\n    protocol: HTTP\n    port: 80\n    allowedRoutes:\n      namespaces:\n        from: All\n  - name: db\n    protocol: TCP\n    port: 5432\n    allowedRoutes:\n      namespaces:\n        from: All\n";
    let r = analyze(&scene(all, "    sectionName: htpp\n", HOST, ""), &Config::default());
    let w = parent_warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("reason NoMatchingParent (\"No listeners match this parent ref\"") && w[0].contains("Gateway infra/shared has no listener matching sectionName htpp (its listeners: http, db)"), "{w:?}");
    assert_eq!(route_path(&r).outcome, Outcome::Rejected);
    let r = analyze(&scene(all, "    sectionName: db\n", HOST, ""), &Config::default());
    let w = parent_warnings(&r);
    assert!(w.len() == 1 && w[0].contains("reason NotAllowedByListeners") && w[0].contains("listener db of Gateway infra/shared: protocol TCP takes no HTTPRoute"), "{w:?}");
    // port 80 selects the HTTP listener
    let r = analyze(&scene(all, "    port: 80\n", HOST, ""), &Config::default());
    assert!(parent_warnings(&r).is_empty(), "{:?}", parent_warnings(&r));
}

/// HTTPRouteSpec.Hostnames: "*.example.com" is a suffix match of one or more labels and does not
/// match "example.com"; no intersection with any listener: NoMatchingListenerHostname.
#[test]
fn route_hostname_outside_the_listener_wildcard_is_no_matching_listener_hostname_httproute_spec_hostnames() {
    let wild = "  - name: http\n    protocol: HTTP\n    port: 80\n    hostname: \"*.example.com\"\n    allowedRoutes:\n      namespaces:\n        from: All\n";
    let r = analyze(&scene(wild, "", "  hostnames:\n  - example.com\n", ""), &Config::default());
    let w = parent_warnings(&r);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("reason NoMatchingListenerHostname (\"There were no hostname intersections between the HTTPRoute and this parent ref's Listener(s).\"") && w[0].contains("the route's hostnames example.com meet no hostname of listener http of Gateway infra/shared (*.example.com)"), "{w:?}");
    for ok in ["  hostnames:\n  - shop.example.com\n", "  hostnames:\n  - a.b.example.com\n", "  hostnames:\n  - \"*.example.com\"\n", ""] {
        let r = analyze(&scene(wild, "", ok, ""), &Config::default());
        assert!(parent_warnings(&r).is_empty(), "{ok:?}: {:?}", parent_warnings(&r));
    }
    assert!(super::gateway::hostnames_intersect("shop.example.com", "*.example.com"));
    assert!(super::gateway::hostnames_intersect("*.example.com", "*.a.example.com"));
    assert!(!super::gateway::hostnames_intersect("*.example.com", "example.com"));
    assert!(!super::gateway::hostnames_intersect("*.example.com", "shop.example.net"));
}

/// A Gateway not in the input (or a parentRef of another kind, e.g. a Service for mesh routing)
/// is not judged: no warning, the route is followed as before.
#[test]
fn a_gateway_not_in_the_input_is_not_judged() {
    let text = format!("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  parentRefs:\n  - name: elsewhere\n    namespace: infra\n  rules:\n  - backendRefs:\n    - name: web\n      port: 80\n---\n{APP}");
    let r = analyze(&text, &Config::default());
    assert!(parent_warnings(&r).is_empty(), "{:?}", parent_warnings(&r));
    assert_eq!(route_path(&r).outcome, Outcome::Delivered);
}

//! Gateway API (gateway.networking.k8s.io) as far as it routes to Services: an HTTPRoute's (or
//! GRPCRoute's) backendRefs resolved against the input's Services, the way an implementation's
//! ResolvedRefs condition does, and a path entry `httproute@<name>` per route: outside client →
//! the Gateway (its parentRef) → the Service's endpoints. These are custom resources: the API
//! server checks them against their CustomResourceDefinitions' schemas, which Switchboard does not
//! have, so nothing here refuses one; only their routing semantics are used.
//!
//! Upstream (kubernetes-sigs/gateway-api):
//! - apis/v1/object_reference_types.go BackendObjectReference: group "" (core) and kind Service by
//!   default; namespace defaults to the route's; port "is required when the referent is a
//!   Kubernetes Service. In this case, the port number is the service port number, not the target
//!   port".
//! - apis/v1/shared_types.go BackendRef.Weight: weight/(sum of the weights), default 1, 0 sends
//!   nothing; ParentReference: group gateway.networking.k8s.io, kind Gateway by default,
//!   namespace the route's, sectionName a listener.
//! - apis/v1/shared_types.go RouteConditionResolvedRefs and its reasons RouteReasonBackendNotFound,
//!   RouteReasonRefNotPermitted, RouteReasonInvalidKind.
//! - apis/v1/httproute_types.go HTTPRouteRule.BackendRefs: "When a HTTPBackendRef is invalid, 500
//!   status codes MUST be returned for requests that would have otherwise been routed to an invalid
//!   backend", the proportion by weight; HTTPBackendRef's list of what makes one invalid.
//! - apis/v1beta1/referencegrant_types.go ReferenceGrant: in the target's namespace, `from`
//!   (group, kind, namespace) and `to` (group, kind, optional name).
//!
//! Envoy Gateway (envoyproxy/gateway) shows an implementation: internal/gatewayapi/validate.go
//! validateBackendRefService ("service %s/%s not found" BackendNotFound; "%s Port %d not found on
//! Service %s/%s" PortNotFound), validateBackendPort (no port: PortNotSpecified),
//! validateBackendNamespace + helpers.go isCrossNamespaceReferencePermitted (RefNotPermitted), and
//! api/v1alpha1/envoyproxy_types.go EnvoyProxySpec.RoutingType ("The default is \"Endpoint\""):
//! Envoy sends to the Service's endpoints itself, not through its clusterIP.

use super::diag::{Diagnostic, ErrorType, Severity};
use super::model::{Body, Object};
use super::report::ServiceReport;
use super::yaml::{Node, NodeKind, Pos, Value};

/// The API group of Gateway API.
pub const GROUP: &str = "gateway.networking.k8s.io";

/// One backendRef of a route rule, defaults applied.
#[derive(Debug, Clone, PartialEq)]
pub struct BackendRef {
    /// `spec.rules[i].backendRefs[j]`
    pub field: String,
    pub pos: Pos,
    pub group: String,
    pub kind: String,
    pub name: String,
    /// as written (None: the route's namespace)
    pub namespace: Option<String>,
    pub port: Option<i64>,
    /// where `port` is written
    pub port_pos: Option<Pos>,
    pub weight: i64,
}

/// A route's parentRef (a Gateway by default).
#[derive(Debug, Clone, PartialEq)]
pub struct ParentRef {
    pub group: String,
    pub kind: String,
    pub name: String,
    pub namespace: Option<String>,
    pub section: Option<String>,
    pub port: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub field: String,
    /// each match in a few words (`path PathPrefix /api`, `header x-env: canary`...)
    pub matches: Vec<String>,
    pub backends: Vec<BackendRef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub parents: Vec<ParentRef>,
    pub hostnames: Vec<String>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Listener {
    pub name: String,
    pub port: Option<i64>,
    pub protocol: String,
    pub hostname: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Gateway {
    pub class: String,
    pub listeners: Vec<Listener>,
    /// spec.addresses and status.addresses values
    pub addresses: Vec<String>,
}

/// A ReferenceGrant's `from` (group, kind, namespace) and `to` (group, kind, name or None).
#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub from: Vec<(String, String, String)>,
    pub to: Vec<(String, String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum GatewayObject {
    /// an HTTPRoute or a GRPCRoute (the object's kind tells which)
    Route(Route),
    Gateway(Gateway),
    Grant(Grant),
}

/// The Gateway API kinds whose routing is followed.
pub fn models(kind: &str, api_version: &str) -> bool {
    api_version.split_once('/').is_some_and(|(g, _)| g == GROUP) && matches!(kind, "HTTPRoute" | "GRPCRoute" | "Gateway" | "ReferenceGrant")
}

fn str_of(n: Option<&Node>) -> Option<String> {
    n?.as_str().map(str::to_string)
}

fn int_of(n: Option<&Node>) -> Option<i64> {
    match &n?.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => Some(*i),
        NodeKind::Scalar { value: Value::Str, text, .. } => text.as_str().parse().ok(),
        _ => None,
    }
}

fn seq(n: Option<&Node>) -> &[Node] {
    match n.map(|n| &n.kind) {
        Some(NodeKind::Seq(v)) => v,
        _ => &[],
    }
}

fn parent(n: &Node) -> ParentRef {
    ParentRef {
        group: str_of(n.get("group")).unwrap_or_else(|| GROUP.into()),
        kind: str_of(n.get("kind")).unwrap_or_else(|| "Gateway".into()),
        name: str_of(n.get("name")).unwrap_or_default(),
        namespace: str_of(n.get("namespace")).filter(|s| !s.is_empty()),
        section: str_of(n.get("sectionName")).filter(|s| !s.is_empty()),
        port: int_of(n.get("port")),
    }
}

fn match_words(m: &Node) -> String {
    let mut w = Vec::new();
    if let Some(p) = m.get("path") {
        w.push(format!("path {} {}", str_of(p.get("type")).unwrap_or_else(|| "PathPrefix".into()), str_of(p.get("value")).unwrap_or_else(|| "/".into())));
    }
    for h in seq(m.get("headers")) {
        w.push(format!("header {}: {}", str_of(h.get("name")).unwrap_or_default(), str_of(h.get("value")).unwrap_or_default()));
    }
    for q in seq(m.get("queryParams")) {
        w.push(format!("query {}={}", str_of(q.get("name")).unwrap_or_default(), str_of(q.get("value")).unwrap_or_default()));
    }
    if let Some(method) = str_of(m.get("method")) {
        w.push(format!("method {method}"));
    }
    // GRPCRoute: GRPCMethodMatch
    if let Some(g) = m.get("method").filter(|g| matches!(g.kind, NodeKind::Map(_))) {
        w.push(format!("gRPC {}/{}", str_of(g.get("service")).unwrap_or_else(|| "*".into()), str_of(g.get("method")).unwrap_or_else(|| "*".into())));
    }
    w.join(", ")
}

fn route(root: &Node) -> Route {
    let spec = root.get("spec");
    let parents = seq(spec.and_then(|s| s.get("parentRefs"))).iter().map(parent).collect();
    let hostnames = seq(spec.and_then(|s| s.get("hostnames"))).iter().filter_map(|h| h.as_str().map(str::to_string)).collect();
    let rules = seq(spec.and_then(|s| s.get("rules")))
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let field = format!("spec.rules[{i}]");
            let backends = seq(r.get("backendRefs"))
                .iter()
                .enumerate()
                .map(|(j, b)| BackendRef {
                    field: format!("{field}.backendRefs[{j}]"),
                    pos: b.pos,
                    group: str_of(b.get("group")).unwrap_or_default(),
                    kind: str_of(b.get("kind")).unwrap_or_else(|| "Service".into()),
                    name: str_of(b.get("name")).unwrap_or_default(),
                    namespace: str_of(b.get("namespace")).filter(|s| !s.is_empty()),
                    port: int_of(b.get("port")),
                    port_pos: b.get("port").map(|p| p.pos),
                    weight: int_of(b.get("weight")).unwrap_or(1),
                })
                .collect();
            let matches = seq(r.get("matches")).iter().map(match_words).filter(|m| !m.is_empty()).collect();
            Rule { field, matches, backends }
        })
        .collect();
    Route { parents, hostnames, rules }
}

fn gateway(root: &Node) -> Gateway {
    let spec = root.get("spec");
    let listeners = seq(spec.and_then(|s| s.get("listeners")))
        .iter()
        .map(|l| Listener { name: str_of(l.get("name")).unwrap_or_default(), port: int_of(l.get("port")), protocol: str_of(l.get("protocol")).unwrap_or_default(), hostname: str_of(l.get("hostname")) })
        .collect();
    let addresses = seq(spec.and_then(|s| s.get("addresses"))).iter().chain(seq(root.get("status").and_then(|s| s.get("addresses")))).filter_map(|a| str_of(a.get("value"))).collect();
    Gateway { class: str_of(spec.and_then(|s| s.get("gatewayClassName"))).unwrap_or_default(), listeners, addresses }
}

fn grant(root: &Node) -> Grant {
    let spec = root.get("spec");
    let from = seq(spec.and_then(|s| s.get("from"))).iter().map(|f| (str_of(f.get("group")).unwrap_or_default(), str_of(f.get("kind")).unwrap_or_default(), str_of(f.get("namespace")).unwrap_or_default())).collect();
    let to = seq(spec.and_then(|s| s.get("to"))).iter().map(|t| (str_of(t.get("group")).unwrap_or_default(), str_of(t.get("kind")).unwrap_or_default(), str_of(t.get("name")).filter(|n| !n.is_empty()))).collect();
    Grant { from, to }
}

/// Decode a Gateway API object ([`models`] is true of its kind) into an [`Object`] whose body is
/// [`Body::Gateway`]: read leniently (its schema is its CRD's, not checked here).
pub fn decode_object(source: Node, kind: &str, api_version: &str) -> Object {
    let mut scratch = Vec::new();
    let mut r = super::model::Reader { obj: String::new(), diags: &mut scratch };
    let meta = super::model::meta(&mut r, &source);
    let body = match kind {
        "Gateway" => GatewayObject::Gateway(gateway(&source)),
        "ReferenceGrant" => GatewayObject::Grant(grant(&source)),
        _ => GatewayObject::Route(route(&source)),
    };
    Object { kind: kind.to_string(), api_version: api_version.to_string(), meta, body: Body::Gateway(Box::new(body)), source, refused: false, input_priority: None }
}

/// The words of the IgnoredKind note of a Gateway API kind whose routing is followed: the schema
/// stays unknown, the semantics are used.
pub fn ignored_words(kind: &str, api_version: &str) -> String {
    let used = match kind {
        "Gateway" => "its listeners and addresses are shown on the paths of the routes attached to it",
        "ReferenceGrant" => "it is read to allow routes' backendRefs into its namespace",
        _ => "its backendRefs are resolved against the input's Services (a path entry per route) as a Gateway API implementation does",
    };
    format!("{kind} ({api_version}) is a custom resource: the API server validates it against its CustomResourceDefinition's schema, which Switchboard does not have (its fields are not checked here); it is not drawn, but Gateway API's routing is used: {used}")
}

/// The Gateway API objects of the input that were not refused.
fn gw_objects(objects: &[Object]) -> impl Iterator<Item = (&Object, &GatewayObject)> {
    objects.iter().filter(|o| !o.refused).filter_map(|o| match &o.body {
        Body::Gateway(g) => Some((o, g.as_ref())),
        _ => None,
    })
}

/// How a Gateway API implementation resolves one backendRef: Ok(index of the Service, index of
/// its port) or Err((ResolvedRefs reason, our words)).
pub enum Resolved {
    Ok { service: usize, port: usize },
    Invalid { reason: &'static str, why: String, service: Option<usize> },
}

/// Is a reference from `route` (kind, namespace) to `b` in namespace `ns` allowed by a
/// ReferenceGrant of the input (apis/v1beta1 ReferenceGrant; envoyproxy/gateway
/// internal/gatewayapi/helpers.go isCrossNamespaceReferencePermitted: the grant in the target's
/// namespace, a `from` of the route's group, kind and namespace, a `to` of the backend's group and
/// kind, with no name or the backend's)?
fn permitted(objects: &[Object], route: &Object, b: &BackendRef, ns: &str) -> bool {
    gw_objects(objects).any(|(o, g)| {
        let GatewayObject::Grant(g) = g else { return false };
        o.meta.namespace == ns
            && g.from.iter().any(|(gr, k, n)| gr == GROUP && *k == route.kind && *n == route.meta.namespace)
            && g.to.iter().any(|(gr, k, name)| *gr == b.group && *k == b.kind && name.as_ref().is_none_or(|n| *n == b.name))
    })
}

/// Resolve backendRef `b` of `route` against `services`, as a ResolvedRefs condition would.
pub fn resolve(objects: &[Object], route: &Object, b: &BackendRef, services: &[std::sync::Arc<ServiceReport>]) -> Resolved {
    let ns = b.namespace.clone().unwrap_or_else(|| route.meta.namespace.clone());
    // HTTPBackendRef: "It refers to an unknown or unsupported kind of resource" → InvalidKind
    // (Core support: a core-group Service)
    if !b.group.is_empty() || b.kind != "Service" {
        let gk = if b.group.is_empty() { b.kind.clone() } else { format!("{}.{}", b.kind, b.group) };
        return Resolved::Invalid { reason: "InvalidKind", why: format!("backendRef kind {gk} is not a core Service, the only backend every implementation supports (other kinds are implementation-specific)"), service: None };
    }
    // "a resource in another namespace when the reference has not been explicitly allowed by a
    // ReferenceGrant" → RefNotPermitted
    let found = services.iter().position(|s| s.name == b.name && s.namespace == ns && !s.rejected);
    if ns != route.meta.namespace && !permitted(objects, route, b, &ns) {
        return Resolved::Invalid {
            reason: "RefNotPermitted",
            why: format!(
                "Service {ns}/{} is in another namespace than the {} ({}), and no ReferenceGrant in namespace {ns} in this input allows {} of namespace {} to refer to it",
                b.name, route.kind, route.meta.namespace, route.kind, route.meta.namespace
            ),
            service: found,
        };
    }
    let Some(i) = found else {
        return Resolved::Invalid { reason: "BackendNotFound", why: format!("Service {ns}/{} does not exist in this input", b.name), service: None };
    };
    let s = &services[i];
    let Some(port) = b.port else {
        // BackendObjectReference.Port: "Port is required when the referent is a Kubernetes
        // Service" (Envoy Gateway: PortNotSpecified)
        return Resolved::Invalid { reason: "PortNotSpecified", why: format!("the backendRef names no port, which is required for a Service (the Service's port, not the pods' targetPort; Service {} has {})", s.name, ports_of(s)), service: Some(i) };
    };
    // (an ExternalName Service: implementation-specific support; Envoy Gateway refuses it)
    match s.ports.iter().position(|p| p.port == port && p.protocol == "TCP") {
        Some(p) => Resolved::Ok { service: i, port: p },
        None => {
            let target = s.ports.iter().any(|p| p.target_port.to_string() == port.to_string());
            Resolved::Invalid {
                reason: "PortNotFound",
                why: format!(
                    "Service {ns}/{} has no port {port} (its ports: {}){}: a backendRef's port is the Service's port, not the pods' targetPort",
                    s.name,
                    ports_of(s),
                    if target { format!("; {port} is its targetPort") } else { String::new() }
                ),
                service: Some(i),
            }
        }
    }
}

fn ports_of(s: &ServiceReport) -> String {
    if s.ports.is_empty() {
        return "none".into();
    }
    s.ports.iter().map(|p| format!("{}{}→{}", p.name.as_ref().map(|n| format!("{n}:")).unwrap_or_default(), p.port, p.target_port)).collect::<Vec<_>>().join(", ")
}

/// The share of a rule's requests that backendRef `j` gets: weight / the sum of the weights
/// (shared_types.go BackendRef.Weight), as words ("all", "1 in 2 (weight 1 of 2)").
fn share(rule: &Rule, j: usize) -> (f64, String) {
    let total: i64 = rule.backends.iter().map(|b| b.weight.max(0)).sum();
    let w = rule.backends[j].weight.max(0);
    if rule.backends.len() == 1 && w > 0 {
        return (1.0, "all of the rule's requests".into());
    }
    if total == 0 {
        return (0.0, "none of the rule's requests (every weight is 0)".into());
    }
    let f = w as f64 / total as f64;
    (f, format!("{:.0}% of the rule's requests (weight {w} of {total})", f * 100.0))
}

/// Whose reason a ResolvedRefs reason is: the spec's (shared_types.go) or Envoy Gateway's
/// (internal/gatewayapi/status/error.go RouteReasonPortNotFound, RouteReasonPortNotSpecified).
fn reason_origin(reason: &str) -> &'static str {
    match reason {
        "PortNotFound" | "PortNotSpecified" => " (Envoy Gateway's reason; other implementations word it their own way)",
        _ => "",
    }
}

/// The words a client gets for an invalid backendRef (httproute_types.go HTTPRouteRule.BackendRefs).
fn status_words(kind: &str) -> &'static str {
    if kind == "GRPCRoute" {
        // grpcroute_types.go GRPCRouteRule.BackendRefs: "When a GRPCBackendRef is invalid,
        // `UNAVAILABLE` statuses MUST be returned"
        "gRPC status UNAVAILABLE"
    } else {
        "HTTP 500"
    }
}

/// A warning per backendRef a Gateway API implementation would find invalid (ResolvedRefs False):
/// the reason, our plain words and what the client gets.
pub fn backend_notes(objects: &[Object], services: &[std::sync::Arc<ServiceReport>], diags: &mut Vec<Diagnostic>) {
    for (o, g) in gw_objects(objects) {
        let GatewayObject::Route(route) = g else { continue };
        let id = o.id();
        let mut working = Vec::new();
        for rule in &route.rules {
            for (j, b) in rule.backends.iter().enumerate() {
                let (f, words) = share(rule, j);
                match resolve(objects, o, b, services) {
                    Resolved::Ok { service, port } => {
                        let s = &services[service];
                        let p = &s.ports[port];
                        let ready = s.endpoints.iter().filter(|e| e.ready).count();
                        working.push(format!("{} → Service {} port {} → targetPort {}: {}", b.field, s.name, p.port, p.target_port, super::report::count(ready, "ready endpoint", "ready endpoints")));
                    }
                    // a route printed by a cluster: its Service may exist there
                    Resolved::Invalid { reason: "BackendNotFound", .. } if o.dumped() => {}
                    // another kind than a core Service (ServiceImport, an implementation's own
                        // Backend): implementation-specific support (HTTPBackendRef "Support:
                        // Implementation-specific for any other resource"), not followed here
                    Resolved::Invalid { reason: "InvalidKind", why, .. } => diags.push(
                        Diagnostic::note(
                            Severity::Info,
                            ErrorType::Resolution,
                            "GatewayBackendRef",
                            format!("{}: {why}: not followed here; an implementation that does not support it sets ResolvedRefs False, reason InvalidKind, and answers {} to {words}", b.field, status_words(&o.kind)),
                            b.pos,
                        )
                        .on(&id)
                        .at_field(&b.field),
                    ),
                    // a namespace of which the input has no Service at all: a partial input (the
                    // route alone), not a wrong name
                    Resolved::Invalid { reason: "BackendNotFound", why, .. } if !services.iter().any(|s| s.namespace == b.namespace.as_deref().unwrap_or(&o.meta.namespace)) => diags.push(
                        Diagnostic::note(
                            Severity::Info,
                            ErrorType::Resolution,
                            "GatewayBackendRef",
                            format!("{}: {why} (nor any Service of that namespace: paste it too to follow this route); if the cluster has none either, the route's ResolvedRefs is False, reason BackendNotFound, and the Gateway answers {} to {words}", b.field, status_words(&o.kind)),
                            b.pos,
                        )
                        .on(&id)
                        .at_field(&b.field),
                    ),
                    Resolved::Invalid { reason, why, .. } => {
                        let (field, pos) = match (reason, b.port_pos) {
                            ("PortNotFound", Some(p)) => (format!("{}.port", b.field), p),
                            _ => (b.field.clone(), b.pos),
                        };
                        let gets = if f > 0.0 { format!("the Gateway answers {} to {words}", status_words(&o.kind)) } else { "it gets no requests (weight 0)".to_string() };
                        diags.push(
                            Diagnostic::note(
                                Severity::Warning,
                                ErrorType::Resolution,
                                "GatewayBackendRef",
                                format!("{field}: ResolvedRefs False, reason {reason}{}: {why}, so {gets}", reason_origin(reason)),
                                pos,
                            )
                            .on(&id)
                            .at_field(&field),
                        );
                    }
                }
            }
        }
        if !working.is_empty() {
            diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "GatewayRoutes", format!("the Gateway sends {}", working.join("; ")), o.source.pos).on(&id));
        }
    }
}

/// The drawn box of a route's Gateway on its paths: `external:` + this.
pub fn gateway_box(gateway: &str) -> String {
    format!("gateway/{gateway}")
}

/// A drawn `external` box's name is a Gateway's ([`gateway_box`]).
pub fn is_gateway_box(name: &str) -> bool {
    name.starts_with("gateway/")
}

/// The Gateway a route's first parentRef names, in words, with its listener and address when the
/// input has it: (box name, words, front address).
fn gateway_words(objects: &[Object], o: &Object, route: &Route) -> (String, String, String) {
    let Some(p) = route.parents.iter().find(|p| p.kind == "Gateway" && p.group == GROUP) else {
        return (gateway_box("?"), "no Gateway: the route has no parentRef of kind Gateway, so no Gateway serves it".into(), "gateway:80".into());
    };
    let ns = p.namespace.clone().unwrap_or_else(|| o.meta.namespace.clone());
    let found = gw_objects(objects).find_map(|(g, body)| match body {
        GatewayObject::Gateway(gw) if g.meta.name == p.name && g.meta.namespace == ns => Some(gw),
        _ => None,
    });
    let shown = if ns == o.meta.namespace { p.name.clone() } else { format!("{ns}/{}", p.name) };
    match found {
        None => (gateway_box(&shown), format!("a Gateway named {shown}, not in the input (its listeners and address are not known here)"), format!("{}:80", p.name)),
        Some(gw) => {
            let listener = gw.listeners.iter().find(|l| p.section.as_ref().is_none_or(|s| *s == l.name) && p.port.is_none_or(|n| l.port == Some(n)));
            let addr = gw.addresses.first().cloned().unwrap_or_else(|| p.name.clone());
            let port = listener.and_then(|l| l.port).unwrap_or(80);
            let l = match listener {
                Some(l) => format!(", listener {} ({} on port {}{})", l.name, l.protocol, l.port.map(|p| p.to_string()).unwrap_or_default(), l.hostname.as_ref().map(|h| format!(", hostname {h}")).unwrap_or_default()),
                None if p.section.is_some() => format!(", but it has no listener named {}", p.section.as_deref().unwrap_or_default()),
                None => String::new(),
            };
            let class = if gw.class.is_empty() { String::new() } else { format!(" of class {}", gw.class) };
            (gateway_box(&shown), format!("Gateway {shown}{class}{l}"), super::config::host_port(&addr, port))
        }
    }
}

/// The `httproute` entry of each Service a route sends to: the outside client's request to the
/// Gateway (the route's parentRef), the rule that matches it and its backendRef (the Service's
/// port), then the Gateway's own connection to one of the Service's ready endpoints on the
/// targetPort (envoyproxy/gateway api/v1alpha1/envoyproxy_types.go RoutingType: "The default is
/// \"Endpoint\""); or, the backendRef invalid, the Gateway's 500 (httproute_types.go
/// HTTPRouteRule.BackendRefs).
pub fn paths(objects: &[Object], services: &mut [std::sync::Arc<ServiceReport>]) {
    use super::paths::{Entry, Hop, HopKind, Outcome, Path};
    for (o, g) in gw_objects(objects) {
        let GatewayObject::Route(route) = g else { continue };
        let (gbox, gwords, front) = gateway_words(objects, o, route);
        let gbox = format!("external:{gbox}");
        let host = route.hostnames.first().cloned();
        for rule in &route.rules {
            for (j, b) in rule.backends.iter().enumerate() {
                let resolved = resolve(objects, o, b, services);
                let i = match &resolved {
                    Resolved::Ok { service, .. } => *service,
                    Resolved::Invalid { service: Some(s), .. } => *s,
                    // (no Service to hang the entry on)
                    Resolved::Invalid { .. } => continue,
                };
                let key = o.meta.name.clone();
                if services[i].paths.iter().any(|p| p.entry == Entry::HttpRoute && p.ingress.as_deref() == Some(key.as_str())) {
                    continue;
                }
                let (f, words) = share(rule, j);
                let s = &services[i];
                let osrc = super::config::host_port(super::paths::outside_ip_for(s.cluster_ip.as_deref()), 51000);
                let hosts = if route.hostnames.is_empty() { "any host".to_string() } else { format!("host {}", route.hostnames.join(" or ")) };
                let matched = if rule.matches.is_empty() { "every path (no matches: PathPrefix /)".to_string() } else { rule.matches.join(" or ") };
                let url = format!("http://{}/", host.as_deref().unwrap_or("<the Gateway's address>"));
                let first = Hop {
                    kind: HopKind::Send,
                    from: "client:outside".into(),
                    to: gbox.clone(),
                    src: osrc.clone(),
                    dst: front.clone(),
                    rewritten: None,
                    explanation: format!(
                        "The client sends a request for {url} to {gwords}, the parent of {} {}. The Gateway matches {hosts}, {} {matched} → backendRef Service {} port {} ({words})",
                        o.kind,
                        o.meta.name,
                        rule.field,
                        b.name,
                        b.port.map(|p| p.to_string()).unwrap_or_else(|| "(none)".into())
                    ),
                    src_rewritten: None,
                };
                let port = match &resolved {
                    Resolved::Ok { port, .. } => Some(s.ports[*port].clone()),
                    _ => None,
                };
                let mut path = Path {
                    entry: Entry::HttpRoute,
                    node: None,
                    port: port.as_ref().map(|p| p.port),
                    protocol: port.as_ref().map(|p| p.protocol.clone()),
                    hops: vec![first],
                    outcome: Outcome::Delivered,
                    reason: String::new(),
                    backends: Vec::new(),
                    note: None,
                    ingress: Some(key),
                    allowed_by: None, hint: None,
                };
                let code = status_words(&o.kind);
                let reject = |path: &mut Path, why: String| {
                    path.hops.push(Hop { kind: HopKind::Reject, from: gbox.clone(), to: "client:outside".into(), src: osrc.clone(), dst: front.clone(), rewritten: None, explanation: why.clone(), src_rewritten: None });
                    path.outcome = Outcome::Rejected;
                    path.reason = why;
                };
                match (&resolved, &port) {
                    (Resolved::Invalid { reason, why, .. }, _) => reject(
                        &mut path,
                        format!("the Gateway answers {code} to {words}: the backendRef is invalid (ResolvedRefs False, reason {reason}): {why}"),
                    ),
                    (Resolved::Ok { .. }, Some(sp)) => {
                        let ready = super::ingress::ready_backends(s, sp, f);
                        if ready.is_empty() {
                            // HTTPRouteRule.BackendRefs: "When a HTTPBackendRef refers to a Service
                            // that has no ready endpoints, implementations SHOULD return a 503"
                            reject(&mut path, format!("the Gateway answers 503 to {words}: Service {} has no ready endpoints for port {}", s.name, sp.port));
                        } else {
                            let n = ready.len();
                            path.backends = ready;
                            let b0 = path.backends[0].clone();
                            let target = super::config::host_port(&b0.ip, b0.port);
                            let all = path.backends.iter().map(|b| super::config::host_port(&b.ip, b.port)).collect::<Vec<_>>().join(", ");
                            let pod = b0.pod.clone().unwrap_or_else(|| b0.ip.clone());
                            path.hops.push(Hop {
                                kind: HopKind::Forward,
                                from: gbox.clone(),
                                to: format!("pod:{pod}"),
                                src: "gateway".into(),
                                dst: target.clone(),
                                rewritten: None,
                                explanation: format!(
                                    "The Gateway's proxy sends to the Service's endpoints directly on the targetPort, not through its clusterIP (Envoy Gateway's default routingType Endpoint): port {} of Service {} is targetPort {}, and it balances each request over {} itself ({all}); here {pod}. It opens its own connection, so kube-proxy is not in this path and the pod sees the proxy's address",
                                    sp.port,
                                    s.name,
                                    sp.target_port,
                                    super::report::count(n, "ready endpoint", "ready endpoints")
                                ),
                                src_rewritten: None,
                            });
                            path.reason = format!("via the Gateway: {}; first pick {pod}", super::report::count(n, "endpoint", "endpoints"));
                            if b0.declared == Some(false) {
                                path.outcome = Outcome::UndeclaredPort;
                                path.reason = format!("forwarded to {target}, but no container in {pod} declares port {}: refused unless the process listens there", b0.port);
                            }
                        }
                    }
                    (Resolved::Ok { .. }, None) => {}
                }
                std::sync::Arc::make_mut(&mut services[i]).paths.push(path);
            }
        }
    }
}

//! Gateway API (gateway.networking.k8s.io) as far as it routes to Services: an HTTPRoute's (or
//! GRPCRoute's, TLSRoute's, TCPRoute's, UDPRoute's) backendRefs resolved against the input's
//! Services, the way an implementation's ResolvedRefs condition does, and a path entry
//! `httproute@<name>` per route: outside client → the Gateway (its parentRef) → the Service's
//! endpoints. These are custom resources: the API server checks them against their
//! CustomResourceDefinitions, which Switchboard does not have; [`crd_errors`] checks by hand the
//! rules of the standard channel's CRDs users break most (review20, review22, fidfix25).
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
use super::model::{LabelSelector, NodeSelectorRequirement};
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
    /// `spec.parentRefs[i]` and where it is written
    pub field: String,
    pub pos: Pos,
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
    /// allowedRoutes.namespaces.from as written (None: `Same`, the CRD's default)
    pub from: Option<String>,
    /// allowedRoutes.namespaces.selector (used with from: Selector)
    pub selector: Option<LabelSelector>,
    /// allowedRoutes.kinds: (group, kind), group defaulted to gateway.networking.k8s.io (empty:
    /// the kinds the listener's protocol takes)
    pub kinds: Vec<(String, String)>,
    /// tls.mode as written (None: no tls, or no mode: the CRD defaults it to Terminate)
    pub tls_mode: Option<String>,
    /// tls.certificateRefs, defaults applied (apis/v1 object_reference_types.go
    /// SecretObjectReference: group "" and kind Secret; namespace the Gateway's); none when
    /// tls.mode is Passthrough ("The certificateRefs field is ignored in this mode")
    pub cert_refs: Vec<CertRef>,
}

/// One `spec.listeners[i].tls.certificateRefs[j]` of a Gateway.
#[derive(Debug, Clone, PartialEq)]
pub struct CertRef {
    /// `spec.listeners[i].tls.certificateRefs[j]`
    pub field: String,
    pub pos: Pos,
    pub group: String,
    pub kind: String,
    pub name: String,
    /// as written (None: the Gateway's namespace)
    pub namespace: Option<String>,
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
    /// a GatewayClass: its spec.controllerName (apis/v1 gatewayclass_types.go
    /// GatewayClassSpec.ControllerName: "the name of the controller that is managing Gateways of
    /// this class")
    Class { controller: String },
    /// a BackendTLSPolicy (fidfix26 6; apis/v1 backendtlspolicy_types.go, standard channel
    /// since Gateway API v1.4): the Gateway speaks TLS to the pods of the Services it targets
    TlsPolicy(TlsPolicy),
}

/// A BackendTLSPolicy as the paths use it: its targets (group, kind, name, sectionName) and how
/// the Gateway checks the pod's certificate.
#[derive(Debug, Clone, PartialEq)]
pub struct TlsPolicy {
    pub targets: Vec<(String, String, String, Option<String>)>,
    /// spec.validation.hostname: the SNI and the name the pod's certificate must carry
    pub hostname: Option<String>,
    /// spec.validation.caCertificateRefs (kind/name)
    pub ca_refs: Vec<String>,
    /// spec.validation.wellKnownCACertificates ("System")
    pub well_known: Option<String>,
}

fn tls_policy(root: &Node) -> TlsPolicy {
    let spec = root.get("spec");
    let targets = seq(spec.and_then(|s| s.get("targetRefs")))
        .iter()
        .map(|t| (str_of(t.get("group")).unwrap_or_default(), str_of(t.get("kind")).unwrap_or_default(), str_of(t.get("name")).unwrap_or_default(), str_of(t.get("sectionName")).filter(|n| !n.is_empty())))
        .collect();
    let v = spec.and_then(|s| s.get("validation"));
    let ca_refs = seq(v.and_then(|v| v.get("caCertificateRefs"))).iter().map(|r| format!("{} {}", str_of(r.get("kind")).unwrap_or_default(), str_of(r.get("name")).unwrap_or_default())).collect();
    TlsPolicy { targets, hostname: str_of(v.and_then(|v| v.get("hostname"))).filter(|h| !h.is_empty()), ca_refs, well_known: str_of(v.and_then(|v| v.get("wellKnownCACertificates"))).filter(|w| !w.is_empty()) }
}

/// The BackendTLSPolicy of the input that targets port `port` (its name) of Service `ns/name`:
/// a targetRef of group "" and kind Service (LocalPolicyTargetReferenceWithSectionName: the
/// policy's namespace), its sectionName the Service port's name or none (the whole Service).
/// Of several, the first by {namespace}/{name} (BackendTLSPolicySpec.TargetRefs: the older by
/// creation timestamp first, which the input does not tell, then alphabetical order).
fn backend_tls<'a>(objects: &'a [Object], ns: &str, name: &str, port: Option<&str>) -> Option<(&'a Object, &'a TlsPolicy)> {
    gw_objects(objects)
        .filter_map(|(o, g)| match g {
            GatewayObject::TlsPolicy(t) if o.meta.namespace == ns && t.targets.iter().any(|(g, k, n, sec)| g.is_empty() && k == "Service" && n == name && sec.as_deref().is_none_or(|s| Some(s) == port)) => Some((o, t)),
            _ => None,
        })
        .min_by(|a, b| a.0.meta.name.cmp(&b.0.meta.name))
}

/// What a BackendTLSPolicy makes of the Gateway's connection to the pod (BackendTLSPolicyValidation:
/// "Hostname MUST be used as the SNI to connect to the backend … and MUST match the certificate
/// served by the matching backend, unless SubjectAltNames is specified"; the CA from
/// caCertificateRefs, a ConfigMap's `ca.crt`, or wellKnownCACertificates "System").
fn backend_tls_words(o: &Object, t: &TlsPolicy) -> String {
    let host = t.hostname.as_deref().unwrap_or("(no hostname)");
    let ca = match (&t.ca_refs[..], t.well_known.as_deref()) {
        ([], Some(w)) => format!("the {w} CA certificates (wellKnownCACertificates)"),
        ([], None) => "no CA (the policy names none: it is not valid)".to_string(),
        (refs, _) => format!("the CA in {}", refs.join(", ")),
    };
    format!("BackendTLSPolicy {} targets this Service: the Gateway speaks TLS to the pod itself, with SNI {host}, and accepts the pod's certificate only if it is signed by {ca} and names {host} (or one of the policy's subjectAltNames), so the pod must serve TLS on this port", o.meta.name)
}

/// The route kinds that carry connections or datagrams rather than requests: TLSRoute, TCPRoute
/// and UDPRoute (gateway-api apis/v1 tlsroute_types.go, tcproute_types.go, udproute_types.go:
/// no matches, no HTTP answers; an invalid backendRef rejects the connection or drops the
/// packets, by weight).
pub fn is_l4(kind: &str) -> bool {
    matches!(kind, "TLSRoute" | "TCPRoute" | "UDPRoute")
}

/// What a route of `kind` carries, in words: requests, connections or packets.
fn units(kind: &str) -> &'static str {
    match kind {
        "UDPRoute" => "packets",
        "TLSRoute" | "TCPRoute" => "connections",
        _ => "requests",
    }
}

/// Envoy Gateway's controllerName (envoyproxy/gateway: the default
/// `gateway.envoyproxy.io/gatewayclass-controller` of its EnvoyGateway configuration).
pub const ENVOY_GATEWAY_CONTROLLER: &str = "gateway.envoyproxy.io/gatewayclass-controller";

/// The Gateway API kinds whose routing is followed.
pub fn models(kind: &str, api_version: &str) -> bool {
    api_version.split_once('/').is_some_and(|(g, _)| g == GROUP) && matches!(kind, "HTTPRoute" | "GRPCRoute" | "TLSRoute" | "TCPRoute" | "UDPRoute" | "Gateway" | "ReferenceGrant" | "GatewayClass" | "BackendTLSPolicy")
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

fn parent(i: usize, n: &Node) -> ParentRef {
    ParentRef {
        field: format!("spec.parentRefs[{i}]"),
        pos: n.pos,
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
    let parents = seq(spec.and_then(|s| s.get("parentRefs"))).iter().enumerate().map(|(i, n)| parent(i, n)).collect();
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
        .enumerate()
        .map(|(i, l)| {
            let allowed = l.get("allowedRoutes");
            let namespaces = allowed.and_then(|a| a.get("namespaces"));
            let tls = l.get("tls");
            let passthrough = str_of(tls.and_then(|t| t.get("mode"))).as_deref() == Some("Passthrough");
            let cert_refs = if passthrough {
                Vec::new()
            } else {
                seq(tls.and_then(|t| t.get("certificateRefs")))
                    .iter()
                    .enumerate()
                    .map(|(j, c)| CertRef {
                        field: format!("spec.listeners[{i}].tls.certificateRefs[{j}]"),
                        pos: c.pos,
                        group: str_of(c.get("group")).unwrap_or_default(),
                        kind: str_of(c.get("kind")).unwrap_or_else(|| "Secret".into()),
                        name: str_of(c.get("name")).unwrap_or_default(),
                        namespace: str_of(c.get("namespace")).filter(|s| !s.is_empty()),
                    })
                    .collect()
            };
            Listener {
                cert_refs,
                tls_mode: str_of(tls.and_then(|t| t.get("mode"))),
                name: str_of(l.get("name")).unwrap_or_default(),
                port: int_of(l.get("port")),
                protocol: str_of(l.get("protocol")).unwrap_or_default(),
                hostname: str_of(l.get("hostname")).filter(|h| !h.is_empty()),
                from: str_of(namespaces.and_then(|n| n.get("from"))),
                selector: namespaces.and_then(|n| n.get("selector")).map(selector_of),
                kinds: seq(allowed.and_then(|a| a.get("kinds"))).iter().map(|k| (str_of(k.get("group")).unwrap_or_else(|| GROUP.into()), str_of(k.get("kind")).unwrap_or_default())).collect(),
            }
        })
        .collect();
    let addresses = seq(spec.and_then(|s| s.get("addresses"))).iter().chain(seq(root.get("status").and_then(|s| s.get("addresses")))).filter_map(|a| str_of(a.get("value"))).collect();
    Gateway { class: str_of(spec.and_then(|s| s.get("gatewayClassName"))).unwrap_or_default(), listeners, addresses }
}

/// A metav1.LabelSelector read leniently (the CRD's schema, not checked here, types it).
fn selector_of(n: &Node) -> LabelSelector {
    let match_labels = match n.get("matchLabels").map(|m| &m.kind) {
        Some(NodeKind::Map(entries)) => entries.iter().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str()?.to_string()))).collect(),
        _ => Vec::new(),
    };
    let match_expressions = seq(n.get("matchExpressions"))
        .iter()
        .map(|e| NodeSelectorRequirement {
            key: str_of(e.get("key")).unwrap_or_default(),
            operator: str_of(e.get("operator")).unwrap_or_default(),
            values: seq(e.get("values")).iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        })
        .collect();
    LabelSelector { match_labels, match_expressions }
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
        "GatewayClass" => GatewayObject::Class { controller: str_of(source.get("spec").and_then(|s| s.get("controllerName"))).unwrap_or_default() },
        "BackendTLSPolicy" => GatewayObject::TlsPolicy(tls_policy(&source)),
        _ => GatewayObject::Route(route(&source)),
    };
    Object { kind: kind.to_string(), api_version: api_version.to_string(), meta, body: Body::Gateway(Box::new(body)), source, refused: false, input_priority: None }
}

/// The Gateway API CRDs' own validation of a route that this module reads (review20): every
/// backendRef is a BackendObjectReference, whose CEL rule (kubernetes-sigs/gateway-api
/// apis/v1/object_reference_types.go BackendObjectReference: `+kubebuilder:validation:XValidation:
/// message="Must have port for Service reference",rule="(size(self.group) == 0 && self.kind ==
/// 'Service') ? has(self.port) : true"`, in the standard CRDs since v0.8.0) makes the API server
/// refuse a route whose Service backendRef has no port: the route is never created, so no
/// implementation sees it (Envoy Gateway's PortNotSpecified is for CRDs without the rule).
///
/// review22 adds the CRDs' rules users most often break (kubernetes-sigs/gateway-api apis/v1,
/// standard channel, v1.x; the API server prints a CEL rule's failure as
/// `<field>: Invalid value: "object"|"array": <message>` and an OpenAPI pattern or bound as
/// `<field>: Invalid value: <value>: <field> in body should …`). The CEL rules run only when the
/// OpenAPI checks found no Required/NotSupported/TooLong/TooMany/type error
/// (apiextensions-apiserver strategy.go hasBlockingErr); the rules here are only checked when
/// the fields they read are present, so that none of those are in play.
///
/// qa8 06 (argoproj/argo-helm#3550): a GRPCRoute's `matches[].method` is a GRPCMethodMatch
/// (apis/v1/grpcroute_types.go: `+kubebuilder:validation:XValidation:message="One or both of
/// 'service' or 'method' must be specified",rule="has(self.type) ? has(self.service) ||
/// has(self.method) : true"`, and `type` has `+kubebuilder:default=Exact`: the CRD's defaulting
/// runs before its validation, so every written `method` object needs a service or a method).
/// qa8 11 (kubernetes-sigs/gateway-api#5210): a Gateway's `spec.listeners` carries
/// (apis/v1/gateway_types.go GatewaySpec.Listeners) `message="tls mode must be Terminate for
/// protocol HTTPS",rule="self.all(l, (l.protocol == 'HTTPS' && has(l.tls)) ? (l.tls.mode == '' ||
/// l.tls.mode == 'Terminate') : true)"` and `message="tls must not be specified for protocols
/// ['HTTP', 'TCP', 'UDP']"`: a list rule, so the error is on `spec.listeners` with value "array".
pub fn crd_errors(o: &Object) -> Vec<Diagnostic> {
    let Body::Gateway(g) = &o.body else { return Vec::new() };
    match g.as_ref() {
        GatewayObject::Route(route) => {
            // the OpenAPI schema's errors first; a blocking one stops the CEL rules
            let schema = route_schema_errors(o);
            if schema.iter().any(blocks_cel) {
                let mut errs = schema;
                errs.extend(route_crd_errors(o, o.kind == "HTTPRoute").into_iter().filter(|d| d.message.contains(" in body should ")));
                errs.push(cel_not_checked(&errs));
                return errs;
            }
            let mut errs = schema;
            errs.extend(route_crd_errors(o, o.kind == "HTTPRoute"));
            if o.kind == "TLSRoute" {
                errs.extend(tlsroute_cel_errors(o));
            }
            if o.kind == "HTTPRoute" {
                errs.extend(o.source.get("spec").map(http_cel_errors).unwrap_or_default());
            }
            errs.extend(
                route
                    .rules
                    .iter()
                    .flat_map(|r| r.backends.iter())
                    .filter(|b| b.group.is_empty() && b.kind == "Service" && b.port.is_none())
                    .map(|b| Diagnostic::invalid(&b.field, b.pos, "\"object\"", "Must have port for Service reference")),
            );
            if o.kind == "GRPCRoute" {
                for (i, rule) in seq(o.source.get("spec").and_then(|s| s.get("rules"))).iter().enumerate() {
                    for (j, m) in seq(rule.get("matches")).iter().enumerate() {
                        let Some(method) = m.get("method").filter(|n| matches!(n.kind, NodeKind::Map(_))) else { continue };
                        let set = |k: &str| method.get(k).is_some_and(|v| !v.is_null());
                        let f = format!("spec.rules[{i}].matches[{j}].method");
                        if !set("service") && !set("method") {
                            errs.push(Diagnostic::invalid(&f, method.pos, "\"object\"", "One or both of 'service' or 'method' must be specified"));
                        }
                        // fidfix25: GRPCMethodMatch's character rules for type Exact (the
                        // default): a service is a dotted proto name, a method one identifier
                        // (grpcroute_types.go; "/pkg.Service/Method" belongs to neither)
                        if str_of(method.get("type")).is_none_or(|t| t == "Exact") {
                            let ident = |p: &str| p.bytes().next().is_some_and(|c| c.is_ascii_alphabetic() || c == b'_') && p.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
                            if let Some(sv) = method.get("service").and_then(|n| n.as_str()) {
                                if !sv.strip_prefix('.').unwrap_or(sv).split('.').all(ident) {
                                    errs.push(Diagnostic::invalid(&f, method.pos, "\"object\"", "service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)"));
                                }
                            }
                            if let Some(mv) = method.get("method").and_then(|n| n.as_str()) {
                                if !ident(mv) {
                                    errs.push(Diagnostic::invalid(&f, method.pos, "\"object\"", "method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)"));
                                }
                            }
                        }
                    }
                }
            }
            errs
        }
        GatewayObject::Gateway(_) => {
            let mut errs = gateway_schema_errors(o);
            if errs.iter().any(blocks_cel) {
                // (the list-map duplicates are checked before hasBlockingErr: kept)
                errs.extend(gateway_crd_errors(o).into_iter().filter(|d| d.message.contains(" in body should ") || d.kind == ErrorType::Duplicate));
                errs.push(cel_not_checked(&errs));
                return errs;
            }
            errs.extend(gateway_crd_errors(o));
            errs.extend(listener_tls_cel_errors(o));
            errs
        }
        GatewayObject::TlsPolicy(_) => {
            let mut errs = tls_policy_schema_errors(o);
            if errs.iter().any(blocks_cel) {
                errs.push(cel_not_checked(&errs));
                return errs;
            }
            errs.extend(tls_policy_cel_errors(o));
            errs
        }
        _ => Vec::new(),
    }
}

/// BackendTLSPolicy's OpenAPI rules (v1.6.1 standard CRD gateway.networking.k8s.io_backendtlspolicies.yaml;
/// backendtlspolicy_types.go): spec.targetRefs required, 1 to 16 items (MinItems/MaxItems), each
/// with group, kind and name; spec.validation required, with hostname; caCertificateRefs at
/// most 8, subjectAltNames at most 5. Required and TooMany block the CEL rules (hasBlockingErr).
fn tls_policy_schema_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let spec = o.source.get("spec");
    let at = |f: &str| o.pos(f);
    match spec.and_then(|s| s.get("targetRefs")).filter(|t| !t.is_null()) {
        None => errs.push(Diagnostic::required("spec.targetRefs", at("spec"), "")),
        Some(t) => {
            let n = seq(Some(t)).len();
            if n == 0 {
                errs.push(Diagnostic::invalid("spec.targetRefs", t.pos, &n.to_string(), "spec.targetRefs in body should have at least 1 items"));
            }
            max_items("spec.targetRefs", Some(t), 16, &mut errs);
            for (i, r) in seq(Some(t)).iter().enumerate() {
                for k in ["group", "kind", "name"] {
                    if r.get(k).is_none_or(|v| v.is_null()) {
                        errs.push(Diagnostic::required(&format!("spec.targetRefs[{i}].{k}"), r.pos, ""));
                    }
                }
            }
        }
    }
    match spec.and_then(|s| s.get("validation")).filter(|v| !v.is_null()) {
        None => errs.push(Diagnostic::required("spec.validation", at("spec"), "")),
        Some(v) => {
            if v.get("hostname").is_none_or(|h| h.is_null()) {
                errs.push(Diagnostic::required("spec.validation.hostname", v.pos, ""));
            }
            max_items("spec.validation.caCertificateRefs", v.get("caCertificateRefs"), 8, &mut errs);
            max_items("spec.validation.subjectAltNames", v.get("subjectAltNames"), 5, &mut errs);
        }
    }
    errs
}

/// BackendTLSPolicyValidation's CEL rules, on `spec.validation` (value "object"): `must not
/// contain both CACertificateRefs and WellKnownCACertificates` and `must specify either
/// CACertificateRefs or WellKnownCACertificates`; and targetRefs' two sectionName rules, on
/// `spec.targetRefs` (value "array").
fn tls_policy_cel_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let Some(spec) = o.source.get("spec") else { return errs };
    if let Some(v) = spec.get("validation").filter(|v| matches!(v.kind, NodeKind::Map(_))) {
        let refs = seq(v.get("caCertificateRefs")).len();
        let known = str_of(v.get("wellKnownCACertificates")).is_some_and(|w| !w.is_empty());
        if refs > 0 && known {
            errs.push(Diagnostic::invalid("spec.validation", v.pos, "\"object\"", "must not contain both CACertificateRefs and WellKnownCACertificates"));
        }
        if refs == 0 && !known {
            errs.push(Diagnostic::invalid("spec.validation", v.pos, "\"object\"", "must specify either CACertificateRefs or WellKnownCACertificates"));
        }
    }
    if let Some(t) = spec.get("targetRefs").filter(|t| matches!(t.kind, NodeKind::Seq(_))) {
        let refs: Vec<(String, String, String, String)> = seq(Some(t)).iter().map(|r| (str_of(r.get("group")).unwrap_or_default(), str_of(r.get("kind")).unwrap_or_default(), str_of(r.get("name")).unwrap_or_default(), str_of(r.get("sectionName")).unwrap_or_default())).collect();
        let same = |a: &(String, String, String, String), b: &(String, String, String, String)| a.0 == b.0 && a.1 == b.1 && a.2 == b.2;
        if refs.iter().any(|a| refs.iter().any(|b| same(a, b) && a.3.is_empty() != b.3.is_empty())) {
            errs.push(Diagnostic::invalid("spec.targetRefs", t.pos, "\"array\"", "sectionName must be specified when targetRefs includes 2 or more references to the same target"));
        }
        if refs.iter().any(|a| refs.iter().filter(|b| same(a, b) && a.3 == b.3).count() != 1) {
            errs.push(Diagnostic::invalid("spec.targetRefs", t.pos, "\"array\"", "sectionName must be unique when targetRefs includes 2 or more references to the same target"));
        }
    }
    errs
}

/// Whether an OpenAPI schema error keeps the CEL rules from running (apiextensions-apiserver
/// pkg/registry/customresource/strategy.go hasBlockingErr: NotSupported, Required, TooLong,
/// TooMany, TypeInvalid).
fn blocks_cel(d: &Diagnostic) -> bool {
    matches!(d.kind, ErrorType::Required | ErrorType::NotSupported | ErrorType::TooLong | ErrorType::TooMany) || d.code == "FieldValueTypeInvalid"
}

/// hasBlockingErr's own error, after the schema's: `field.Invalid(nil, nil, …)`, printed with
/// the path `<nil>` and the value null. It has no place of its own: it is put where the last of
/// `errs` is, after it (the diagnostics are sorted by place), so that it comes last as upstream.
fn cel_not_checked(errs: &[Diagnostic]) -> Diagnostic {
    let pos = errs.iter().map(|d| (d.line, d.column)).max().map_or(Pos { line: 1, column: 1 }, |(line, column)| Pos { line, column });
    Diagnostic::note(Severity::Error, ErrorType::Invalid, "FieldValueInvalid", "<nil>: Invalid value: null: some validation rules were not checked because the object was invalid; correct the existing errors to complete validation".to_string(), pos)
}

/// field.TooMany(path, actual, max) as the CRD's maxItems makes it (kubeOpenAPIResultToFieldErrors).
fn too_many(field: &str, pos: Pos, actual: usize, max: usize) -> Diagnostic {
    Diagnostic::note(Severity::Error, ErrorType::TooMany, "FieldValueTooMany", format!("{field}: Too many: {actual}: must have at most {max} items"), pos).at_field(field)
}

/// The route CRDs' OpenAPI errors checked here (fidfix25): for TLSRoute v1 (and v1alpha3),
/// gateway-api apis/v1/tlsroute_types.go TLSRouteSpec: `hostnames` and `rules` are `+required`,
/// hostnames `MinItems=1`, rules `MinItems=1`, `MaxItems=1`, each rule's backendRefs `+required`
/// (the CRD's `required: [hostnames, rules]`; v1alpha2, served by the experimental channel only,
/// has optional hostnames and up to 16 rules).
fn route_schema_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let Some(spec) = o.source.get("spec") else { return errs };
    let version = o.api_version.split_once('/').map_or("", |(_, v)| v);
    if matches!(o.kind.as_str(), "HTTPRoute" | "GRPCRoute") {
        errs.extend(http_schema_errors(spec, o.kind == "HTTPRoute"));
    }
    if matches!(o.kind.as_str(), "TCPRoute" | "UDPRoute") {
        // apis/v1 tcproute_types.go, udproute_types.go (standard since v1.6): rules `+required`,
        // MaxItems=1 in v1 (16 in v1alpha2, experimental channel only), backendRefs required
        let max = if version == "v1" { 1 } else { 16 };
        match spec.get("rules").filter(|n| !n.is_null()) {
            None => errs.push(Diagnostic::required("spec.rules", spec.pos, "")),
            Some(r) => {
                max_items("spec.rules", Some(r), max, &mut errs);
                for (i, rule) in seq(Some(r)).iter().enumerate() {
                    if rule.get("backendRefs").is_none_or(|b| b.is_null()) {
                        errs.push(Diagnostic::required(&format!("spec.rules[{i}].backendRefs"), rule.pos, ""));
                    }
                }
            }
        }
    }
    if o.kind == "TLSRoute" && matches!(version, "v1" | "v1alpha3") {
        let list = |k: &str| spec.get(k).filter(|n| !n.is_null());
        match list("hostnames") {
            None => errs.push(Diagnostic::required("spec.hostnames", spec.pos, "")),
            Some(h) if seq(Some(h)).is_empty() && matches!(h.kind, NodeKind::Seq(_)) => errs.push(Diagnostic::invalid("spec.hostnames", h.pos, "0", "spec.hostnames in body should have at least 1 items")),
            _ => {}
        }
        match list("rules") {
            None => errs.push(Diagnostic::required("spec.rules", spec.pos, "")),
            Some(r) => {
                let n = seq(Some(r)).len();
                if n == 0 && matches!(r.kind, NodeKind::Seq(_)) {
                    errs.push(Diagnostic::invalid("spec.rules", r.pos, "0", "spec.rules in body should have at least 1 items"));
                } else if n > 1 {
                    errs.push(too_many("spec.rules", r.pos, n, 1));
                }
                for (i, rule) in seq(Some(r)).iter().enumerate() {
                    if rule.get("backendRefs").is_none_or(|b| b.is_null()) {
                        errs.push(Diagnostic::required(&format!("spec.rules[{i}].backendRefs"), rule.pos, ""));
                    }
                }
            }
        }
    }
    errs
}

/// A string field's `enum` (kube-openapi's enum check, an Unsupported value: a blocking error);
/// None when absent, null, not a string (the type error is not modelled here) or allowed.
fn enum_error(field: &str, n: Option<&Node>, allowed: &[&str]) -> Option<Diagnostic> {
    let n = n.filter(|n| !n.is_null())?;
    let v = n.as_str()?;
    (!allowed.contains(&v)).then(|| Diagnostic::not_supported(field, n.pos, v, allowed))
}

/// A list's `maxItems` (field.TooMany: a blocking error).
fn max_items(field: &str, n: Option<&Node>, max: usize, errs: &mut Vec<Diagnostic>) {
    let Some(n) = n else { return };
    let len = seq(Some(n)).len();
    if len > max {
        errs.push(too_many(field, n.pos, len, max));
    }
}

/// The filter types of HTTPRoute v1 (standard channel v1.6.1, HTTPRouteFilter.Type's enum) with
/// the field each one goes with, in the CRD's order.
const HTTP_FILTERS: [(&str, &str); 7] = [
    ("RequestHeaderModifier", "requestHeaderModifier"),
    ("ResponseHeaderModifier", "responseHeaderModifier"),
    ("RequestMirror", "requestMirror"),
    ("RequestRedirect", "requestRedirect"),
    ("URLRewrite", "urlRewrite"),
    ("ExtensionRef", "extensionRef"),
    ("CORS", "cors"),
];

/// The OpenAPI rules of HTTPRoute (and GRPCRoute's counts) that the API server checks before the
/// CEL rules (fidfix25; gateway-api v1.6.1 config/crd/standard gateway.networking.k8s.io_httproutes
/// .yaml, apis/v1/httproute_types.go, shared_types.go): MaxItems (hostnames 16, parentRefs 32,
/// rules 16, matches 64 per rule, filters 16, backendRefs 16, headers and queryParams 16 per
/// match), and the enums users miss most: a path match's type (`Exact`, `PathPrefix`,
/// `RegularExpression`: Ingress's `Prefix` is not one), header and query match types, the method,
/// a filter's type (required), a redirect's scheme and statusCode, a path modifier's type. All of
/// them are blocking errors (hasBlockingErr): the CEL rules are then not run.
fn http_schema_errors(spec: &Node, http: bool) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    max_items("spec.hostnames", spec.get("hostnames"), 16, &mut errs);
    max_items("spec.parentRefs", spec.get("parentRefs"), 32, &mut errs);
    max_items("spec.rules", spec.get("rules"), 16, &mut errs);
    for (i, r) in seq(spec.get("rules")).iter().enumerate() {
        let rf = format!("spec.rules[{i}]");
        max_items(&format!("{rf}.matches"), r.get("matches"), 64, &mut errs);
        max_items(&format!("{rf}.filters"), r.get("filters"), 16, &mut errs);
        max_items(&format!("{rf}.backendRefs"), r.get("backendRefs"), 16, &mut errs);
        if http {
            // a backendRef's own filters: `maxItems: 16` (v1.6.1 httproutes.yaml,
            // HTTPBackendRef.Filters; fidfix26 6: nested lists)
            for (j, b) in seq(r.get("backendRefs")).iter().enumerate() {
                max_items(&format!("{rf}.backendRefs[{j}].filters"), b.get("filters"), 16, &mut errs);
            }
        }
        if !http {
            // GRPCMethodMatch.Type's enum
            for (j, m) in seq(r.get("matches")).iter().enumerate() {
                errs.extend(enum_error(&format!("{rf}.matches[{j}].method.type"), m.get("method").and_then(|x| x.get("type")), &["Exact", "RegularExpression"]));
            }
            continue;
        }
        for (j, m) in seq(r.get("matches")).iter().enumerate() {
            let mf = format!("{rf}.matches[{j}]");
            errs.extend(enum_error(&format!("{mf}.path.type"), m.get("path").and_then(|p| p.get("type")), &["Exact", "PathPrefix", "RegularExpression"]));
            for list in ["headers", "queryParams"] {
                max_items(&format!("{mf}.{list}"), m.get(list), 16, &mut errs);
                for (k, h) in seq(m.get(list)).iter().enumerate() {
                    errs.extend(enum_error(&format!("{mf}.{list}[{k}].type"), h.get("type"), &["Exact", "RegularExpression"]));
                }
            }
            errs.extend(enum_error(&format!("{mf}.method"), m.get("method"), &["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"]));
        }
        // HTTPRouteTimeouts: Duration's pattern (shared_types.go Duration, GEP-2257)
        for key in ["request", "backendRequest"] {
            let f = format!("{rf}.timeouts.{key}");
            if let Some(n) = r.get("timeouts").and_then(|t| t.get(key)).filter(|n| n.as_str().is_some_and(|v| gateway_duration_ms(v).is_none())) {
                errs.push(Diagnostic::invalid(&f, n.pos, &super::diag::quote(n.as_str().unwrap_or_default()), &format!("{f} in body should match '^([0-9]{{1,5}}(h|m|s|ms)){{1,4}}$'")));
            }
        }
        for (k, f) in seq(r.get("filters")).iter().enumerate() {
            let ff = format!("{rf}.filters[{k}]");
            match f.get("type").filter(|t| !t.is_null()) {
                None => errs.push(Diagnostic::required(&format!("{ff}.type"), f.pos, "")),
                Some(_) => errs.extend(enum_error(&format!("{ff}.type"), f.get("type"), &HTTP_FILTERS.map(|(t, _)| t))),
            }
            if let Some(rr) = f.get("requestRedirect").filter(|x| !x.is_null()) {
                errs.extend(enum_error(&format!("{ff}.requestRedirect.scheme"), rr.get("scheme"), &["http", "https"]));
                if let Some(code) = rr.get("statusCode").filter(|c| !c.is_null()) {
                    if let Some(v) = int_of(Some(code)).filter(|_| matches!(code.kind, NodeKind::Scalar { value: Value::Int(_), .. })) {
                        if ![301, 302, 303, 307, 308].contains(&v) {
                            errs.push(Diagnostic::not_supported_shown(&format!("{ff}.requestRedirect.statusCode"), code.pos, &v.to_string(), &["301", "302", "303", "307", "308"]));
                        }
                    }
                }
            }
            for (key, path) in ["requestRedirect", "urlRewrite"].iter().filter_map(|k| Some((*k, f.get(k)?.get("path").filter(|p| !p.is_null())?))) {
                let pf = format!("{ff}.{key}.path.type");
                match path.get("type").filter(|t| !t.is_null()) {
                    None => errs.push(Diagnostic::required(&pf, path.pos, "")),
                    Some(_) => errs.extend(enum_error(&pf, path.get("type"), &["ReplaceFullPath", "ReplacePrefixMatch"])),
                }
            }
        }
    }
    errs
}

/// A Gateway API Duration (apis/v1 shared_types.go Duration, GEP-2257: the pattern
/// `^([0-9]{1,5}(h|m|s|ms)){1,4}$`) in milliseconds; None when it does not match the pattern.
pub(crate) fn gateway_duration_ms(v: &str) -> Option<u64> {
    let b = v.as_bytes();
    let (mut i, mut groups, mut total) = (0usize, 0usize, 0u64);
    while i < b.len() {
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() && i - start < 5 {
            i += 1;
        }
        if i == start || (i < b.len() && b[i].is_ascii_digit()) {
            return None;
        }
        let n: u64 = v[start..i].parse().ok()?;
        let unit = match (b.get(i), b.get(i + 1)) {
            (Some(b'm'), Some(b's')) => 1,
            (Some(b'h'), _) => 3_600_000,
            (Some(b'm'), _) => 60_000,
            (Some(b's'), _) => 1_000,
            _ => return None,
        };
        i += if unit == 1 { 2 } else { 1 };
        total += n * unit;
        groups += 1;
        if groups > 4 {
            return None;
        }
    }
    (groups > 0).then_some(total)
}

/// HTTPRoute's CEL rules beyond review22's (fidfix25; the same CRD): each filter's type and
/// field together (HTTPRouteFilter: `filter.<field> must be nil if the filter.type is not <T>`,
/// `filter.<field> must be specified for <T> filter.type`, on `spec.rules[i].filters[j]`), a path
/// modifier's type and value together (HTTPPathModifier), a ReplacePrefixMatch filter with
/// exactly one PathPrefix match (HTTPRouteRule; matches default to one `PathPrefix /`, a match's
/// path likewise), and at most 128 matches in all (HTTPRouteSpec.Rules). Run only when the
/// schema found no blocking error.
fn http_cel_errors(spec: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let set = |n: &Node, k: &str| n.get(k).is_some_and(|v| !v.is_null());
    let rules = seq(spec.get("rules"));
    let total: usize = rules.iter().map(|r| if r.get("matches").is_some_and(|m| !m.is_null()) { seq(r.get("matches")).len() } else { 1 }).sum();
    if total > 128 {
        let at = spec.get("rules").map_or(spec.pos, |r| r.pos);
        errs.push(Diagnostic::invalid("spec.rules", at, "\"array\"", "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128"));
    }
    for (i, r) in rules.iter().enumerate() {
        let rf = format!("spec.rules[{i}]");
        // HTTPRouteTimeouts: `backendRequest timeout cannot be longer than request timeout` (a
        // request of 0s disables the timeout); evaluated only where both match the Duration
        // pattern (CEL's duration() of another text is an evaluation error, not modelled)
        if let Some(t) = r.get("timeouts").filter(|t| !t.is_null()) {
            let ms = |k: &str| t.get(k).and_then(|n| n.as_str()).and_then(gateway_duration_ms);
            if let (Some(req), Some(back)) = (ms("request"), ms("backendRequest")) {
                if req != 0 && back > req {
                    errs.push(Diagnostic::invalid(&format!("{rf}.timeouts"), t.pos, "\"object\"", "backendRequest timeout cannot be longer than request timeout"));
                }
            }
        }
        // the rule's matches after defaulting: none written is one PathPrefix match
        let one_prefix = match r.get("matches").filter(|m| !m.is_null()) {
            None => true,
            Some(m) => {
                let ms = seq(Some(m));
                ms.len() == 1 && ms[0].get("path").filter(|p| !p.is_null()).is_none_or(|p| p.get("type").filter(|t| !t.is_null()).is_none_or(|t| t.as_str() == Some("PathPrefix")))
            }
        };
        let prefix_filter = |fs: &[Node], key: &str| fs.iter().filter(|f| f.get(key).and_then(|x| x.get("path")).is_some_and(|p| p.get("type").and_then(|t| t.as_str()) == Some("ReplacePrefixMatch") && set(p, "replacePrefixMatch"))).count() == 1;
        let filters = seq(r.get("filters"));
        if !one_prefix {
            if prefix_filter(filters, "requestRedirect") {
                errs.push(Diagnostic::invalid(&rf, r.pos, "\"object\"", "When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
            }
            if prefix_filter(filters, "urlRewrite") {
                errs.push(Diagnostic::invalid(&rf, r.pos, "\"object\"", "When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
            }
            let backends = seq(r.get("backendRefs"));
            if backends.iter().filter(|b| prefix_filter(seq(b.get("filters")), "requestRedirect")).count() == 1 {
                errs.push(Diagnostic::invalid(&rf, r.pos, "\"object\"", "Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
            }
            if backends.iter().filter(|b| prefix_filter(seq(b.get("filters")), "urlRewrite")).count() == 1 {
                errs.push(Diagnostic::invalid(&rf, r.pos, "\"object\"", "Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"));
            }
        }
        let mut lists: Vec<(String, &[Node])> = vec![(format!("{rf}.filters"), filters)];
        for (j, b) in seq(r.get("backendRefs")).iter().enumerate() {
            lists.push((format!("{rf}.backendRefs[{j}].filters"), seq(b.get("filters"))));
        }
        for (lf, fs) in lists {
            for (k, f) in fs.iter().enumerate() {
                let ff = format!("{lf}[{k}]");
                let Some(t) = f.get("type").and_then(|t| t.as_str()) else { continue };
                for (ty, key) in [("CORS", "cors")].into_iter().chain(HTTP_FILTERS.into_iter().filter(|(t, _)| *t != "CORS")) {
                    if set(f, key) && t != ty {
                        errs.push(Diagnostic::invalid(&ff, f.pos, "\"object\"", &format!("filter.{key} must be nil if the filter.type is not {ty}")));
                    }
                    if !set(f, key) && t == ty {
                        errs.push(Diagnostic::invalid(&ff, f.pos, "\"object\"", &format!("filter.{key} must be specified for {ty} filter.type")));
                    }
                }
                for key in ["requestRedirect", "urlRewrite"] {
                    let Some(p) = f.get(key).and_then(|x| x.get("path")).filter(|p| !p.is_null()) else { continue };
                    let Some(pt) = p.get("type").and_then(|t| t.as_str()) else { continue };
                    let pf = format!("{ff}.{key}.path");
                    let mut bad = |m: &str| errs.push(Diagnostic::invalid(&pf, p.pos, "\"object\"", m));
                    if pt == "ReplaceFullPath" && !set(p, "replaceFullPath") {
                        bad("replaceFullPath must be specified when type is set to 'ReplaceFullPath'");
                    }
                    if set(p, "replaceFullPath") && pt != "ReplaceFullPath" {
                        bad("type must be 'ReplaceFullPath' when replaceFullPath is set");
                    }
                    if pt == "ReplacePrefixMatch" && !set(p, "replacePrefixMatch") {
                        bad("replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'");
                    }
                    if set(p, "replacePrefixMatch") && pt != "ReplacePrefixMatch" {
                        bad("type must be 'ReplacePrefixMatch' when replacePrefixMatch is set");
                    }
                }
            }
        }
    }
    errs
}

/// TLSRoute v1's CEL rules on `spec.hostnames` (apis/v1/tlsroute_types.go TLSRouteSpec.Hostnames:
/// SNI names, "IPs are not allowed in SNI hostnames per RFC 6066"; a wildcard only as the first
/// label). A list rule: the error is on `spec.hostnames` with the value "array".
fn tlsroute_cel_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let version = o.api_version.split_once('/').map_or("", |(_, v)| v);
    if !matches!(version, "v1" | "v1alpha3") {
        return errs;
    }
    let Some(list) = o.source.get("spec").and_then(|s| s.get("hostnames")) else { return errs };
    let hs: Vec<&str> = seq(Some(list)).iter().filter_map(|h| h.as_str()).collect();
    let rfc1123 = |h: &str| !h.is_empty() && !h.starts_with("*.") && hostname_matches(h);
    let cel = |msg: &str| Diagnostic::invalid("spec.hostnames", list.pos, "\"array\"", msg);
    // CEL isIP (k8s.io/apiserver pkg/cel/library/ip.go): an IPv4 or IPv6 address
    if hs.iter().any(|h| h.parse::<std::net::IpAddr>().is_ok()) {
        errs.push(cel("Hostnames cannot contain an IP"));
    }
    if hs.iter().any(|h| !h.contains('*') && !rfc1123(h)) {
        errs.push(cel("Hostnames must be valid based on RFC-1123"));
    }
    if hs.iter().any(|h| h.contains('*') && !h.strip_prefix("*.").is_some_and(rfc1123)) {
        errs.push(cel("Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123"));
    }
    errs
}

/// shared_types.go `Hostname`: `+kubebuilder:validation:Pattern=` this.
const HOSTNAME_PATTERN: &str = r"^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

/// Whether `h` matches [`HOSTNAME_PATTERN`]: an optional `*.`, then DNS-1123 labels (lower case).
fn hostname_matches(h: &str) -> bool {
    let h = h.strip_prefix("*.").unwrap_or(h);
    !h.is_empty()
        && h.split('.').all(|l| {
            let b = l.as_bytes();
            !b.is_empty()
                && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
        })
}

/// `spec.<field>[i]: Invalid value: "<h>": spec.<field>[i] in body should match '<pattern>'`
fn hostname_error(field: &str, n: &Node) -> Option<Diagnostic> {
    let h = n.as_str()?;
    (!hostname_matches(h)).then(|| Diagnostic::invalid(field, n.pos, &super::diag::quote(h), &format!("{field} in body should match '{HOSTNAME_PATTERN}'")))
}

/// SectionName's pattern (a listener's name: shared_types.go SectionName).
const SECTION_NAME_PATTERN: &str = r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";

/// ProtocolType's pattern (gateway_types.go ProtocolType).
const PROTOCOL_PATTERN: &str = r"^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$";

/// Whether `s` is one or more dot-separated DNS labels of `ok` characters (a label starts and
/// ends with an alphanumeric), as SECTION_NAME_PATTERN and the domain part of PROTOCOL_PATTERN.
fn labels_match(s: &str, ok: fn(u8) -> bool) -> bool {
    !s.is_empty()
        && s.split('.').all(|l| {
            let b = l.as_bytes();
            !b.is_empty() && b.iter().all(|c| ok(*c)) && b[0].is_ascii_alphanumeric() && b[b.len() - 1].is_ascii_alphanumeric()
        })
}

/// [`PROTOCOL_PATTERN`]: a name of letters, digits and inner `-` (HTTP, HTTPS, TLS, TCP, UDP…),
/// or a domain-prefixed one (`example.com/custom`). The second alternative is not anchored at
/// its start: any text ending in `<domain>/<alphanumerics>` matches.
pub(crate) fn protocol_matches(p: &str) -> bool {
    let lower_label = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-';
    let plain = !p.contains('.') && labels_match(p, |c| c.is_ascii_alphanumeric() || c == b'-');
    let prefixed = p.rsplit_once('/').is_some_and(|(head, tail)| {
        !tail.is_empty() && tail.bytes().all(|c| c.is_ascii_alphanumeric()) && {
            // the longest suffix of `head` that is a lower-case domain
            let start = head.bytes().rposition(|c| !(lower_label(c) || c == b'.')).map_or(0, |i| i + 1);
            let dom = &head[start..];
            (0..dom.len()).any(|k| labels_match(&dom[k..], lower_label))
        }
    });
    plain || prefixed
}

/// The Gateway CRD's OpenAPI rules of its listeners (fidfix25; gateway-api v1.6.1 config/crd/
/// standard gateway.networking.k8s.io_gateways.yaml, apis/v1/gateway_types.go Listener): at most
/// 64 listeners (TooMany), the name a SectionName (pattern), the port `Minimum=1`,
/// `Maximum=65535`, the protocol's pattern, allowedRoutes.namespaces.from's enum (`All`,
/// `Selector`, `Same`) and tls.mode's (`Terminate`, `Passthrough`). TooMany and the enums are
/// blocking errors (hasBlockingErr): the CEL rules are then not run.
fn gateway_schema_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    // spec.addresses: `maxItems: 16` (GatewaySpec.Addresses `+kubebuilder:validation:MaxItems=16`)
    max_items("spec.addresses", o.source.get("spec").and_then(|s| s.get("addresses")), 16, &mut errs);
    let Some(list) = o.source.get("spec").and_then(|s| s.get("listeners")) else { return errs };
    max_items("spec.listeners", Some(list), 64, &mut errs);
    for (i, l) in seq(Some(list)).iter().enumerate() {
        let lf = format!("spec.listeners[{i}]");
        if let Some(n) = l.get("name").filter(|n| n.as_str().is_some_and(|v| !v.is_empty() && v.len() <= 253 && !labels_match(v, |c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-'))) {
            let f = format!("{lf}.name");
            errs.push(Diagnostic::invalid(&f, n.pos, &super::diag::quote(n.as_str().unwrap_or_default()), &format!("{f} in body should match '{SECTION_NAME_PATTERN}'")));
        }
        if let Some(n) = l.get("port").filter(|n| matches!(n.kind, NodeKind::Scalar { value: Value::Int(_), .. })) {
            let f = format!("{lf}.port");
            match int_of(Some(n)) {
                Some(v) if v < 1 => errs.push(Diagnostic::invalid(&f, n.pos, &v.to_string(), &format!("{f} in body should be greater than or equal to 1"))),
                Some(v) if v > 65535 => errs.push(Diagnostic::invalid(&f, n.pos, &v.to_string(), &format!("{f} in body should be less than or equal to 65535"))),
                _ => {}
            }
        }
        if let Some(n) = l.get("protocol").filter(|n| n.as_str().is_some_and(|v| !v.is_empty() && v.len() <= 255 && !protocol_matches(v))) {
            let f = format!("{lf}.protocol");
            errs.push(Diagnostic::invalid(&f, n.pos, &super::diag::quote(n.as_str().unwrap_or_default()), &format!("{f} in body should match '{PROTOCOL_PATTERN}'")));
        }
        errs.extend(enum_error(&format!("{lf}.allowedRoutes.namespaces.from"), l.get("allowedRoutes").and_then(|a| a.get("namespaces")).and_then(|n| n.get("from")), &["All", "Selector", "Same"]));
        errs.extend(enum_error(&format!("{lf}.tls.mode"), l.get("tls").and_then(|t| t.get("mode")), &["Terminate", "Passthrough"]));
    }
    errs
}

/// ListenerTLSConfig's CEL rule (gateway_types.go: `certificateRefs or options must be specified
/// when mode is Terminate`, rule `self.mode == 'Terminate' ? size(self.certificateRefs) > 0 ||
/// size(self.options) > 0 : true`; mode defaults to Terminate), on `spec.listeners[i].tls`, value
/// "object". The rule reads both fields without has(): when neither is written, CEL's `||` ends in
/// the left side's error, which the API server prints as `no such key: certificateRefs evaluating
/// rule: <message>` (apiextensions-apiserver pkg/apiserver/schema/cel/validation.go: "%v
/// evaluating rule: %v" with ruleErrorString, the rule's message); an empty list is size 0, and
/// then the missing `options` is the error.
fn listener_tls_cel_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    for (i, l) in seq(o.source.get("spec").and_then(|s| s.get("listeners"))).iter().enumerate() {
        let Some(tls) = l.get("tls").filter(|t| matches!(t.kind, NodeKind::Map(_))) else { continue };
        if str_of(tls.get("mode")).is_some_and(|m| m != "Terminate") {
            continue;
        }
        let present = |k: &str| tls.get(k).filter(|v| !v.is_null());
        let size = |k: &str| match present(k).map(|v| &v.kind) {
            Some(NodeKind::Seq(v)) => Some(v.len()),
            Some(NodeKind::Map(v)) => Some(v.len()),
            _ => None,
        };
        let (refs, options) = (size("certificateRefs"), size("options"));
        if refs.is_some_and(|n| n > 0) || options.is_some_and(|n| n > 0) {
            continue;
        }
        const MSG: &str = "certificateRefs or options must be specified when mode is Terminate";
        let message = match (refs, options) {
            (None, _) => format!("no such key: certificateRefs evaluating rule: {MSG}"),
            (Some(_), None) => format!("no such key: options evaluating rule: {MSG}"),
            _ => MSG.to_string(),
        };
        errs.push(Diagnostic::invalid(&format!("spec.listeners[{i}].tls"), tls.pos, "\"object\"", &message));
    }
    errs
}

/// Gateway `spec.addresses` CEL rules (fidfix26 6; gateway-api v1.6.1 config/crd/standard
/// gateway.networking.k8s.io_gateways.yaml, apis/v1/gateway_types.go GatewaySpec.Addresses and
/// GatewaySpecAddress): each address of `type: Hostname` (type defaults to IPAddress) with a value
/// must match the Hostname pattern (on `spec.addresses[i]`, value "object"), and on the list
/// (value "array") `IPAddress values must be unique` / `Hostname values must be unique`: two
/// addresses of that type with the same value (`self.all(a1, a1.type == 'IPAddress' &&
/// has(a1.value) ? self.exists_one(a2, a2.type == a1.type && has(a2.value) && a2.value ==
/// a1.value) : true)`). The `format: ipv4/ipv6` of an IPAddress value (oneOf) is not modelled.
fn gateway_address_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let Some(list) = o.source.get("spec").and_then(|s| s.get("addresses")).filter(|l| matches!(l.kind, NodeKind::Seq(_))) else { return errs };
    let items = seq(Some(list));
    let ty = |a: &Node| str_of(a.get("type")).unwrap_or_else(|| "IPAddress".to_string());
    let value = |a: &Node| a.get("value").filter(|v| !v.is_null()).and_then(|v| v.as_str()).map(str::to_string);
    for (i, a) in items.iter().enumerate() {
        if ty(a) == "Hostname" && value(a).is_some_and(|v| !hostname_matches(&v)) {
            errs.push(Diagnostic::invalid(&format!("spec.addresses[{i}]"), a.pos, "\"object\"", &format!("Hostname value must be empty or contain only valid characters (matching {HOSTNAME_PATTERN})")));
        }
    }
    for (t, msg) in [("IPAddress", "IPAddress values must be unique"), ("Hostname", "Hostname values must be unique")] {
        let values: Vec<String> = items.iter().filter(|a| ty(a) == t).filter_map(&value).collect();
        if values.iter().enumerate().any(|(i, v)| values[..i].contains(v)) {
            errs.push(Diagnostic::invalid("spec.addresses", list.pos, "\"array\"", msg));
        }
    }
    errs
}

/// Gateway (gateway_types.go GatewaySpec.Listeners): the listeners' CEL rules on `spec.listeners`,
/// the list-map key `name` (`+listType=map`, `+listMapKey=name`: apiextensions-apiserver
/// listtype validation.go validateListMap, field.Duplicate at the second occurrence) and the
/// Hostname pattern of `spec.listeners[i].hostname`.
fn gateway_crd_errors(o: &Object) -> Vec<Diagnostic> {
    let mut errs = gateway_address_errors(o);
    let Some(list) = o.source.get("spec").and_then(|s| s.get("listeners")) else { return errs };
    let ls = seq(Some(list));
    for (i, l) in ls.iter().enumerate() {
        if let Some(e) = l.get("hostname").and_then(|h| hostname_error(&format!("spec.listeners[{i}].hostname"), h)) {
            errs.push(e);
        }
    }
    // the fields the rules read, present on each listener (else the schema's own Required
    // errors, which block the CEL rules and are not modelled here)
    let whole = ls.iter().all(|l| str_of(l.get("name")).is_some() && int_of(l.get("port")).is_some() && str_of(l.get("protocol")).is_some());
    if ls.is_empty() || !whole {
        return errs;
    }
    let names: Vec<String> = ls.iter().map(|l| str_of(l.get("name")).unwrap_or_default()).collect();
    for (i, n) in names.iter().enumerate() {
        if names[..i].iter().filter(|m| *m == n).count() == 1 {
            // the key map as ErrorBody prints a map since 1.34: its JSON (diag.rs)
            errs.push(Diagnostic::duplicate(&format!("spec.listeners[{i}]"), ls[i].pos, &format!("{{\"name\":{}}}", super::diag::json_str(n))));
        }
    }
    let proto = |l: &Node| str_of(l.get("protocol")).unwrap_or_default();
    let at = o.pos("spec.listeners");
    let cel = |msg: &str| Diagnostic::invalid("spec.listeners", at, "\"array\"", msg);
    if ls.iter().any(|l| matches!(proto(l).as_str(), "HTTP" | "TCP" | "UDP") && l.get("tls").is_some_and(|t| !t.is_null())) {
        errs.push(cel("tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"));
    }
    if ls.iter().any(|l| proto(l) == "HTTPS" && str_of(l.get("tls").and_then(|t| t.get("mode"))).is_some_and(|m| !m.is_empty() && m != "Terminate")) {
        // (qa8 11, kubernetes-sigs/gateway-api#5210: where passthrough belongs)
        errs.push(cel("tls mode must be Terminate for protocol HTTPS").hint("TLS passthrough is a listener of protocol TLS (tls.mode: Passthrough) with TLSRoutes attached; an HTTPS listener terminates TLS itself (tls.certificateRefs)"));
    }
    // mode defaults to Terminate (`+kubebuilder:default=Terminate`): only a missing tls fails
    if ls.iter().any(|l| proto(l) == "TLS" && l.get("tls").is_none_or(|t| t.is_null())) {
        errs.push(cel("tls mode must be set for protocol TLS"));
    }
    if ls.iter().any(|l| matches!(proto(l).as_str(), "TCP" | "UDP") && str_of(l.get("hostname")).is_some_and(|h| !h.is_empty())) {
        errs.push(cel("hostname must not be specified for protocols ['TCP', 'UDP']"));
    }
    if names.iter().any(|n| names.iter().filter(|m| *m == n).count() > 1) {
        errs.push(cel("Listener name must be unique within the Gateway"));
    }
    let key = |l: &Node| (int_of(l.get("port")), proto(l), l.get("hostname").map(|h| str_of(Some(h)).unwrap_or_default()));
    if ls.iter().any(|a| ls.iter().filter(|b| key(a) == key(b)).count() > 1) {
        errs.push(cel("Combination of port, protocol and hostname must be unique for each listener"));
    }
    errs
}

/// HTTPRoute and GRPCRoute (httproute_types.go, grpcroute_types.go, shared_types.go): hostnames'
/// pattern, backendRef weight bounds (`Minimum=0`, `Maximum=1000000`), the standard channel's
/// parentRefs rules (CommonRouteSpec.ParentRefs `<gateway:standard:validation:XValidation>`);
/// for HTTPRoute the rule's RequestRedirect/backendRefs rule (HTTPRouteRule), the filters' rules
/// (HTTPRouteRule.Filters) and the path match rules (HTTPPathMatch, type defaulted PathPrefix,
/// value "/").
fn route_crd_errors(o: &Object, http: bool) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let Some(spec) = o.source.get("spec") else { return errs };
    for (i, h) in seq(spec.get("hostnames")).iter().enumerate() {
        errs.extend(hostname_error(&format!("spec.hostnames[{i}]"), h));
    }
    for (i, r) in seq(spec.get("rules")).iter().enumerate() {
        for (j, b) in seq(r.get("backendRefs")).iter().enumerate() {
            let Some(w) = b.get("weight") else { continue };
            let Some(v) = int_of(Some(w)) else { continue };
            let f = format!("spec.rules[{i}].backendRefs[{j}].weight");
            if v < 0 {
                errs.push(Diagnostic::invalid(&f, w.pos, &v.to_string(), &format!("{f} in body should be greater than or equal to 0")));
            } else if v > 1_000_000 {
                errs.push(Diagnostic::invalid(&f, w.pos, &v.to_string(), &format!("{f} in body should be less than or equal to 1000000")));
            }
        }
    }
    // parentRefs: the same parent (group, kind, name, namespace, defaults applied) twice
    let prs = seq(spec.get("parentRefs"));
    if prs.iter().all(|p| str_of(p.get("name")).is_some()) {
        let parent = |p: &Node| {
            (
                str_of(p.get("group")).unwrap_or_else(|| GROUP.into()),
                str_of(p.get("kind")).unwrap_or_else(|| "Gateway".into()),
                str_of(p.get("name")).unwrap_or_default(),
                str_of(p.get("namespace")).unwrap_or_default(),
            )
        };
        let section = |p: &Node| str_of(p.get("sectionName")).unwrap_or_default();
        let at = o.pos("spec.parentRefs");
        if prs.iter().any(|a| prs.iter().any(|b| parent(a) == parent(b) && section(a).is_empty() != section(b).is_empty())) {
            errs.push(Diagnostic::invalid("spec.parentRefs", at, "\"array\"", "sectionName must be specified when parentRefs includes 2 or more references to the same parent"));
        }
        if prs.iter().any(|a| prs.iter().filter(|b| parent(a) == parent(b) && section(a) == section(b)).count() > 1) {
            errs.push(Diagnostic::invalid("spec.parentRefs", at, "\"array\"", "sectionName must be unique when parentRefs includes 2 or more references to the same parent"));
        }
    }
    if !http {
        return errs;
    }
    for (i, r) in seq(spec.get("rules")).iter().enumerate() {
        let rf = format!("spec.rules[{i}]");
        let filters = seq(r.get("filters"));
        let ftype = |f: &Node| str_of(f.get("type")).unwrap_or_default();
        if !seq(r.get("backendRefs")).is_empty() && filters.iter().any(|f| f.get("requestRedirect").is_some_and(|x| !x.is_null())) {
            errs.push(Diagnostic::invalid(&rf, r.pos, "\"object\"", "RequestRedirect filter must not be used together with backendRefs"));
        }
        if !filters.is_empty() {
            let ff = format!("{rf}.filters");
            let fpos = r.get("filters").map_or(r.pos, |f| f.pos);
            if filters.iter().any(|f| ftype(f) == "RequestRedirect") && filters.iter().any(|f| ftype(f) == "URLRewrite") {
                errs.push(Diagnostic::invalid(&ff, fpos, "\"array\"", "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both"));
            }
            for t in ["CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite"] {
                if filters.iter().filter(|f| ftype(f) == t).count() > 1 {
                    errs.push(Diagnostic::invalid(&ff, fpos, "\"array\"", &format!("{t} filter cannot be repeated")));
                }
            }
        }
        for (j, m) in seq(r.get("matches")).iter().enumerate() {
            let Some(path) = m.get("path").filter(|p| !p.is_null()) else { continue };
            let t = path.get("type").map_or(Some("PathPrefix".to_string()), |t| str_of(Some(t)));
            let v = path.get("value").map_or(Some("/".to_string()), |v| str_of(Some(v)));
            let (Some(t), Some(v)) = (t, v) else { continue };
            if !matches!(t.as_str(), "Exact" | "PathPrefix") {
                continue;
            }
            let pf = format!("spec.rules[{i}].matches[{j}].path");
            let mut bad = |msg: &str| errs.push(Diagnostic::invalid(&pf, path.pos, "\"object\"", msg));
            let tail = " when type one of ['Exact', 'PathPrefix']";
            if !v.starts_with('/') {
                bad(&format!("value must be an absolute path and start with '/'{tail}"));
            }
            for part in ["//", "/./", "/../", "%2f", "%2F", "#"] {
                if v.contains(part) {
                    bad(&format!("must not contain '{part}'{tail}"));
                }
            }
            for end in ["/..", "/."] {
                if v.ends_with(end) {
                    bad(&format!("must not end with '{end}'{tail}"));
                }
            }
            if !path_chars_valid(&v) {
                bad("must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']");
            }
        }
    }
    errs
}

/// HTTPPathMatch's character rule: `^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$`.
fn path_chars_valid(v: &str) -> bool {
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            if i + 2 < b.len() && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit() {
                i += 3;
                continue;
            }
            return false;
        }
        if !(c.is_ascii_alphanumeric() || b"-/._~!$&'()*+,;=:@".contains(&c)) {
            return false;
        }
        i += 1;
    }
    !b.is_empty()
}

/// The words of the IgnoredKind note of a Gateway API kind whose routing is followed: the schema
/// stays unknown, the semantics are used.
pub fn ignored_words(kind: &str, api_version: &str) -> String {
    let used = match kind {
        "Gateway" => "its listeners and addresses are shown on the paths of the routes attached to it",
        "ReferenceGrant" => "it is read to allow routes' backendRefs into its namespace",
        "GatewayClass" => "its spec.controllerName tells which implementation serves the Gateways of its name",
        "BackendTLSPolicy" => "the Service it targets is reached over TLS: on the paths of HTTPRoutes, GRPCRoutes and TLS-terminating TLSRoutes to it, the Gateway speaks TLS to the pods, with the policy's hostname as SNI",
        "TLSRoute" => "its backendRefs are resolved against the input's Services (a path entry per route: the TLS connection through a TLS listener, chosen by its SNI name) as a Gateway API implementation does",
        "TCPRoute" => "its backendRefs are resolved against the input's Services (a path entry per route: every TCP connection to its listener's port) as a Gateway API implementation does",
        "UDPRoute" => "its backendRefs are resolved against the input's Services (a path entry per route: every UDP datagram to its listener's port) as a Gateway API implementation does",
        _ => "its backendRefs are resolved against the input's Services (a path entry per route) as a Gateway API implementation does",
    };
    // (the CRD rules crd_errors checks: review20, review22)
    let checked = match kind {
        "HTTPRoute" => "its fields are checked here only for some of the CRD's rules: a Service backendRef's port, hostnames, weights, parentRefs to the same parent, path values, filter combinations, list sizes, match types and methods, filter types and their fields, redirect schemes and status codes, path modifiers",
        "GRPCRoute" => "its fields are checked here only for some of the CRD's rules: a Service backendRef's port, a method match naming a valid service or method, hostnames, weights, parentRefs to the same parent, list sizes",
        "TLSRoute" if api_version.ends_with("/v1alpha2") || api_version.ends_with("/v1alpha3") => "its fields are checked here only for some of the CRD's rules: a Service backendRef's port, hostnames, weights, parentRefs to the same parent; this version is deprecated, served only by the experimental channel's CRD since Gateway API v1.5, whose standard channel serves TLSRoute v1",
        "TLSRoute" => "its fields are checked here only for some of the CRD's rules: hostnames (required SNI names, no IPs) and rules (one), a Service backendRef's port, weights, parentRefs to the same parent",
        "TCPRoute" | "UDPRoute" if api_version.ends_with("/v1alpha2") => "its fields are checked here only for some of the CRD's rules: rules and backendRefs required, a Service backendRef's port, weights, parentRefs to the same parent; this version is deprecated, served only by the experimental channel's CRD since Gateway API v1.6, whose standard channel serves v1",
        "TCPRoute" | "UDPRoute" => "its fields are checked here only for some of the CRD's rules: rules (one) and backendRefs required, a Service backendRef's port, weights, parentRefs to the same parent",
        "Gateway" => "its fields are checked here only for some of the CRD's rules: listener names, hostnames, ports, protocols, allowedRoutes.namespaces.from, tls.mode, a terminating listener's certificateRefs, tls and hostname by protocol, and addresses (at most 16, Hostname values' pattern, unique IPAddress and Hostname values)",
        "BackendTLSPolicy" => "its fields are checked here only for some of the CRD's rules: targetRefs (1 to 16, sectionName when a target repeats), validation with its hostname, caCertificateRefs or wellKnownCACertificates (one of them), list sizes",
        _ => "its fields are not checked here",
    };
    // A Gateway is drawn: its box outside the cluster frame on the paths of its routes
    // (core::layout gateway_boxes); the other kinds have no box of their own (uicheck22)
    let drawn = match kind {
        // (review25: only where a route of the input leads through it to a Service; a Gateway
        // pasted without routes has no box)
        "Gateway" => "where a route of the input names it as its parent and leads to one of the input's Services, it is drawn as a Gateway box outside the cluster on that route's path (the first two Gateways of a Service), and Gateway API's routing is used",
        _ => "it is not drawn, but Gateway API's routing is used",
    };
    format!("{kind} ({api_version}) is a custom resource: the API server validates it against its CustomResourceDefinition's schema, which Switchboard does not have ({checked}); {drawn}: {used}")
}

/// The Gateway API objects of the input that were not refused.
fn gw_objects(objects: &[Object]) -> impl Iterator<Item = (&Object, &GatewayObject)> {
    objects.iter().filter(|o| !o.refused).filter_map(|o| match &o.body {
        Body::Gateway(g) => Some((o, g.as_ref())),
        _ => None,
    })
}

/// Whether the Gateway a route's parentRef names accepts the route: the route's `Accepted`
/// condition for that parent (kubernetes-sigs/gateway-api apis/v1/shared_types.go
/// RouteConditionAccepted and its reasons RouteReasonNoMatchingParent, NotAllowedByListeners,
/// NoMatchingListenerHostname), judged in Envoy Gateway's order
/// (envoyproxy/gateway internal/gatewayapi/route.go processAllowedListenersForParentRefs, then the
/// hostname intersection of processHTTPRouteParentRefListener).
#[derive(Debug, Clone, PartialEq)]
pub enum Attach {
    /// Accepted True: the index of the first listener that takes the route
    Accepted(usize),
    /// Accepted False: the reason, the implementation's message, our words and our advice
    Refused { reason: &'static str, message: &'static str, why: String, hint: String },
    /// not judged: the parent is not a Gateway of the input (another kind, or not pasted), or the
    /// route's namespace is not in the input and a namespace selector needs its labels
    Unknown,
}

/// The Gateway of the input a parentRef names, with its object.
fn parent_gateway<'a>(objects: &'a [Object], route: &Object, p: &ParentRef) -> Option<(&'a Object, &'a Gateway)> {
    if p.kind != "Gateway" || p.group != GROUP {
        return None;
    }
    let ns = p.namespace.as_deref().unwrap_or(&route.meta.namespace);
    gw_objects(objects).find_map(|(g, body)| match body {
        GatewayObject::Gateway(gw) if g.meta.name == p.name && g.meta.namespace == ns => Some((g, gw)),
        _ => None,
    })
}

/// AllowedRoutes.Kinds: "When unspecified or empty, the kinds of Routes selected are determined
/// using the Listener protocol" (apis/v1/gateway_types.go); for HTTP and HTTPS that is HTTPRoute
/// and GRPCRoute; TLS, TCP and UDP listeners take their own route kinds
/// ([`default_route_kinds`]).
fn listener_takes_kind(l: &Listener, kind: &str) -> bool {
    if l.kinds.is_empty() {
        return default_route_kinds(l).contains(&kind);
    }
    l.kinds.iter().any(|(g, k)| g == GROUP && k == kind)
}

/// The route kinds a listener takes when its allowedRoutes.kinds is empty, by protocol (fidfix25;
/// envoyproxy/gateway internal/gatewayapi/listener.go allowedRouteKindsForProtocol): HTTP and
/// HTTPS take HTTPRoute and GRPCRoute; TLS in Passthrough mode TLSRoute only ("SSL passthrough
/// is only supported by TLSRoute": gateway-api apis/v1/gateway_types.go TLSModePassthrough), TLS
/// terminated TCPRoute and TLSRoute; TCP TCPRoute; UDP UDPRoute.
fn default_route_kinds(l: &Listener) -> &'static [&'static str] {
    match l.protocol.to_ascii_uppercase().as_str() {
        "HTTP" | "HTTPS" => &["HTTPRoute", "GRPCRoute"],
        "TLS" if l.tls_mode.as_deref() == Some("Passthrough") => &["TLSRoute"],
        "TLS" => &["TCPRoute", "TLSRoute"],
        "TCP" => &["TCPRoute"],
        "UDP" => &["UDPRoute"],
        _ => &[],
    }
}

/// Where a route of `kind` attaches, for a hint: the listener protocol that takes it by default.
fn listener_for_kind(kind: &str) -> &'static str {
    match kind {
        "TLSRoute" => "a TLS listener (tls.mode: Passthrough)",
        "TCPRoute" => "a TCP listener (or a TLS listener that terminates TLS)",
        "UDPRoute" => "a UDP listener",
        _ => "an HTTP or HTTPS listener",
    }
}

/// Envoy Gateway's message for NoMatchingListenerHostname, which names the route's kind
/// (envoyproxy/gateway internal/gatewayapi/route.go: processHTTPRouteParentRefListener,
/// processGRPCRouteParentRefs, processTLSRouteParentRefs).
fn no_hostname_message(kind: &str) -> &'static str {
    match kind {
        "GRPCRoute" => "There were no hostname intersections between the GRPCRoute and this parent ref's Listener(s).",
        "TLSRoute" => "There were no hostname intersections between the TLSRoute and this parent ref's Listener(s).",
        _ => "There were no hostname intersections between the HTTPRoute and this parent ref's Listener(s).",
    }
}

/// Hostnames intersect (apis/v1/httproute_types.go HTTPRouteSpec.Hostnames: a `*.` label is a
/// suffix match of one or more labels; `*.example.com` does not match `example.com`).
pub(crate) fn hostnames_intersect(a: &str, b: &str) -> bool {
    let a = a.to_ascii_lowercase();
    let b = b.to_ascii_lowercase();
    let covers = |wild: &str, name: &str| wild.strip_prefix('*').is_some_and(|suffix| name.len() > suffix.len() && name.ends_with(suffix));
    a == b || covers(&a, &b) || covers(&b, &a)
}

/// The route's `Accepted` condition for parentRef `p` ([`Attach`]).
pub fn attach(objects: &[Object], route_obj: &Object, route: &Route, p: &ParentRef) -> Attach {
    match taking_listeners(objects, route_obj, route, p) {
        // ParentReference.SectionName: "When unspecified (empty string), this will reference the
        // entire resource": the route attaches to every listener that takes it, and a listener
        // that is not programmed serves none (envoyproxy/gateway internal/gatewayapi/route.go
        // processHTTPRouteParentRefListener adds the route to each listener's IR listener, and a
        // listener with ResolvedRefs False has none); so the path goes through a serving one when
        // one exists (fidfix22), else through the first ([`listener_not_programmed`] says that
        // none serves)
        Ok((g, gw, taking)) => Attach::Accepted(taking.iter().copied().find(|&i| listener_serves(objects, g, &gw.listeners[i])).unwrap_or(taking[0])),
        Err(a) => a,
    }
}

/// The Gateway of parentRef `p` with the indices of its listeners that take the route (at least
/// one, in the Gateway's order), or the route's [`Attach`] when none does.
fn taking_listeners<'a>(objects: &'a [Object], route_obj: &Object, route: &Route, p: &ParentRef) -> Result<(&'a Object, &'a Gateway, Vec<usize>), Attach> {
    let Some((g, gw)) = parent_gateway(objects, route_obj, p) else { return Err(Attach::Unknown) };
    let gname = if g.meta.namespace == route_obj.meta.namespace { g.meta.name.clone() } else { format!("{}/{}", g.meta.namespace, g.meta.name) };
    let names = |ls: &[&Listener]| ls.iter().map(|l| l.name.as_str()).collect::<Vec<_>>().join(", ");
    // ParentReference.SectionName / Port: "When unspecified ... this will reference the entire
    // resource"; both set, a listener must match both
    let selected: Vec<&Listener> = gw.listeners.iter().filter(|l| p.section.as_ref().is_none_or(|s| *s == l.name) && p.port.is_none_or(|n| l.port == Some(n))).collect();
    if selected.is_empty() {
        let all: Vec<&Listener> = gw.listeners.iter().collect();
        let what = match (&p.section, p.port) {
            (Some(s), Some(n)) => format!("sectionName {s} and port {n}"),
            (Some(s), None) => format!("sectionName {s}"),
            (None, Some(n)) => format!("port {n}"),
            (None, None) => "it".to_string(),
        };
        return Err(Attach::Refused {
            reason: "NoMatchingParent",
            message: "No listeners match this parent ref",
            why: format!("Gateway {gname} has no listener matching {what} (its listeners: {})", if all.is_empty() { "none".to_string() } else { names(&all) }),
            hint: "sectionName names a listener of the Gateway (its `name`) and port is that listener's port".into(),
        });
    }
    // AllowedRoutes: kinds, then namespaces (RouteNamespaces.From, default Same)
    let ns = &route_obj.meta.namespace;
    let ns_object = objects.iter().find(|o| o.kind == "Namespace" && o.meta.name == *ns && !o.refused);
    let mut ns_labels = ns_object.map(|o| o.meta.labels.clone()).unwrap_or_default();
    // the API server's label on every Namespace (NamespaceDefaultLabelName, v1.22)
    ns_labels.retain(|(k, _)| k != "kubernetes.io/metadata.name");
    ns_labels.push(("kubernetes.io/metadata.name".into(), ns.clone()));
    let mut unknown = false;
    let allows_ns = |l: &Listener, unknown: &mut bool| match l.from.as_deref().unwrap_or("Same") {
        "All" => true,
        "Selector" => {
            let ok = super::cluster::selector_matches(l.selector.as_ref(), &ns_labels);
            if !ok && ns_object.is_none() {
                *unknown = true;
            }
            ok
        }
        // Same, and a value outside the CRD's enum (All, Selector, Same)
        _ => g.meta.namespace == *ns,
    };
    let allowed: Vec<&Listener> = selected.iter().copied().filter(|l| listener_takes_kind(l, &route_obj.kind) && allows_ns(l, &mut unknown)).collect();
    if allowed.is_empty() {
        if unknown {
            return Err(Attach::Unknown);
        }
        let l = selected[0];
        let (why, hint) = if !listener_takes_kind(l, &route_obj.kind) {
            let takes = if l.kinds.is_empty() { format!("protocol {} takes no {}", l.protocol, route_obj.kind) } else { format!("allowedRoutes.kinds lists {}", l.kinds.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>().join(", ")) };
            (format!("listener {} of Gateway {gname}: {takes}", l.name), format!("attach the route to {}, or add kind {} to the listener's allowedRoutes.kinds", listener_for_kind(&route_obj.kind), route_obj.kind))
        } else {
            match l.from.as_deref().unwrap_or("Same") {
                "Selector" => (
                    format!("listener {} of Gateway {gname} takes routes from namespaces whose labels match its allowedRoutes.namespaces.selector, and namespace {ns} does not match it", l.name),
                    format!("label namespace {ns} to match the listener's selector (kubectl label namespace {ns} KEY=VALUE)"),
                ),
                from => (
                    format!(
                        "listener {} of Gateway {gname} takes routes from its own namespace {} only (allowedRoutes.namespaces.from: {}), and this {} is in namespace {ns}",
                        l.name,
                        g.meta.namespace,
                        if l.from.is_none() { "Same, the default".to_string() } else { from.to_string() },
                        route_obj.kind
                    ),
                    format!("set allowedRoutes.namespaces.from: All (or Selector with a namespace selector) on the listener, or create the route in namespace {}", g.meta.namespace),
                ),
            }
        };
        return Err(Attach::Refused { reason: "NotAllowedByListeners", message: "No listeners included by this parent ref allowed this attachment.", why, hint });
    }
    // HTTPRouteSpec.Hostnames: "If both the Listener and HTTPRoute have specified hostnames, and
    // none match ..., then the HTTPRoute is not accepted"
    let takes_host = |l: &&&Listener| l.hostname.as_ref().is_none_or(|h| route.hostnames.is_empty() || route.hostnames.iter().any(|r| hostnames_intersect(h, r)));
    let taking: Vec<usize> = allowed.iter().filter(takes_host).filter_map(|f| gw.listeners.iter().position(|l| std::ptr::eq(l, *f))).collect();
    match taking.is_empty() {
        false => Ok((g, gw, taking)),
        true => Err(Attach::Refused {
            reason: "NoMatchingListenerHostname",
            message: no_hostname_message(&route_obj.kind),
            why: format!(
                "the route's hostnames {} meet no hostname of listener{} {} of Gateway {gname} ({})",
                route.hostnames.join(", "),
                if allowed.len() == 1 { "" } else { "s" },
                names(&allowed),
                allowed.iter().filter_map(|l| l.hostname.as_deref()).collect::<Vec<_>>().join(", ")
            ),
            hint: "a listener hostname *.example.com takes route hostnames under example.com (not example.com itself); drop the route's hostnames to take the listener's".into(),
        }),
    }
}

/// Whether a listener is programmed as far as its own fields tell: not when it terminates TLS
/// with a certificateRef no ReferenceGrant admits ([`listener_dead_cert`]). (A Gateway whose class
/// is missing serves on none of its listeners: [`listener_not_programmed`].)
fn listener_serves(objects: &[Object], g: &Object, l: &Listener) -> bool {
    listener_dead_cert(objects, g, l).is_none()
}

/// The certificateRef that keeps an HTTPS or TLS listener from being programmed, with its namespace.
fn listener_dead_cert<'a>(objects: &[Object], g: &Object, l: &'a Listener) -> Option<(&'a CertRef, String)> {
    if !matches!(l.protocol.to_ascii_uppercase().as_str(), "HTTPS" | "TLS") {
        return None;
    }
    cert_ref_not_permitted(objects, g, l)
}

/// Each parentRef's [`Attach`], in the route's order (computed once per route: the notes, the
/// path's words and its outcome read it).
fn attaches(objects: &[Object], o: &Object, route: &Route) -> Vec<Attach> {
    route.parents.iter().map(|p| attach(objects, o, route, p)).collect()
}

/// A warning per parentRef whose Gateway (in the input) does not accept the route.
pub fn parent_notes(objects: &[Object], diags: &mut Vec<Diagnostic>) {
    for (o, g) in gw_objects(objects) {
        let GatewayObject::Route(route) = g else { continue };
        let all = attaches(objects, o, route);
        let serving = served_elsewhere(objects, o, route, &all);
        for (p, a) in route.parents.iter().zip(all) {
            if let Attach::Refused { reason, message, why, hint } = a {
                let gets = match &serving {
                    Some(words) => words.clone(),
                    None if o.kind == "TLSRoute" => "this Gateway does not serve the route: it rejects the TLS connections for it (no route there matches their SNI)".to_string(),
                    None if o.kind == "TCPRoute" => "this Gateway does not serve the route: it rejects the TCP connections for it".to_string(),
                    None if o.kind == "UDPRoute" => "this Gateway does not serve the route: it drops the UDP datagrams for it".to_string(),
                    None => format!("this Gateway does not serve the route: it answers {} to requests for it", not_found_words(&o.kind)),
                };
                // the reason is the spec's (apis/v1/shared_types.go); the message is Envoy
                // Gateway's, which another class's controller words its own way (qa4 01: nginx)
                let words = match parent_gateway(objects, o, p).map(|(_, gw)| gw.class.as_str()).filter(|c| !c.is_empty() && !is_envoy_gateway_class(objects, c)) {
                    Some(c) => format!("Envoy Gateway's words; class {c}'s controller words its message its own way"),
                    None => "Envoy Gateway's words".to_string(),
                };
                diags.push(
                    Diagnostic::note(Severity::Warning, ErrorType::Resolution, "GatewayParentRef", format!("{}: Accepted False, reason {reason} (\"{message}\", {words}): {why}, so {gets}", p.field), p.pos)
                        .on(&o.id())
                        .at_field(&p.field)
                        .hint(hint),
                );
            }
        }
    }
}

/// Who serves a route one of whose parentRefs is refused: the first accepting parentRef, named as
/// what it is (qa7 17, kubernetes-sigs/aws-load-balancer-controller#4499: two parentRefs to two
/// listeners of one Gateway, one refused, read "another parentRef's Gateway serves it" where the
/// same Gateway serves it on its other listener). None when no parentRef accepts it.
fn served_elsewhere(objects: &[Object], o: &Object, route: &Route, all: &[Attach]) -> Option<String> {
    let (p, li) = route.parents.iter().zip(all).find_map(|(p, a)| match a {
        Attach::Accepted(li) => Some((p, *li)),
        _ => None,
    })?;
    let Some((g, gw)) = parent_gateway(objects, o, p) else { return Some(format!("{} serves it", p.field)) };
    let listener = gw.listeners.get(li).map(|l| format!("listener {}", l.name)).unwrap_or_default();
    // a refused parentRef naming the same Gateway: its other listener
    let same = route.parents.iter().zip(all).any(|(q, a)| matches!(a, Attach::Refused { .. }) && parent_gateway(objects, o, q).is_some_and(|(h, _)| std::ptr::eq(h, g)));
    Some(if same {
        format!("{} ({listener} of the same Gateway {}) takes the route and serves it", p.field, g.meta.name)
    } else {
        format!("{} (Gateway {}, {listener}) takes the route and serves it", p.field, g.meta.name)
    })
}

/// What a Gateway answers to a request no attached route matches: "HTTP returns a 404 status
/// code, while gRPC returns an Unimplemented status code" (apis/v1/gateway_types.go Listener).
fn not_found_words(kind: &str) -> &'static str {
    if kind == "GRPCRoute" {
        "gRPC status UNIMPLEMENTED"
    } else {
        "HTTP 404"
    }
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
    grant_allows(objects, &route.kind, &route.meta.namespace, (&b.group, &b.kind, &b.name), ns)
}

/// Whether a ReferenceGrant of the input in namespace `ns` admits a reference from a
/// gateway.networking.k8s.io object of kind `from_kind` in namespace `from_ns` to the object
/// (group, kind, name) in `ns` (apis/v1beta1 referencegrant_types.go: the grant lives in the
/// target's namespace; `to.name` empty admits every object of that group and kind). Shared by
/// routes' backendRefs and Gateways' certificateRefs.
fn grant_allows(objects: &[Object], from_kind: &str, from_ns: &str, to: (&str, &str, &str), ns: &str) -> bool {
    let (group, kind, name) = to;
    gw_objects(objects).any(|(o, g)| {
        let GatewayObject::Grant(g) = g else { return false };
        o.meta.namespace == ns
            && g.from.iter().any(|(gr, k, n)| gr == GROUP && k == from_kind && n == from_ns)
            && g.to.iter().any(|(gr, k, nm)| gr == group && k == kind && nm.as_deref().is_none_or(|n| n == name))
    })
}

/// The first certificateRef of listener `l` of Gateway `g` that names a Secret in another
/// namespace no ReferenceGrant of the input admits: the listener's ResolvedRefs is False with
/// reason RefNotPermitted (apis/v1 gateway_types.go ListenerTLSConfig.CertificateRefs: "If a
/// ReferenceGrant does not allow this reference, the \"ResolvedRefs\" condition MUST be set to
/// False for this listener with the \"RefNotPermitted\" reason"; envoyproxy/gateway
/// internal/gatewayapi/listener.go: "Certificate ref to secret %s/%s not permitted by any
/// ReferenceGrant."), and the implementation programs no such listener: its port refuses
/// connections (nginx-gateway-fabric's and Envoy Gateway's guides: "Connection refused").
pub fn cert_ref_not_permitted<'a>(objects: &[Object], g: &Object, l: &'a Listener) -> Option<(&'a CertRef, String)> {
    l.cert_refs.iter().find_map(|c| {
        let ns = c.namespace.clone().filter(|ns| *ns != g.meta.namespace)?;
        (!grant_allows(objects, "Gateway", &g.meta.namespace, (&c.group, &c.kind, &c.name), &ns)).then_some((c, ns))
    })
}

/// A warning per Gateway listener whose certificateRef into another namespace no ReferenceGrant
/// admits ([`cert_ref_not_permitted`]).
pub fn listener_notes(objects: &[Object], diags: &mut Vec<Diagnostic>) {
    for (o, g) in gw_objects(objects) {
        let GatewayObject::Gateway(gw) = g else { continue };
        for l in &gw.listeners {
            if !matches!(l.protocol.to_ascii_uppercase().as_str(), "HTTPS" | "TLS") {
                continue;
            }
            let Some((c, ns)) = cert_ref_not_permitted(objects, o, l) else { continue };
            let what = if c.group.is_empty() { c.kind.clone() } else { format!("{}.{}", c.kind, c.group) };
            let port = l.port.map(|p| format!(" ({p})")).unwrap_or_default();
            diags.push(
                Diagnostic::note(
                    Severity::Warning,
                    ErrorType::Resolution,
                    "GatewayListenerRefNotPermitted",
                    format!(
                        "{}: listener {} ResolvedRefs False, reason RefNotPermitted (\"Certificate ref to secret {ns}/{} not permitted by any ReferenceGrant.\", Envoy Gateway's words): {what} {ns}/{} is in another namespace than Gateway {}, and no ReferenceGrant in namespace {ns} in this input allows a Gateway of namespace {} to refer to it, so the listener is not programmed (Programmed False) and serves none of its routes: where no other listener serves its port{port}, connections are refused",
                        c.field, l.name, c.name, c.name, o.meta.name, o.meta.namespace
                    ),
                    c.pos,
                )
                .on(&o.id())
                .at_field(&c.field)
                .hint(format!(
                    "create a ReferenceGrant in namespace {ns} with from: [{{group: {GROUP}, kind: Gateway, namespace: {}}}] and to: [{{group: \"{}\", kind: {}, name: {}}}], or put the Secret in namespace {}",
                    o.meta.namespace, c.group, c.kind, c.name, o.meta.namespace
                )),
            );
        }
    }
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
        // the input's Service of that name in another namespace: the one meant (qa9 08, as an
        // Ingress's backend): a backendRef without namespace is the route's own
        // (BackendObjectReference.Namespace "When unspecified, the local namespace is inferred")
        let mut elsewhere: Vec<&str> = services.iter().filter(|s| s.name == b.name && s.namespace != ns && !s.rejected).map(|s| s.namespace.as_str()).collect();
        elsewhere.dedup();
        let why = match elsewhere.first() {
            Some(other) => format!(
                "Service {ns}/{} does not exist in this input; the input's Service {} is in namespace {}: set namespace: {other} on this backendRef, with a ReferenceGrant in namespace {other} that allows {} of namespace {} to refer to Services",
                b.name, b.name, elsewhere.join(", "), route.kind, route.meta.namespace
            ),
            None => format!("Service {ns}/{} does not exist in this input", b.name),
        };
        return Resolved::Invalid { reason: "BackendNotFound", why, service: None };
    };
    let s = &services[i];
    let Some(port) = b.port else {
        // BackendObjectReference.Port: "Port is required when the referent is a Kubernetes
        // Service" (Envoy Gateway: PortNotSpecified)
        return Resolved::Invalid { reason: "PortNotSpecified", why: format!("the backendRef names no port, which is required for a Service (the Service's port, not the pods' targetPort; Service {} has {})", s.name, ports_of(s)), service: Some(i) };
    };
    // (an ExternalName Service: implementation-specific support; Envoy Gateway refuses it)
    // (a UDPRoute's backend is the Service's UDP port: Envoy Gateway validate.go
    // validateBackendRefService matches the port's protocol to the route's)
    let proto = if route.kind == "UDPRoute" { "UDP" } else { "TCP" };
    match s.ports.iter().position(|p| p.port == port && p.protocol == proto) {
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
/// [`share`] in a route kind's words: a TLSRoute forwards connections, not requests.
fn share_in(kind: &str, rule: &Rule, j: usize) -> (f64, String) {
    let (f, words) = share(rule, j);
    (f, words.replace("requests", units(kind)))
}

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
    // {:.0} through core::decimal::fixed (the same text): std's float printing (Grisu, Dragon and
    // their tables, ~11 KB of wasm before gzip) had come back into the bundle for this one line
    (f, format!("{}% of the rule's requests (weight {w} of {total})", super::decimal::fixed(f * 100.0, 0)))
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

/// What the Gateway does with the share `words` of a rule's traffic that goes to an invalid
/// backendRef: answers [`status_words`] to it, or for a TLSRoute rejects the connections
/// (tlsroute_types.go TLSRouteRule.BackendRefs: "If unspecified or invalid (refers to a
/// nonexistent resource or a Service with no endpoints), the rule performs no forwarding; ... the
/// underlying implementation must actively reject request attempts to this backend, by rejecting
/// the connection. Request rejections must respect weight").
fn answer(kind: &str, words: &str) -> String {
    if kind == "TLSRoute" {
        format!("rejects {words} (it closes the TLS connection)")
    } else if kind == "TCPRoute" {
        // tcproute_types.go TCPRouteRule.BackendRefs: "MUST actively reject connection attempts
        // to this backend. Connection rejections must respect weight"
        format!("rejects {words} (it closes the TCP connection)")
    } else if kind == "UDPRoute" {
        // udproute_types.go UDPRouteRule.BackendRefs: "Packet drops must respect weight"
        format!("drops {words}")
    } else {
        format!("answers {} to {words}", status_words(kind))
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
                let (f, words) = share_in(&o.kind, rule, j);
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
                            format!("{}: {why}: not followed here; an implementation that does not support it sets ResolvedRefs False, reason InvalidKind, and {}", b.field, answer(&o.kind, &words)),
                            b.pos,
                        )
                        .on(&id)
                        .at_field(&b.field),
                    ),
                    // a namespace of which the input has no Service at all: a partial input (the
                    // route alone), not a wrong name
                    Resolved::Invalid { reason: "BackendNotFound", why, .. } if !services.iter().any(|s| s.namespace == b.namespace.as_deref().unwrap_or(&o.meta.namespace) || (s.name == b.name && !s.rejected)) => diags.push(
                        Diagnostic::note(
                            Severity::Info,
                            ErrorType::Resolution,
                            "GatewayBackendRef",
                            format!("{}: {why} (nor any Service of that namespace: paste it too to follow this route); if the cluster has none either, the route's ResolvedRefs is False, reason BackendNotFound, and the Gateway {}", b.field, answer(&o.kind, &words)),
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
                        let gets = if f > 0.0 { format!("the Gateway {}", answer(&o.kind, &words)) } else { format!("it gets no {} (weight 0)", units(&o.kind)) };
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
        // (a route no Gateway accepts sends nowhere: parent_notes says why)
        let attached = attaches(objects, o, route);
        if !working.is_empty() && not_served(o, route, &attached).is_none() {
            // accepted, but on a listener that is not programmed or by a Gateway no controller
            // manages: the path is Rejected there (fidfix22), and so are these words
            let mut msg = match listener_not_programmed(objects, o, route, &attached) {
                Some(dead) => format!("the Gateway serves none of this route's requests, so they reach none of its backendRefs ({}): {dead}", working.join("; ")),
                None => format!("the Gateway sends {}", working.join("; ")),
            };
            if let Some(each) = parent_statuses(objects, o, route, &attached) {
                msg.push_str(&each);
            }
            diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "GatewayRoutes", msg, o.source.pos).on(&id));
        }
    }
}

/// Each parentRef's own status, for a route with several (fidfix23): gateway-api
/// apis/v1/shared_types.go RouteStatus.Parents — "the status of the route with respect to each
/// parent", one RouteParentStatus per parentRef, each with its own Accepted condition. The path
/// goes through the first accepting one ([`gateway_words`]); every other accepting Gateway serves
/// the route's requests at its own address too. None with one parentRef (the path says it all).
fn parent_statuses(objects: &[Object], o: &Object, route: &Route, attached: &[Attach]) -> Option<String> {
    if route.parents.len() < 2 {
        return None;
    }
    let first = attached.iter().position(|a| matches!(a, Attach::Accepted(_)));
    let each: Vec<String> = route
        .parents
        .iter()
        .zip(attached)
        .enumerate()
        .map(|(i, (p, a))| {
            let ns = p.namespace.as_deref().unwrap_or(&o.meta.namespace);
            let shown = if ns == o.meta.namespace { p.name.clone() } else { format!("{ns}/{}", p.name) };
            let words = match a {
                Attach::Accepted(li) => {
                    let found = parent_gateway(objects, o, p);
                    let listener = found.and_then(|(_, gw)| gw.listeners.get(*li));
                    let on = listener.map(|l| format!(" on listener {} ({} on port {})", l.name, l.protocol, l.port.map(|n| n.to_string()).unwrap_or_default())).unwrap_or_default();
                    let serves = match found {
                        Some((_, gw)) if matches!(class_controller(objects, &gw.class), Some(None)) => format!(", but its gatewayClassName \"{}\" names no GatewayClass of this input, so no controller serves it there", gw.class),
                        Some((g, _)) if listener.is_some_and(|l| !listener_serves(objects, g, l)) => ", but that listener is not programmed (ResolvedRefs False, reason RefNotPermitted), so it serves none of the route's requests there".to_string(),
                        _ if first == Some(i) => ": the path shown goes through it".to_string(),
                        _ => ": it serves the route's requests too, at its own address".to_string(),
                    };
                    format!("Accepted True{on}{serves}")
                }
                Attach::Refused { reason, why, .. } => format!("Accepted False, reason {reason}: {why}"),
                Attach::Unknown if p.kind != "Gateway" || p.group != GROUP => format!("a {} ({}), not a Gateway: not judged here", p.kind, p.group),
                Attach::Unknown if parent_gateway(objects, o, p).is_none() => "not in the input: its status is not known here".to_string(),
                Attach::Unknown => format!("not judged here: the route's namespace {} is not in the input, and the listener's namespace selector needs its labels", o.meta.namespace),
            };
            let what = if p.kind == "Gateway" && p.group == GROUP { format!("Gateway {shown}") } else { format!("{} {shown}", p.kind) };
            format!("{} ({what}): {words}", p.field)
        })
        .collect();
    Some(format!(". Each parentRef has its own status (RouteStatus.parents, one RouteParentStatus per parentRef): {}", each.join("; ")))
}

/// The drawn box of a route's Gateway on its paths: `external:` + this.
pub fn gateway_box(gateway: &str) -> String {
    format!("gateway/{gateway}")
}

/// A drawn `external` box's name is a Gateway's ([`gateway_box`]).
/// The Gateway box's words on the diagram (the page's title of `external:gateway/<gw>`): what its
/// proxy sends to the Service's endpoints, by the kinds of the routes that reach the Service
/// through it (fidfix26 5, review24: "each request" was said for TCPRoute/UDPRoute/TLSRoute too).
/// HTTPRoute and GRPCRoute match requests; TLSRoute and TCPRoute forward connections
/// (tlsroute_types.go, tcproute_types.go: "connection attempts"); UDPRoute forwards datagrams
/// (udproute_types.go: "Packet drops must respect weight").
pub fn gateway_box_title(svc: Option<&super::report::ServiceReport>, gw: &str) -> String {
    let boxed = format!("external:gateway/{gw}");
    let mut units: Vec<&str> = Vec::new();
    for p in svc.into_iter().flat_map(|s| &s.paths).filter(|p| p.entry == super::paths::Entry::HttpRoute && p.hops.first().is_some_and(|h| h.to == boxed)) {
        let unit = match p.route_kind.as_deref() {
            Some("TLSRoute" | "TCPRoute") => "each connection",
            Some("UDPRoute") => "each datagram",
            _ => "each request",
        };
        if !units.contains(&unit) {
            units.push(unit);
        }
    }
    if units.is_empty() {
        units.push("each request");
    }
    let matches = if units == ["each request"] { "matches the routes attached to it and sends" } else { "takes the routes attached to it and sends" };
    format!("Gateway {gw}: its proxy {matches} {} to the Service's endpoints itself", units.join(" and "))
}

pub fn is_gateway_box(name: &str) -> bool {
    name.starts_with("gateway/")
}

/// What [`gateway_words`] tells of the Gateway beyond words: the listener's protocol and the
/// Gateway's class, when the input has them.
#[derive(Default)]
struct GatewayFacts {
    protocol: Option<String>,
    class: Option<String>,
    /// the class is Envoy Gateway's ([`is_envoy_gateway_class`])
    envoy: bool,
    /// the listener's tls.mode as written
    tls_mode: Option<String>,
}

/// The Gateway a route's first parentRef names, in words, with its listener and address when the
/// input has it: (box name, words, front address, its listener's protocol and class).
fn gateway_words(objects: &[Object], o: &Object, route: &Route, attached: &[Attach]) -> (String, String, String, GatewayFacts) {
    // the parentRef whose Gateway accepts the route, else the first of kind Gateway
    let accepted = route.parents.iter().zip(attached).find_map(|(p, a)| match a {
        Attach::Accepted(l) => Some((p, Some(*l))),
        _ => None,
    });
    let Some((p, listener)) = accepted.or_else(|| route.parents.iter().find(|p| p.kind == "Gateway" && p.group == GROUP).map(|p| (p, None))) else {
        return (gateway_box("?"), "no Gateway: the route has no parentRef of kind Gateway, so no Gateway serves it".into(), "gateway:80".into(), GatewayFacts::default());
    };
    let ns = p.namespace.clone().unwrap_or_else(|| o.meta.namespace.clone());
    let found = parent_gateway(objects, o, p).map(|(_, gw)| gw);
    let shown = if ns == o.meta.namespace { p.name.clone() } else { format!("{ns}/{}", p.name) };
    match found {
        None => (gateway_box(&shown), format!("a Gateway named {shown}, not in the input (its listeners and address are not known here)"), format!("{}:80", p.name), GatewayFacts::default()),
        Some(gw) => {
            let listener = listener.and_then(|i| gw.listeners.get(i)).or_else(|| gw.listeners.iter().find(|l| p.section.as_ref().is_none_or(|s| *s == l.name) && p.port.is_none_or(|n| l.port == Some(n))));
            let addr = gw.addresses.first().cloned().unwrap_or_else(|| p.name.clone());
            let port = listener.and_then(|l| l.port).unwrap_or(80);
            let l = match listener {
                Some(l) => format!(", listener {} ({} on port {}{})", l.name, l.protocol, l.port.map(|p| p.to_string()).unwrap_or_default(), l.hostname.as_ref().map(|h| format!(", hostname {h}")).unwrap_or_default()),
                None if p.section.is_some() => format!(", but it has no listener named {}", p.section.as_deref().unwrap_or_default()),
                None => String::new(),
            };
            let class = if gw.class.is_empty() { String::new() } else { format!(" of class {}", gw.class) };
            let facts = GatewayFacts {
                protocol: listener.map(|l| l.protocol.clone()),
                class: Some(gw.class.clone()).filter(|c| !c.is_empty()),
                envoy: is_envoy_gateway_class(objects, &gw.class),
                tls_mode: listener.and_then(|l| l.tls_mode.clone()),
            };
            (gateway_box(&shown), format!("Gateway {shown}{class}{l}"), super::config::host_port(&addr, port), facts)
        }
    }
}

/// The listeners that narrow a path's hosts (names) and their hostnames, in the same order.
type ListenerHosts = (Vec<String>, Vec<String>);

/// The hostnames a request carries to reach the route through the listener its path goes through
/// (the first accepting parentRef's, as [`gateway_words`] shows it), and that listener's hostname
/// when it narrows them. kubernetes-sigs/gateway-api apis/v1/gateway_types.go Listener.Hostname:
/// "When unspecified, all hostnames are matched" (so a listener with one matches only it; it
/// applies to HTTP, HTTPS and TLS listeners); apis/v1/httproute_types.go HTTPRouteSpec.Hostnames:
/// route hostnames that do not match the listener's "MUST be ignored", and a route with none
/// takes the listener's (qa7 20: nginx/nginx-gateway-fabric#606).
fn request_hosts(objects: &[Object], o: &Object, route: &Route, attached: &[Attach]) -> (Vec<String>, Option<ListenerHosts>) {
    let first = route.parents.iter().zip(attached).find_map(|(p, a)| match a {
        Attach::Accepted(l) => parent_gateway(objects, o, p).and_then(|(g, gw)| gw.listeners.get(*l).map(|_| (g, gw, *l))),
        _ => None,
    });
    let Some((g0, gw0, li)) = first else { return (route.hostnames.clone(), None) };
    let l0 = &gw0.listeners[li];
    // review23: every serving listener of that Gateway on the path's port and protocol that
    // takes the route also routes it (a parentRef without sectionName attaches to each listener
    // that takes it: shared_types.go ParentReference.SectionName; another parentRef may name
    // another listener), each with its own hostname: the request hosts are their union
    let mut ls: Vec<&Listener> = vec![l0];
    for (p, a) in route.parents.iter().zip(attached) {
        if !matches!(a, Attach::Accepted(_)) {
            continue;
        }
        if let Ok((g, gw, taking)) = taking_listeners(objects, o, route, p) {
            if !std::ptr::eq(g, g0) {
                continue;
            }
            for l in taking.iter().map(|&i| &gw.listeners[i]) {
                if !ls.iter().any(|x| std::ptr::eq(*x, l)) && l.port == l0.port && l.protocol.eq_ignore_ascii_case(&l0.protocol) && listener_serves(objects, g, l) {
                    ls.push(l);
                }
            }
        }
    }
    let hostname_of = |l: &Listener| l.hostname.clone().filter(|_| matches!(l.protocol.to_ascii_uppercase().as_str(), "HTTP" | "HTTPS" | "TLS"));
    // a listener without a hostname takes every route hostname (or any host): no narrowing
    let Some(hs) = ls.iter().map(|l| hostname_of(l)).collect::<Option<Vec<String>>>() else {
        return (route.hostnames.clone(), None);
    };
    let names: Vec<String> = ls.iter().map(|l| l.name.clone()).collect();
    let mut hosts: Vec<String> = Vec::new();
    for h in &hs {
        if route.hostnames.is_empty() {
            if !hosts.contains(h) {
                hosts.push(h.clone());
            }
            continue;
        }
        // the narrower of the two names that intersect
        for r in route.hostnames.iter().filter(|r| hostnames_intersect(h, r)) {
            let narrow = match (h.starts_with("*."), r.starts_with("*.")) {
                (true, false) => r.clone(),
                (false, true) => h.clone(),
                _ if r.len() >= h.len() => r.clone(),
                _ => h.clone(),
            };
            if !hosts.contains(&narrow) {
                hosts.push(narrow);
            }
        }
    }
    (hosts, Some((names, hs)))
}

/// The words of a path of a route no Gateway of the input accepts (none Accepted, at least one
/// Refused, none unknown), for the path's reason and Why: None when it is served or unknown.
pub fn not_served(o: &Object, route: &Route, attached: &[Attach]) -> Option<String> {
    let all: Vec<(&ParentRef, &Attach)> = route.parents.iter().zip(attached).collect();
    if all.is_empty() || all.iter().any(|(_, a)| !matches!(a, Attach::Refused { .. })) {
        return None;
    }
    let why = all
        .iter()
        .filter_map(|(p, a)| match a {
            Attach::Refused { reason, why, .. } => Some(format!("{}: Accepted False, reason {reason}: {why}", p.field)),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("; ");
    match o.kind.as_str() {
        "TLSRoute" => return Some(format!("{NOT_SERVED} {}: the Gateway rejects its TLS connections, no route there matching their SNI ({why})", o.meta.name)),
        "TCPRoute" => return Some(format!("{NOT_SERVED} {}: the Gateway rejects its TCP connections ({why})", o.meta.name)),
        "UDPRoute" => return Some(format!("{NOT_SERVED} {}: the Gateway drops its UDP datagrams ({why})", o.meta.name)),
        _ => {}
    }
    Some(format!("{NOT_SERVED} {}: the Gateway answers {} to its requests ({why})", o.meta.name, not_found_words(&o.kind)))
}

/// The words of a path whose Gateway accepts the route on a listener that is not programmed: its
/// certificateRef into another namespace is not admitted ([`cert_ref_not_permitted`]), so the
/// client's TLS connection finds nothing there. The first accepting parentRef, as
/// [`gateway_words`] shows it.
fn listener_not_programmed(objects: &[Object], o: &Object, route: &Route, attached: &[Attach]) -> Option<String> {
    let (p, li) = route.parents.iter().zip(attached).find_map(|(p, a)| match a {
        Attach::Accepted(l) => Some((p, *l)),
        _ => None,
    })?;
    let (g, gw) = parent_gateway(objects, o, p)?;
    if let Some(None) = class_controller(objects, &gw.class) {
        return Some(format!(
            "Gateway {}{NO_CONTROLLER}its gatewayClassName \"{}\" names no GatewayClass of this input (Accepted Unknown, reason Pending), so nothing answers at its address",
            g.meta.name, gw.class
        ));
    }
    let l = gw.listeners.get(li)?;
    let (c, ns) = listener_dead_cert(objects, g, l)?;
    // the route names no sectionName and attaches to several listeners: none of them serves
    // ([`attach`] picks a serving one when there is one)
    let others: Vec<&str> = match taking_listeners(objects, o, route, p) {
        Ok((_, _, taking)) => taking.iter().filter(|&&i| i != li).map(|&i| gw.listeners[i].name.as_str()).collect(),
        Err(_) => Vec::new(),
    };
    let none = match others.len() {
        0 => String::new(),
        1 => format!("; the route's other listener there, {}, is not programmed either, so no listener of the Gateway serves the route", others[0]),
        _ => format!("; nor are the route's other listeners there ({}), so no listener of the Gateway serves the route", others.join(", ")),
    };
    Some(format!(
        "listener {} of Gateway {}{LISTENER_DEAD}{}: no ReferenceGrant in namespace {ns} admits the Gateway's reference to Secret {ns}/{}), so the client's connection to port {} finds no listener there and is refused{none}",
        l.name,
        g.meta.name,
        c.field,
        c.name,
        l.port.map(|p| p.to_string()).unwrap_or_default()
    ))
}

/// Words [`listener_not_programmed`] writes into a path's reason: the listener is not programmed,
/// or no controller manages the Gateway.
const LISTENER_DEAD: &str = " is not programmed (ResolvedRefs False, reason RefNotPermitted: ";
const NO_CONTROLLER: &str = " is managed by no controller: ";

/// Whether a path's reason is [`listener_not_programmed`]'s: the Gateway accepts the route but
/// serves none of its requests (the Gateway box's caption follows it; fidfix22).
pub fn not_serving(reason: &str) -> bool {
    (reason.starts_with("listener ") && reason.contains(LISTENER_DEAD)) || (reason.starts_with("Gateway ") && reason.contains(NO_CONTROLLER))
}

/// The start of a path reason [`not_served`] wrote (Why tells it from a backendRef's failure).
pub const NOT_SERVED: &str = "no Gateway accepts route";

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
        let attached = attaches(objects, o, route);
        let (gbox, gwords, front, facts) = gateway_words(objects, o, route, &attached);
        // a route no Gateway accepts is not routed at all: the Gateway's 404 (its Accepted
        // condition, core::gateway::attach), whatever its backendRefs
        let unserved = not_served(o, route, &attached);
        // (accepted, but on a listener whose certificate is not admitted: not programmed)
        let dead = if unserved.is_none() { listener_not_programmed(objects, o, route, &attached) } else { None };
        let gbox = format!("external:{gbox}");
        let (req_hosts, narrowed) = request_hosts(objects, o, route, &attached);
        let host = req_hosts.first().cloned();
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
                let (f, words) = share_in(&o.kind, rule, j);
                let s = &services[i];
                let osrc = super::config::host_port(super::paths::outside_ip_for(s.cluster_ip.as_deref()), 51000);
                let hosts = match &narrowed {
                    None if req_hosts.is_empty() => "any host".to_string(),
                    None => format!("host {}", req_hosts.join(" or ")),
                    Some((ls, hs)) if route.hostnames.is_empty() && ls.len() == 1 => {
                        let (l, h) = (&ls[0], &hs[0]);
                        format!("host {h} only (the route names no hostnames, so it takes listener {l}'s hostname {h}: a request for another host does not match the listener)")
                    }
                    Some((ls, _)) if route.hostnames.is_empty() => {
                        format!("host {} only (the route names no hostnames, so it takes the hostname of each of its listeners {}: a request for another host matches none of them)", req_hosts.join(" or "), ls.join(", "))
                    }
                    Some((ls, hs)) => {
                        let ignored: Vec<&str> = route.hostnames.iter().filter(|r| !hs.iter().any(|h| hostnames_intersect(h, r))).map(String::as_str).collect();
                        let whose = match ls.len() {
                            1 => format!("listener {}'s hostname {}", ls[0], hs[0]),
                            _ => format!("the hostnames of its listeners {} ({})", ls.join(", "), hs.join(", ")),
                        };
                        if ignored.is_empty() {
                            format!("host {}", req_hosts.join(" or "))
                        } else {
                            format!("host {} (the route's hostnames {} do not match {whose}, so they are ignored there)", req_hosts.join(" or "), ignored.join(", "))
                        }
                    }
                };
                let matched = if rule.matches.is_empty() { "every path (no matches: PathPrefix /)".to_string() } else { rule.matches.join(" or ") };
                let url = format!("{}://{}/", url_scheme(&o.kind, facts.protocol.as_deref()), host.as_deref().unwrap_or("<the Gateway's address>"));
                let tls = is_l4(&o.kind);
                let first = Hop {
                    kind: HopKind::Send,
                    from: "client:outside".into(),
                    to: gbox.clone(),
                    src: osrc.clone(),
                    dst: front.clone(),
                    rewritten: None,
                    explanation: if tls {
                        if o.kind == "TLSRoute" {
                            tls_first_words(o, rule, b, &gwords, host.as_deref(), &hosts, &words, &facts, dead.as_deref(), unserved.is_some())
                        } else {
                            l4_first_words(o, rule, b, &gwords, &words, dead.as_deref(), unserved.is_some())
                        }
                    } else if let Some(d) = &dead {
                        format!("The client connects for {url} to {gwords}, the parent of {} {}, which takes the route; but {d}", o.kind, o.meta.name)
                    } else if unserved.is_some() {
                        format!("The client sends a request for {url} to {gwords}. {} {} names it as its parent, but the Gateway does not accept the route, so none of its rules is there to match the request", o.kind, o.meta.name)
                    } else {
                        format!(
                            "The client sends a request for {url} to {gwords}, the parent of {} {}. The Gateway matches {hosts}, {} {matched} → backendRef Service {} port {} ({words})",
                            o.kind,
                            o.meta.name,
                            rule.field,
                            b.name,
                            b.port.map(|p| p.to_string()).unwrap_or_else(|| "(none)".into())
                        )
                    },
                    src_rewritten: None,
                };
                let port = match &resolved {
                    Resolved::Ok { port, .. } => Some(s.ports[*port].clone()),
                    _ => None,
                };
                let mut path = Path {
                    route_kind: Some(o.kind.clone()),
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
                let code = answer(&o.kind, &words);
                let reject = |path: &mut Path, why: String| {
                    path.hops.push(Hop { kind: HopKind::Reject, from: gbox.clone(), to: "client:outside".into(), src: osrc.clone(), dst: front.clone(), rewritten: None, explanation: why.clone(), src_rewritten: None });
                    path.outcome = Outcome::Rejected;
                    path.reason = why;
                };
                match (&resolved, &port) {
                    _ if unserved.is_some() => reject(&mut path, unserved.clone().unwrap_or_default()),
                    _ if dead.is_some() => reject(&mut path, dead.clone().unwrap_or_default()),
                    (Resolved::Invalid { reason, why, .. }, _) => reject(
                        &mut path,
                        format!("the Gateway {code}: the backendRef is invalid (ResolvedRefs False, reason {reason}): {why}"),
                    ),
                    (Resolved::Ok { .. }, Some(sp)) => {
                        let ready = super::ingress::ready_backends(s, sp, f);
                        if ready.is_empty() {
                            // HTTPRouteRule.BackendRefs: "When a HTTPBackendRef refers to a Service
                            // that has no ready endpoints, implementations SHOULD return a 503"
                            let answers = if tls { code.clone() } else { format!("answers 503 to {words}") };
                            reject(&mut path, format!("the Gateway {answers}: Service {} has no ready endpoints for port {}", s.name, sp.port));
                        } else {
                            let n = ready.len();
                            path.backends = ready;
                            let b0 = path.backends[0].clone();
                            let target = super::config::host_port(&b0.ip, b0.port);
                            let all = path.backends.iter().map(|b| super::config::host_port(&b.ip, b.port)).collect::<Vec<_>>().join(", ");
                            let pod = b0.pod.clone().unwrap_or_else(|| b0.ip.clone());
                            // a BackendTLSPolicy on the Service (fidfix26 6): for HTTPRoute,
                            // GRPCRoute and a terminating TLSRoute (BackendTLSPolicySpec.TargetRefs
                            // support levels), not TCP/UDP or passthrough
                            let tls_to_pod = (!(matches!(o.kind.as_str(), "TCPRoute" | "UDPRoute") || (tls && passthrough(&facts))))
                                .then(|| backend_tls(objects, &s.namespace, &s.name, sp.name.as_deref()))
                                .flatten()
                                .map(|(po, t)| backend_tls_words(po, t));
                            path.hops.push(Hop {
                                kind: HopKind::Forward,
                                from: gbox.clone(),
                                to: format!("pod:{pod}"),
                                src: "gateway".into(),
                                dst: target.clone(),
                                rewritten: None,
                                explanation: if tls {
                                    // (a UDPRoute carries datagrams: no connection, no TCP;
                                    // udproute_types.go UDPRouteRule.BackendRefs: review24)
                                    let udp = o.kind == "UDPRoute";
                                    format!(
                                        "The Gateway's proxy forwards {} to the Service's endpoints directly on the targetPort, not through its clusterIP ({}): port {} of Service {} is targetPort {}, and it balances {} over {} itself ({all}); here {pod}. {} {}, so kube-proxy is not in this path and the pod sees the proxy's address",
                                        if udp { "the datagrams" } else { "the connection's bytes" },
                                        endpoint_routing_words(facts.class.as_deref(), facts.envoy),
                                        sp.port,
                                        s.name,
                                        sp.target_port,
                                        if udp { "them" } else { "each connection" },
                                        super::report::count(n, "ready endpoint", "ready endpoints"),
                                        if o.kind == "TCPRoute" {
                                            "The bytes are the client's, as they came (TCP proxying: no HTTP, no TLS here).".to_string()
                                        } else if o.kind == "UDPRoute" {
                                            "Each datagram is sent on as it came (UDP proxying).".to_string()
                                        } else if passthrough(&facts) {
                                            "The stream is still the client's TLS: the pod terminates TLS itself, with its own certificate for the SNI name.".to_string()
                                        } else {
                                            // (BackendTLSPolicySpec.TargetRefs: "TLSRoute with termination")
                                            tls_to_pod.clone().map_or_else(|| "The Gateway terminated TLS, so the stream is plain TCP unless a BackendTLSPolicy makes the Gateway open TLS to the pod.".to_string(), |w| format!("The Gateway terminated TLS; {w}."))
                                        },
                                        if udp { "It sends them from its own socket" } else { "It opens its own TCP connection" }
                                    )
                                } else {
                                    format!(
                                    "The Gateway's proxy sends to the Service's endpoints directly on the targetPort, not through its clusterIP ({}): port {} of Service {} is targetPort {}, and it balances each request over {} itself ({all}); here {pod}. It opens its own connection, so kube-proxy is not in this path and the pod sees the proxy's address{}",
                                    endpoint_routing_words(facts.class.as_deref(), facts.envoy),
                                    sp.port,
                                    s.name,
                                    sp.target_port,
                                    super::report::count(n, "ready endpoint", "ready endpoints"),
                                    tls_to_pod.as_ref().map(|w| format!(". {w}")).unwrap_or_default()
                                    )
                                },
                                src_rewritten: None,
                            });
                            path.reason = format!("via the Gateway: {}; first pick {pod}", super::report::count(n, "endpoint", "endpoints"));
                            if b0.declared == Some(false) {
                                path.outcome = Outcome::UndeclaredPort;
                                path.reason = super::paths::proxied_undeclared(&b0);
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

/// Whether the path's listener passes TLS through (tls.mode: Passthrough); a TLS listener with no
/// mode terminates (`+kubebuilder:default=Terminate`).
fn passthrough(facts: &GatewayFacts) -> bool {
    facts.tls_mode.as_deref() == Some("Passthrough")
}

/// The first hop of a TLSRoute's path (fidfix25; qa8 10, envoyproxy/gateway#402): the client's TLS
/// connection to the Gateway, whose listener reads the SNI of the ClientHello and matches it
/// against the route's hostnames (tlsroute_types.go TLSRouteSpec.Hostnames: "SNI hostnames that
/// should match against the SNI attribute of TLS ClientHello message"); a TLSRouteRule has no
/// matches, only backendRefs. In Passthrough mode the Gateway "can't decipher the TLS stream
/// except for the ClientHello message" (gateway_types.go TLSModePassthrough); a TLSRoute on a
/// Terminate listener is Extended support (TLSRouteSpec: feature TLSRouteTermination).
#[allow(clippy::too_many_arguments)]
fn tls_first_words(o: &Object, rule: &Rule, b: &BackendRef, gwords: &str, host: Option<&str>, hosts: &str, words: &str, facts: &GatewayFacts, dead: Option<&str>, unserved: bool) -> String {
    let sni = match host {
        Some(h) if h.starts_with("*.") => format!("an SNI name under {}", &h[2..]),
        Some(h) => format!("SNI {h}"),
        None => "an SNI name".to_string(),
    };
    let (kind, name) = (&o.kind, &o.meta.name);
    if let Some(d) = dead {
        return format!("The client opens a TLS connection with {sni} to {gwords}, the parent of {kind} {name}, which takes the route; but {d}");
    }
    if unserved {
        return format!("The client opens a TLS connection with {sni} to {gwords}. {kind} {name} names it as its parent, but the Gateway does not accept the route, so no route there matches the connection's SNI");
    }
    let hosts = hosts.replace("a request for another host", "a connection with another SNI name").replace("any host", "any SNI name").replacen("host ", "SNI name ", 1);
    let mode = if passthrough(facts) {
        "The listener's tls.mode is Passthrough: the Gateway does not terminate TLS (it reads nothing of the stream but the ClientHello) and forwards it still encrypted".to_string()
    } else {
        "The listener's tls.mode is Terminate: the Gateway ends the client's TLS with its own certificate (tls.certificateRefs) and forwards the decrypted stream (a TLSRoute on a Terminate listener is Extended support: not every implementation has it)".to_string()
    };
    format!(
        "The client opens a TLS connection with {sni} to {gwords}, the parent of {kind} {name}. The Gateway reads the SNI name in the ClientHello and matches {hosts}; {} has no matches (a TLSRoute rule routes every connection whose SNI matches) → backendRef Service {} port {} ({words}). {mode}",
        rule.field,
        b.name,
        b.port.map(|p| p.to_string()).unwrap_or_else(|| "(none)".into())
    )
}

/// The first hop of a TCPRoute's or UDPRoute's path (fidfix25; apis/v1 tcproute_types.go "forward
/// connections on the port specified by the listener to a set of backends", udproute_types.go):
/// no hostnames, no matches, every connection (datagram) to the listener's port goes to the
/// rule's backendRefs.
#[allow(clippy::too_many_arguments)]
fn l4_first_words(o: &Object, rule: &Rule, b: &BackendRef, gwords: &str, words: &str, dead: Option<&str>, unserved: bool) -> String {
    let (kind, name) = (&o.kind, &o.meta.name);
    let opens = if kind == "UDPRoute" { "The client sends UDP datagrams" } else { "The client opens a TCP connection" };
    if let Some(d) = dead {
        return format!("{opens} to {gwords}, the parent of {kind} {name}, which takes the route; but {d}");
    }
    if unserved {
        return format!("{opens} to {gwords}. {kind} {name} names it as its parent, but the Gateway does not accept the route, so nothing there forwards them");
    }
    format!(
        "{opens} to {gwords}, the parent of {kind} {name}. A {kind} has no hostnames and its rules no matches: everything that comes to the listener's port goes by {} → backendRef Service {} port {} ({words})",
        rule.field,
        b.name,
        b.port.map(|p| p.to_string()).unwrap_or_else(|| "(none)".into())
    )
}

/// The scheme of the URL the outside client asks for: the listener's protocol
/// (kubernetes-sigs/gateway-api apis/v1/gateway_types.go Listener.Protocol: HTTPS and TLS
/// listeners terminate TLS, so an HTTPRoute behind one is reached over https); a GRPCRoute's
/// request is written as before (qa4 04, cilium#30085: an HTTPS listener read "http://").
fn url_scheme(route_kind: &str, listener_protocol: Option<&str>) -> &'static str {
    match listener_protocol.map(str::to_ascii_uppercase).as_deref() {
        Some("HTTPS" | "TLS") if route_kind != "GRPCRoute" => "https",
        _ => "http",
    }
}

/// Whether a Gateway's class is Envoy Gateway's. With GatewayClass objects in the input, by the
/// named class's spec.controllerName ([`ENVOY_GATEWAY_CONTROLLER`]; fidfix21); without any, by
/// the name: Envoy Gateway's quickstart class `eg`, or a class named after Envoy.
fn is_envoy_gateway_class(objects: &[Object], class: &str) -> bool {
    match class_controller(objects, class) {
        Some(controller) => controller.as_deref() == Some(ENVOY_GATEWAY_CONTROLLER),
        None => {
            let c = class.to_ascii_lowercase();
            c == "eg" || c.contains("envoy")
        }
    }
}

/// The input's GatewayClasses: None when it has none; Some(None) when it has some, but none named
/// `class`; Some(Some(controllerName)) for the one named `class` (cluster-scoped: its name alone).
fn class_controller(objects: &[Object], class: &str) -> Option<Option<String>> {
    let mut any = false;
    for (o, g) in gw_objects(objects) {
        if let GatewayObject::Class { controller } = g {
            if o.meta.name == class {
                return Some(Some(controller.clone()));
            }
            any = true;
        }
    }
    any.then_some(None)
}

/// A warning on each Gateway whose gatewayClassName names no GatewayClass while the input has
/// GatewayClasses: no controller manages a Gateway of a class that does not exist, so its
/// Accepted and Programmed conditions stay Unknown, reason Pending (apis/v1 gateway_types.go
/// GatewayReasonPending: "the status is \"Unknown\" and no controller has reconciled the
/// Gateway"), and it serves nothing.
pub fn class_notes(objects: &[Object], diags: &mut Vec<Diagnostic>) {
    let classes: Vec<&str> = gw_objects(objects).filter(|(_, g)| matches!(g, GatewayObject::Class { .. })).map(|(o, _)| o.meta.name.as_str()).collect();
    if classes.is_empty() {
        return;
    }
    for (o, g) in gw_objects(objects) {
        let GatewayObject::Gateway(gw) = g else { continue };
        if classes.contains(&gw.class.as_str()) {
            continue;
        }
        diags.push(
            Diagnostic::note(
                Severity::Warning,
                ErrorType::Resolution,
                "GatewayClassNotFound",
                format!(
                    "spec.gatewayClassName: Gateway {} names GatewayClass \"{}\", and no GatewayClass of that name is in this input (its GatewayClasses: {}): unless the cluster has one that this input leaves out, no controller manages the Gateway, so it is not Accepted (Accepted and Programmed stay Unknown, reason Pending: no controller has reconciled the Gateway) and it serves none of its routes",
                    o.meta.name,
                    gw.class,
                    classes.join(", ")
                ),
                o.pos("spec.gatewayClassName"),
            )
            .on(&o.id())
            .at_field("spec.gatewayClassName")
            .hint(format!("set gatewayClassName to the name of a GatewayClass ({})", classes.join(", "))),
        );
    }
}

/// Why the Gateway's proxy sends to endpoints, not the clusterIP: Envoy Gateway's own default
/// (envoyproxy/gateway api/v1alpha1/envoyproxy_types.go RoutingType: "The default is
/// \"Endpoint\"") only for its class; for the others the Gateway API's general words: a route's
/// backendRef names a Service, and sending to its backend facet (the endpoint IPs: "endpoint
/// routing") rather than its frontend (the cluster IP: "Service routing") is the implementation's
/// choice (kubernetes-sigs/gateway-api site-src/concepts/service-facets.md). qa4 02/04/05/06:
/// classes nginx, cilium, kuma read "Envoy Gateway's default routingType Endpoint".
fn endpoint_routing_words(class: Option<&str>, envoy: bool) -> String {
    match class {
        Some(_) if envoy => "Envoy Gateway's default routingType Endpoint".to_string(),
        Some(c) => format!("endpoint routing, what most Gateway API implementations do; the API leaves the endpoints or the clusterIP to the implementation, here class {c}'s"),
        None => "endpoint routing, what most Gateway API implementations do; the API leaves the endpoints or the clusterIP to the implementation".to_string(),
    }
}

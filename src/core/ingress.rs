//! networking.k8s.io/v1 Ingress, as far as it concerns Services: the API server's validation
//! of its rules and backends (pkg/apis/networking/validation/validation.go ValidateIngressSpec,
//! validateHTTPIngressPath, validateIngressBackend), and what an ingress controller finds when
//! it looks a backend up: the Service in the Ingress's namespace, the Service *port* (by
//! `port.number` = a Service's `port`, never its targetPort; or by `port.name`), and that port's
//! ready endpoints — none means the controller answers 503 (ingress-nginx: "Service
//! Temporarily Unavailable").

use super::diag::{quote, Diagnostic, ErrorType, Severity};
use super::model::{Body, Object, Reader};
use super::names;
use super::report::ServiceReport;
use super::yaml::{Node, NodeKind};

/// One backend: the Service it names (None: a `resource` backend, or none at all), and the
/// field path it was read at.
#[derive(Debug, Clone, PartialEq)]
pub struct Backend {
    pub field: String,
    pub service: Option<ServiceBackend>,
    pub resource: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ServiceBackend {
    pub name: String,
    pub port_name: String,
    pub port_number: i64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IngressPath {
    pub field: String,
    pub path: String,
    pub path_type: Option<String>,
    pub backend: Backend,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IngressRule {
    pub field: String,
    pub host: String,
    /// `http` is present
    pub http: bool,
    pub paths: Vec<IngressPath>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct IngressSpec {
    pub default_backend: Option<Backend>,
    pub rules: Vec<IngressRule>,
}

fn backend(r: &mut Reader, n: &Node, field: String) -> Backend {
    let svc = r.map(n.get("service"), &format_args!("{field}.service"));
    let service = svc.map(|s| {
        let port = r.map(s.get("port"), &format_args!("{field}.service.port"));
        ServiceBackend {
            name: r.string(s.get("name"), &format_args!("{field}.service.name")).unwrap_or_default(),
            port_name: r.string(port.and_then(|p| p.get("name")), &format_args!("{field}.service.port.name")).unwrap_or_default(),
            port_number: r.int(port.and_then(|p| p.get("number")), &format_args!("{field}.service.port.number")).unwrap_or(0),
        }
    });
    Backend { resource: n.get("resource").is_some_and(|x| !x.is_null()), service, field }
}

/// Read an Ingress's spec.
pub fn decode(r: &mut Reader, root: &Node) -> IngressSpec {
    let Some(spec) = r.map(root.get("spec"), &"spec") else { return IngressSpec::default() };
    let default_backend = r.map(spec.get("defaultBackend"), &"spec.defaultBackend").map(|b| backend(r, b, "spec.defaultBackend".into()));
    let mut rules = Vec::new();
    for (i, rule) in r.seq(spec.get("rules"), &"spec.rules").iter().enumerate() {
        let field = format!("spec.rules[{i}]");
        let http = r.map(rule.get("http"), &format_args!("{field}.http"));
        let mut paths = Vec::new();
        for (j, p) in r.seq(http.and_then(|h| h.get("paths")), &format_args!("{field}.http.paths")).iter().enumerate() {
            let pf = format!("{field}.http.paths[{j}]");
            let b = p.get("backend").map(|b| backend(r, b, format!("{pf}.backend"))).unwrap_or(Backend { field: format!("{pf}.backend"), service: None, resource: false });
            paths.push(IngressPath {
                path: r.string(p.get("path"), &format_args!("{pf}.path")).unwrap_or_default(),
                path_type: r.string(p.get("pathType"), &format_args!("{pf}.pathType")),
                backend: b,
                field: pf,
            });
        }
        rules.push(IngressRule { host: r.string(rule.get("host"), &format_args!("{field}.host")).unwrap_or_default(), http: http.is_some(), paths, field });
    }
    IngressSpec { default_backend, rules }
}

/// validateIngressBackend: a Service backend names a Service (ValidateServiceName: a DNS-1035
/// label) and exactly one of a port name (IsValidPortName) or number (IsValidPortNum).
fn validate_backend(b: &Backend, at: &dyn Fn(&str) -> super::yaml::Pos, errs: &mut Vec<Diagnostic>) {
    let f = &b.field;
    match (&b.service, b.resource) {
        (Some(_), true) => errs.push(Diagnostic::invalid(f, at(f), "\"\"", "cannot set both resource and service backends")),
        (Some(s), false) => {
            let nf = format!("{f}.service.name");
            if s.name.is_empty() {
                errs.push(Diagnostic::required(&nf, at(&format!("{f}.service")), ""));
            } else {
                for m in names::dns1035_label(&s.name) {
                    errs.push(Diagnostic::invalid(&nf, at(&nf), &quote(&s.name), &m));
                }
                // `web.shop`: a Service of another namespace, which a backend cannot name
                // (networking/v1 IngressServiceBackend: "Name is the referenced service. The
                // service must exist in the same namespace as the Ingress object"); an
                // ExternalName Service in this namespace aliases it (learner11 q/07)
                if let Some((svc, ns)) = s.name.split_once('.').filter(|(a, b)| names::dns1035_label(a).is_empty() && names::dns1123_label(b.split('.').next().unwrap_or("")).is_empty()) {
                    let ns = ns.split('.').next().unwrap_or(ns);
                    errs.push(Diagnostic::note(
                        Severity::Info,
                        ErrorType::Resolution,
                        "IngressBackendNamespace",
                        format!("a backend names a Service of the Ingress's own namespace, never another: for Service {svc} in namespace {ns}, make an ExternalName Service here (externalName: {svc}.{ns}.svc.cluster.local, with your cluster's domain) and name that one"),
                        at(&nf),
                    ).at_field(&nf));
                }
            }
            let pf = format!("{f}.service.port");
            match (!s.port_name.is_empty(), s.port_number != 0) {
                (true, true) => errs.push(Diagnostic::invalid(f, at(&pf), "\"\"", "cannot set both port name & port number")),
                (true, false) => {
                    let field = format!("{pf}.name");
                    for m in names::port_name(&s.port_name) {
                        errs.push(Diagnostic::invalid(&field, at(&field), &quote(&s.port_name), &m));
                    }
                }
                (false, true) => {
                    let field = format!("{pf}.number");
                    if !(1..=65535).contains(&s.port_number) {
                        errs.push(Diagnostic::invalid(&field, at(&field), &s.port_number.to_string(), "must be between 1 and 65535, inclusive"));
                    }
                }
                (false, false) => errs.push(Diagnostic::required(f, at(f), "port name or number is required")),
            }
        }
        // (a resource backend points at another API object: nothing of a Service's to check)
        (None, true) => {}
        (None, false) => errs.push(Diagnostic::invalid(f, at(f), "\"\"", "resource or service backend is required")),
    }
}

/// ValidateIngressSpec's checks on what routes to Services: rules or a defaultBackend; per
/// rule a host that is a DNS-1123 subdomain (a wildcard allowed); per HTTP path a pathType
/// (required in v1), an absolute path for Exact and Prefix; every backend.
pub fn validate(o: &Object, spec: &IngressSpec, errs: &mut Vec<Diagnostic>) {
    let at = |f: &str| o.pos(f);
    if spec.rules.is_empty() && spec.default_backend.is_none() {
        errs.push(Diagnostic::invalid("spec", at("spec"), "null", "either `defaultBackend` or `rules` must be specified"));
    }
    if let Some(b) = &spec.default_backend {
        validate_backend(b, &at, errs);
    }
    // a resource backend: validateIngressTypedLocalObjectReference (core::podfields)
    let resources = spec.default_backend.iter().chain(spec.rules.iter().flat_map(|r| r.paths.iter().map(|p| &p.backend)));
    for b in resources.filter(|b| b.resource && b.service.is_none()) {
        super::podfields::ingress_resource_backend(&o.source, &b.field, &at, errs);
    }
    for rule in &spec.rules {
        // validateIngressRules: not an IP; a host with `*` is a wildcard subdomain, any other a
        // DNS-1123 subdomain
        if !rule.host.is_empty() {
            let hf = format!("{}.host", rule.field);
            if rule.host.parse::<std::net::IpAddr>().is_ok() {
                errs.push(Diagnostic::invalid(&hf, at(&hf), &quote(&rule.host), "must be a DNS name, not an IP address"));
            }
            let msgs = if rule.host.contains('*') { names::wildcard_dns1123_subdomain(&rule.host) } else { names::dns1123_subdomain(&rule.host) };
            for m in msgs {
                errs.push(Diagnostic::invalid(&hf, at(&hf), &quote(&rule.host), &m));
            }
        }
        if rule.http && rule.paths.is_empty() {
            let f = format!("{}.http.paths", rule.field);
            errs.push(Diagnostic::required(&f, at(&format!("{}.http", rule.field)), ""));
        }
        for p in &rule.paths {
            match p.path_type.as_deref() {
                // validateHTTPIngressPath returns right after this error
                None => {
                    let f = format!("{}.pathType", p.field);
                    errs.push(Diagnostic::required(&f, at(&p.field), "pathType must be specified"));
                    continue;
                }
                Some("Exact" | "Prefix") => {
                    let f = format!("{}.path", p.field);
                    if !p.path.starts_with('/') {
                        errs.push(Diagnostic::invalid(&f, at(&f), &quote(&p.path), "must be an absolute path"));
                    }
                    // invalidPathSequences, invalidPathSuffixes
                    if !p.path.is_empty() {
                        for seq in ["//", "/./", "/../", "%2f", "%2F"] {
                            if p.path.contains(seq) {
                                errs.push(Diagnostic::invalid(&f, at(&f), &quote(&p.path), &format!("must not contain '{seq}'")));
                            }
                        }
                        for suffix in ["/..", "/."] {
                            if p.path.ends_with(suffix) {
                                errs.push(Diagnostic::invalid(&f, at(&f), &quote(&p.path), &format!("cannot end with '{suffix}'")));
                            }
                        }
                    }
                }
                Some("ImplementationSpecific") if !p.path.is_empty() && !p.path.starts_with('/') => {
                    let f = format!("{}.path", p.field);
                    errs.push(Diagnostic::invalid(&f, at(&f), &quote(&p.path), "must be an absolute path"));
                }
                Some("ImplementationSpecific") => {}
                Some(other) => {
                    let f = format!("{}.pathType", p.field);
                    errs.push(Diagnostic::not_supported(&f, at(&f), other, &["Exact", "ImplementationSpecific", "Prefix"]));
                }
            }
            validate_backend(&p.backend, &at, errs);
        }
    }
    validate_tls(o, errs);
    // ValidateIngressSpec, last: a set ingressClassName through ValidateIngressClassName
    // (pkg/apis/networking/validation/validation.go: NameIsDNSSubdomain; a written "" too)
    if let Some(class) = o.source.get("spec").and_then(|s| s.get("ingressClassName")).and_then(|c| c.as_str()) {
        for m in names::dns1123_subdomain(class) {
            errs.push(Diagnostic::invalid("spec.ingressClassName", at("spec.ingressClassName"), &quote(class), &m));
        }
    }
    // pkg/apis/networking/validation/validation.go ValidateIngressCreate, after validateIngress:
    // the legacy annotation kubernetes.io/ingress.class and spec.ingressClassName with different
    // values are refused on create (qa8 07: Helm charts that write both). Since v1.27
    // (kubernetes#115447) equal values are accepted and the words are "must match
    // `ingressClassName` when both are specified"; before, any pair was refused ("can not be set
    // when the class field is also set"; review23). ValidateIngressUpdate does not check it, so an
    // Ingress a cluster printed (the live one, already created) is not refused.
    let class = o.source.get("spec").and_then(|s| s.get("ingressClassName")).filter(|c| !c.is_null()).map(|c| c.as_str().unwrap_or_default());
    let annotation = o.source.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get(CLASS_ANNOTATION));
    if let (Some(class), Some(a), false) = (class, annotation, o.dumped()) {
        let value = a.as_str().unwrap_or_default();
        if value != class {
            errs.push(Diagnostic::invalid(&format!("annotations.{CLASS_ANNOTATION}"), a.pos, &quote(value), "must match `ingressClassName` when both are specified"));
        }
    }
}

/// The legacy class annotation (networking/validation annotationIngressClass).
const CLASS_ANNOTATION: &str = "kubernetes.io/ingress.class";

/// The API server's warning on creating an Ingress with the legacy class annotation and no
/// spec.ingressClassName (kubernetes/kubernetes pkg/registry/networking/ingress/strategy.go
/// ingressStrategy.WarningsOnCreate: `annotation %q is deprecated, please use
/// 'spec.ingressClassName' instead`, only when `ingress.Spec.IngressClassName == nil`; returned
/// once validation passed, and kubectl prints it as `Warning: …`). WarningsOnUpdate returns none,
/// so not for an Ingress a cluster printed (it exists already). fidfix25.
pub fn class_annotation_warning(o: &Object) -> Option<Diagnostic> {
    if o.dumped() {
        return None;
    }
    let a = o.source.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get(CLASS_ANNOTATION))?;
    if o.source.get("spec").and_then(|s| s.get("ingressClassName")).is_some_and(|c| !c.is_null()) {
        return None;
    }
    let field = format!("metadata.annotations[{CLASS_ANNOTATION}]");
    Some(
        Diagnostic::note(super::diag::Severity::Warning, super::diag::ErrorType::ServerWarning, "ServerWarning", format!("annotation \"{CLASS_ANNOTATION}\" is deprecated, please use 'spec.ingressClassName' instead"), a.pos)
            .at_field(&field)
            .hint("the API server's warning: the Ingress is created"),
    )
}

/// pkg/apis/networking/validation validateIngressTLS (after the rules in ValidateIngressSpec):
/// each `spec.tls[i].hosts[j]` a DNS-1123 subdomain, or, holding a `*`, a wildcard one
/// (IsWildcardDNS1123Subdomain: `*.` and a subdomain); a set secretName a Secret's name
/// (validateTLSSecretName → ValidateSecretName, a DNS-1123 subdomain; an empty one is allowed).
fn validate_tls(o: &Object, errs: &mut Vec<Diagnostic>) {
    let tls = o.source.get("spec").and_then(|s| s.get("tls"));
    let items: &[Node] = match tls.map(|t| &t.kind) {
        Some(super::yaml::NodeKind::Seq(v)) => v,
        _ => &[],
    };
    for (t, item) in items.iter().enumerate() {
        let hosts: &[Node] = match item.get("hosts").map(|h| &h.kind) {
            Some(super::yaml::NodeKind::Seq(v)) => v,
            _ => &[],
        };
        for (i, h) in hosts.iter().enumerate() {
            let Some(host) = h.as_str() else { continue };
            let f = format!("spec.tls[{t}].hosts[{i}]");
            let msgs = if host.contains('*') { names::wildcard_dns1123_subdomain(host) } else { names::dns1123_subdomain(host) };
            for m in msgs {
                errs.push(Diagnostic::invalid(&f, h.pos, &quote(host), &m));
            }
        }
        // ValidateIngressUpdate sets AllowInvalidSecretName when the live Ingress already holds an
        // invalid one (allowInvalidSecretName(gv, oldIngress)): an Ingress a cluster printed is
        // the live one, so its secretName is not checked again (diffsweep: dumped-ing)
        if o.dumped() {
            continue;
        }
        if let Some(secret) = item.get("secretName").and_then(|n| n.as_str()).filter(|n| !n.is_empty()) {
            let f = format!("spec.tls[{t}].secretName");
            for m in names::dns1123_subdomain(secret) {
                errs.push(Diagnostic::invalid(&f, o.pos(&f), &quote(secret), &m));
            }
        }
    }
}

/// What an ingress controller finds for each Service backend of an accepted Ingress: the
/// Service in the Ingress's namespace, its port (a backend's `port.number` is the Service's
/// `port`, not the pods' targetPort), and ready endpoints. A warning for each backend that ends
/// in a 503.
pub fn backend_notes(o: &Object, spec: &IngressSpec, services: &[std::sync::Arc<ServiceReport>], diags: &mut Vec<Diagnostic>) {
    let id = o.id();
    let routes = spec.default_backend.iter().map(|b| ("the default backend".to_string(), b)).chain(spec.rules.iter().flat_map(|r| {
        r.paths.iter().map(move |p| (format!("{}{}", if r.host.is_empty() { "*" } else { &r.host }, if p.path.is_empty() { "/" } else { &p.path }), &p.backend))
    }));
    let annotations = o.source.get("metadata").and_then(|m| m.get("annotations"));
    let annotation = |k: &str| annotations.and_then(|a| a.get(k)).and_then(|v| v.as_str());
    // the AWS Load Balancer Controller's Ingresses: class `alb` (the annotation, or the
    // IngressClass name its docs give), or an action annotation present
    let alb = annotation("kubernetes.io/ingress.class") == Some("alb") || o.source.get("spec").and_then(|s| s.get("ingressClassName")).and_then(|c| c.as_str()) == Some("alb");
    // the routes that reach ready endpoints, said together once (corpus6: a valid Ingress
    // appeared nowhere in the report)
    let mut working: Vec<String> = Vec::new();
    for (route, b) in routes {
        let Some(sb) = &b.service else { continue };
        let port_shown = if sb.port_name.is_empty() { sb.port_number.to_string() } else { quote(&sb.port_name) };
        // kubernetes-sigs/aws-load-balancer-controller pkg/ingress/enhanced_backend_builder.go
        // Build: a backend whose port name is the magic `use-annotation` is no Service port but
        // the action in the annotation `alb.ingress.kubernetes.io/actions.<service name>`
        // (buildActionViaAnnotation; missing: a fixed 503 "Backend action does not exist")
        if sb.port_name == "use-annotation" {
            let key = format!("alb.ingress.kubernetes.io/actions.{}", sb.name);
            let action = annotation(&key);
            if alb || action.is_some() {
                let why = match action {
                    Some(json) => {
                        let ty = super::gojson::top_string_field(json, "type");
                        format!(
                            "port name use-annotation is the AWS Load Balancer Controller's action reference, not a Service port: the route takes the action in annotation {key}{}",
                            ty.map(|t| format!(" (type {t})")).unwrap_or_default()
                        )
                    }
                    None => format!(
                        "port name use-annotation is the AWS Load Balancer Controller's action reference, not a Service port; this Ingress has no annotation {key} (Argo Rollouts' ALB traffic routing writes it at run time), and without it the controller answers a fixed 503 \"Backend action does not exist\""
                    ),
                };
                diags.push(
                    Diagnostic::note(Severity::Info, ErrorType::Resolution, "IngressBackend", format!("route {route} → {}: {why}", sb.name), o.pos(&b.field))
                        .on(&id)
                        .at_field(&format!("{}.service", b.field)),
                );
                continue;
            }
        }
        let svc = services.iter().find(|s| s.name == sb.name && s.namespace == o.meta.namespace && !s.rejected);
        let (severity, why) = match svc {
            // an Ingress a cluster printed (`kubectl get ingress -o yaml`): its Service may well
            // exist there and only not be in this input (dumps6: an Ingress dumped alone)
            None if o.dumped() => (
                Severity::Info,
                format!("Service {:?} is not in this input (the Ingress was printed by a cluster, where it may exist in namespace {}); paste it too to follow this route", sb.name, o.meta.namespace),
            ),
            // the input holds a Service of that name in another namespace (qa9 08,
            // hashicorp/terraform-provider-kubernetes#1198: Ingress in edge, Service hellonode
            // in default): that is the Service meant, and an Ingress cannot reach it — k8s.io/api
            // networking/v1 types.go IngressServiceBackend.Name "The service must exist in the
            // same namespace as the Ingress object" — so not a partial input
            None if services.iter().any(|s| s.name == sb.name && s.namespace != o.meta.namespace && !s.rejected) => {
                let mut elsewhere: Vec<&str> = services.iter().filter(|s| s.name == sb.name && s.namespace != o.meta.namespace && !s.rejected).map(|s| s.namespace.as_str()).collect();
                elsewhere.dedup();
                let ns = elsewhere[0];
                (
                    Severity::Warning,
                    format!(
                        "Service {:?} does not exist in namespace {}: the input's Service {} is in namespace {}, and an Ingress reaches only Services of its own namespace (\"The service must exist in the same namespace as the Ingress object\"), so ingress-nginx has no upstream and answers 503 ({NO_SERVICE_ELSEWHERE}). Create the Ingress in namespace {ns}, or (ingress-nginx) give namespace {} an ExternalName Service with externalName: {}.{ns}.svc.cluster.local (your cluster's domain) and name that one",
                        sb.name, o.meta.namespace, sb.name, elsewhere.join(", "), o.meta.namespace, sb.name
                    ),
                )
            }
            // an Ingress pasted without any Service of its namespace (a docs example, an
            // operator's recipe whose Services the operator makes): a partial input, not a wrong
            // name, as gateway.rs says of a route's backendRef (corpus11: kubernetes.io's
            // minimal-ingress, ECK's gclb recipe to the `<name>-es-http` Service ECK creates).
            // ingress-nginx answers 503 only if the cluster has none either
            // (internal/ingress/controller/controller.go createUpstreams "Error obtaining Service")
            None if !services.iter().any(|s| s.namespace == o.meta.namespace) => (
                Severity::Info,
                format!(
                    "Service {:?} is not in this input (nor any Service of namespace {}: paste it too to follow this route); if the cluster has none either, ingress-nginx has no upstream and answers 503 ({NO_SERVICE_ELSEWHERE})",
                    sb.name, o.meta.namespace
                ),
            ),
            None => (
                Severity::Warning,
                format!(
                    "Service {:?} does not exist in namespace {} (an Ingress reaches only Services of its own namespace), so ingress-nginx has no upstream and answers 503 ({NO_SERVICE_ELSEWHERE})",
                    sb.name, o.meta.namespace
                ),
            ),
            Some(s) if s.type_ == "ExternalName" => {
                working.push(format!("{route} → service {} port {port_shown} (ExternalName {})", sb.name, s.external_name.as_deref().unwrap_or("")));
                continue;
            }
            Some(s) => {
                let port = s.ports.iter().find(|p| if sb.port_name.is_empty() { p.port == sb.port_number } else { p.name.as_deref() == Some(sb.port_name.as_str()) });
                let have = s.ports.iter().map(|p| format!("{}{}→{}", p.name.as_ref().map(|n| format!("{n}:")).unwrap_or_default(), p.port, p.target_port)).collect::<Vec<_>>().join(", ");
                let wanted = if sb.port_name.is_empty() { sb.port_number.to_string() } else { sb.port_name.clone() };
                match port {
                    // ingress-nginx (internal/ingress/controller/controller.go serviceEndpoints)
                    // also takes a backend port equal to a port's targetPort; the API means the
                    // Service's port, and other controllers may not
                    None if !alb && sb.port_name.is_empty() && s.ports.iter().any(|p| p.target_port.to_string() == wanted) => (
                        Severity::Info,
                        format!("{wanted} is a targetPort of Service {} (its ports: {have}), not one of its ports: ingress-nginx (the controller the paths model) matches a targetPort too and routes this; the Ingress API names the Service's port, and other controllers find no upstream: set port number {}", s.name,
                            s.ports.iter().find(|p| p.target_port.to_string() == wanted).map(|p| p.port).unwrap_or_default()),
                    ),
                    None => (Severity::Warning, format!("Service {} has no port {port_shown} (its ports: {have}), so ingress-nginx finds no upstream and answers 503 (other controllers answer an error of their own)", s.name)),
                    Some(_) if !s.endpoints.iter().any(|e| e.ready) => {
                        (Severity::Warning, format!("Service {} has no ready endpoints, so ingress-nginx answers 503 Service Temporarily Unavailable, as Contour's Envoy does (503 \"no healthy upstream\"); Traefik answers 404 unless its provider sets allowEmptyServices", s.name))
                    }
                    Some(p) => {
                        let ready = s.endpoints.iter().filter(|e| e.ready).count();
                        working.push(format!("{route} → service {} port {port_shown} → targetPort {}: {}", sb.name, p.target_port, super::report::count(ready, "ready endpoint", "ready endpoints")));
                        continue;
                    }
                }
            }
        };
        diags.push(
            Diagnostic::note(severity, ErrorType::Resolution, "IngressBackend", format!("route {route} → service {} port {port_shown}: {why}", sb.name), o.pos(&b.field))
                .on(&id)
                .at_field(&format!("{}.service", b.field)),
        );
    }
    if !working.is_empty() {
        diags.push(
            Diagnostic::note(Severity::Info, ErrorType::Resolution, "IngressRoutes", format!("the ingress controller routes {}", working.join("; ")), o.source.pos).on(&id),
        );
    }
}

/// The drawn box of an Ingress's controller on its paths: `external:` + this.
pub fn controller_box(ingress: &str) -> String {
    format!("ingress/{ingress}")
}

/// A drawn `external` box's name is an Ingress's controller ([`controller_box`]).
pub fn is_controller_box(name: &str) -> bool {
    name.starts_with("ingress/")
}

/// Which request paths an Ingress path matches, as networking/v1 defines its pathType
/// (k8s.io/api networking/v1 types.go PathTypeExact, PathTypePrefix, PathTypeImplementationSpecific;
/// HTTPIngressPath.pathType): Exact is the whole path, case-sensitive; Prefix compares
/// `/`-separated elements (a trailing `/` ignored), so `/api` takes `/api/v1` but not `/apiv2`,
/// and among several matches the longest path wins (types.go), an Exact path before a Prefix one
/// of the same length (kubernetes/website concepts/services-networking/ingress.md "Multiple
/// matches") (learner11 q/01, q/02: "does /apiv2 match?"). None for a path the API server refuses (no
/// pathType, a relative path).
pub fn path_matching(p: &IngressPath) -> Option<String> {
    let path = if p.path.is_empty() { "/" } else { p.path.as_str() };
    if !path.starts_with('/') {
        return None;
    }
    match p.path_type.as_deref()? {
        "Exact" if path == "/" => Some("Exact / matches the request path / only".into()),
        "Exact" => {
            let other = if path.ends_with('/') { path.trim_end_matches('/').to_string() } else { format!("{path}/") };
            Some(format!("Exact {path} matches the request path {path} only (case-sensitive; not {other}, nor a longer path)"))
        }
        // (qa6 15, kubernetes/ingress-nginx#9034: "only / and /setting, everything else 404" is
        // pathType Exact for /)
        "Prefix" if path.trim_end_matches('/').is_empty() => Some("Prefix / matches every request path (when a longer path of the Ingress matches too, the longer wins; with pathType Exact, / matches only /, and a path no other rule matches gets the controller's default backend, 404)".into()),
        "Prefix" => {
            let base = path.trim_end_matches('/');
            let last = base.rsplit('/').next().unwrap_or_default();
            Some(format!(
                "Prefix {path} matches {base}, {base}/ and every path under it, element by element: {base}/x yes, {base}x no (\"{last}x\" is another element); when several paths of the Ingress match, the longest wins (an Exact path before a Prefix one of the same length)"
            ))
        }
        "ImplementationSpecific" => Some(format!("ImplementationSpecific: how {path} matches is up to the controller of the IngressClass (its documentation says)")),
        _ => None,
    }
}

/// The Service of namespace `ns` an Ingress backend naming the missing Service `name` most
/// likely means: one whose name contains the other's (`web-svc` → `web`), else the namespace's
/// only Service (not the API server's `default/kubernetes`). None when no one Service fits.
fn meant_service(services: &[std::sync::Arc<ServiceReport>], ns: &str, name: &str) -> Option<usize> {
    let candidates: Vec<usize> = services
        .iter()
        .enumerate()
        .filter(|(_, s)| s.namespace == ns && !s.rejected && s.type_ != "ExternalName" && !(s.namespace == "default" && s.name == "kubernetes"))
        .map(|(i, _)| i)
        .collect();
    let near: Vec<usize> = candidates.iter().copied().filter(|&i| name.contains(services[i].name.as_str()) || services[i].name.contains(name)).collect();
    match (near.as_slice(), candidates.as_slice()) {
        ([i], _) | ([], [i]) => Some(*i),
        _ => None,
    }
}

/// The `ingress` entry of each Service an accepted Ingress routes to (learner9 M Q32: the 503
/// warning was right, but Ingress → Service → pod could not be stepped): an outside client's
/// HTTP request to the ingress controller, the rule (host, path) that matches it and its backend
/// (service name, port by number — the Service's `port`, never its targetPort — or by name), then
/// the controller's own connection to one of the Service's ready endpoints. In-cluster proxies
/// send to the endpoints directly, not through the clusterIP (not "most controllers": the AWS
/// Load Balancer Controller's default target-type instance goes through a nodePort and
/// kube-proxy, kubernetes-sigs/aws-load-balancer-controller docs "How it works"; Traefik's
/// nativeLB, default false, keeps the pods' IPs as its load balancer's children, doc.traefik.io
/// kubernetes-ingress): ingress-nginx by default "uses a list
/// of all endpoints (Pod IP/port) in the NGINX upstream configuration" and balances each request
/// over them itself (kubernetes/ingress-nginx docs/user-guide/nginx-configuration/annotations.md,
/// "Service Upstream"; the annotation nginx.ingress.kubernetes.io/service-upstream: "true" sends
/// to the clusterIP instead), so kube-proxy is not in this path. A backend port the Service does
/// not have, or no ready endpoint, ends at the controller with its 503 (the same cases
/// [`backend_notes`] warns of). One path per Ingress and Service port; a Service kept from the
/// last analysis is not changed (Arc::make_mut), as netpol::apply_to_paths does.
/// The ready endpoints of Service port `sp`, as a path's backends sharing `share` of the
/// requests evenly: what a proxy that sends to endpoints itself (ingress-nginx, Envoy Gateway)
/// picks among (EndpointSlice ports are matched by the Service port's name and protocol).
pub fn ready_backends(s: &ServiceReport, sp: &super::service::SvcPort, share: f64) -> Vec<super::paths::Backend> {
    let ready: Vec<&super::resolve::Endpoint> = s.endpoints.iter().filter(|e| e.ready && e.ports.iter().any(|p| p.name == sp.name && p.protocol == sp.protocol)).collect();
    let n = ready.len() as f64;
    ready
        .iter()
        .map(|e| {
            let p = e.ports.iter().find(|p| p.name == sp.name && p.protocol == sp.protocol);
            super::paths::Backend { pod: e.pod.clone(), ip: e.ip.clone(), port: p.map(|p| p.port).unwrap_or(0), node: e.node.clone(), probability: share / n, declared: p.and_then(|p| p.declared), refused: None, declared_as: p.and_then(|p| p.declared_as.clone()) }
        })
        .collect()
}

/// What other controllers do with a backend Service that does not exist (fidfix26 4: "answers
/// 503" was said of every controller). ingress-nginx keeps the route and answers 503 from an
/// upstream without endpoints (internal/ingress/controller/controller.go createUpstreams, "Error
/// obtaining Service"); Traefik's Kubernetes Ingress provider skips a path whose Service it cannot
/// load, so no router matches it (traefik/traefik#1748, timoreimann: "remove the entire frontend
/// if the Service turns out to be missing"; #9242: 404 even for a Service without endpoints,
/// unless `allowEmptyServices`); Contour leaves the route out too, and the request falls to
/// another path of the Ingress (projectcontour/contour#3039).
pub const NO_SERVICE_ELSEWHERE: &str = "Traefik and Contour leave such a path out instead: the request matches another path of the Ingress or gets 404";

/// The start of an Ingress path's reason when the controller answers 503 (no upstream, or no
/// ready endpoint): layout's controller box says so instead of "routes to the endpoints".
pub const ANSWERS_503: &str = "ingress-nginx answers 503";

/// `watcher`: [`watcher_without_class`] of the objects, read while their trees were whole.
/// `passthrough_flag`: [`controller_flag`] `enable-ssl-passthrough` of the objects, read while
/// their trees were whole.
pub fn paths(objects: &[Object], services: &mut [std::sync::Arc<ServiceReport>], default_classes: &[String], watcher: Option<&str>, passthrough_flag: Option<bool>, domain: &str) {
    use super::paths::{Entry, Hop, HopKind, Outcome, Path};
    for o in objects.iter().filter(|o| !o.refused) {
        let super::model::Body::Ingress(spec) = &o.body else { continue };
        let ns = &o.meta.namespace;
        let controller = format!("external:{}", controller_box(&o.meta.name));
        let class = class_of(o, default_classes);
        // the hosts spec.tls lists: the controller terminates TLS for them (on 443)
        let tls_hosts: Vec<String> = match o.source.get("spec").and_then(|s| s.get("tls")).map(|t| &t.kind) {
            Some(super::yaml::NodeKind::Seq(items)) => items
                .iter()
                .flat_map(|i| match i.get("hosts").map(|h| &h.kind) {
                    Some(super::yaml::NodeKind::Seq(h)) => h.iter().filter_map(|h| h.as_str().map(str::to_string)).collect::<Vec<_>>(),
                    _ => Vec::new(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let routes = spec.default_backend.iter().map(|b| (None, b)).chain(spec.rules.iter().flat_map(|r| r.paths.iter().map(move |p| (Some((r, p)), &p.backend))));
        for (rule, b) in routes {
            let Some(sb) = &b.service else { continue };
            // (the AWS Load Balancer Controller's action reference is no Service port)
            if sb.port_name == "use-annotation" {
                continue;
            }
            // the backend Service, or (it does not exist) the Service of the namespace the learner
            // most likely meant, whose From menu then keeps the Ingress entry ending in the
            // controller's 503 (uifix11: learner11's q/04, backend web-svc beside Service web, lost
            // the entry, so the 503 could not be stepped)
            let found = services.iter().position(|s| s.name == sb.name && s.namespace == *ns && !s.rejected);
            let missing = found.is_none() && !services.iter().any(|s| s.name == sb.name && s.namespace == *ns);
            let Some(i) = found.or_else(|| missing.then(|| meant_service(services, ns, &sb.name)).flatten()) else { continue };
            let s = &services[i];
            let port = if missing { None } else { s.ports.iter().find(|p| if sb.port_name.is_empty() { p.port == sb.port_number } else { p.name.as_deref() == Some(sb.port_name.as_str()) }) };
            // the controller these paths model is ingress-nginx (its words in every hop), for
            // every class but `alb` (the AWS Load Balancer Controller): it also takes a backend
            // port number equal to a Service port's targetPort (kubernetes/ingress-nginx
            // internal/ingress/controller/controller.go serviceEndpoints:
            // `servicePort.TargetPort.String() == backendPort`) and routes to that port's
            // endpoints (qa3 15, zalando/skipper#246: port 8080 = targetPort of Service port 80)
            let is_alb = class.as_ref().is_some_and(|(c, _)| c == "alb");
            let by_target = (port.is_none() && !missing && !is_alb && sb.port_name.is_empty())
                .then(|| s.ports.iter().find(|p| p.target_port.to_string() == sb.port_number.to_string()))
                .flatten();
            let port = port.or(by_target);
            let key = o.meta.name.clone();
            if s.paths.iter().any(|p| p.entry == Entry::Ingress && p.ingress.as_deref() == Some(key.as_str()) && (missing || p.port == port.map(|p| p.port))) {
                continue;
            }
            let port_shown = if sb.port_name.is_empty() { sb.port_number.to_string() } else { quote(&sb.port_name) };
            let host = rule.map(|(r, _)| r.host.as_str()).filter(|h| !h.is_empty());
            let tls = host.is_some_and(|h| tls_hosts.iter().any(|t| t == h));
            // (listed in an item without secretName: the default certificate, tls_notes)
            let fake_cert = tls && host.is_some_and(|h| matches!(tls_secret_for(&tls_items(o), h), Some((_, None))));
            let scheme = if tls { "https" } else { "http" };
            let url = format!("{scheme}://{}{}", host.unwrap_or("<the controller's address>"), rule.map(|(_, p)| if p.path.is_empty() { "/" } else { p.path.as_str() }).unwrap_or("/"));
            let matched = match rule {
                Some((r, p)) => format!(
                    "rule {} path {}{} → backend service {} port {port_shown}{}",
                    if r.host.is_empty() { "(any host)".to_string() } else { format!("host {}{}", r.host, wildcard_words(&r.host)) },
                    if p.path.is_empty() { "/" } else { &p.path },
                    p.path_type.as_deref().map(|t| format!(" ({t})")).unwrap_or_default(),
                    sb.name,
                    path_matching(p).map(|m| format!(". {m}")).unwrap_or_default()
                ),
                None => format!("no rule, so spec.defaultBackend → service {} port {port_shown}", sb.name),
            };
            let osrc = super::config::host_port(super::paths::outside_ip_for(s.cluster_ip.as_deref()), 51000);
            let front = super::config::host_port(host.unwrap_or("ingress"), if tls { 443 } else { 80 });
            let by = match &class {
                Some((c, false)) if !c.is_empty() => format!(" (class {c})"),
                Some((c, true)) => format!(" (class {c}: the default IngressClass, set by the DefaultIngressClass admission plugin)"),
                _ => String::new(),
            };
            let first = Hop {
                kind: HopKind::Send,
                from: "client:outside".into(),
                to: controller.clone(),
                src: osrc.clone(),
                dst: front.clone(),
                rewritten: None,
                explanation: format!(
                    "The client sends an HTTP request for {url} to the ingress controller{by} of Ingress {}: its address is the controller's own (its LoadBalancer or NodePort Service, or the cloud's load balancer), not in this input{}. The controller matches {matched}",
                    o.meta.name,
                    if fake_cert {
                        "; the controller terminates TLS for this host (spec.tls) with its default certificate, since the spec.tls item listing it has no secretName"
                    } else if tls {
                        "; the controller terminates TLS for this host (spec.tls)"
                    } else {
                        ""
                    }
                ),
                src_rewritten: None,
            };
            let mut path = Path { route_kind: None, entry: Entry::Ingress, node: None, port: port.map(|p| p.port), protocol: port.map(|p| p.protocol.clone()), hops: vec![first], outcome: Outcome::Delivered, reason: String::new(), backends: Vec::new(), note: None, ingress: Some(key), allowed_by: None, hint: None };
            let answer_503 = |path: &mut Path, why: String| {
                path.hops.push(Hop { kind: HopKind::Reject, from: controller.clone(), to: "client:outside".into(), src: osrc.clone(), dst: front.clone(), rewritten: None, explanation: format!("{why}, so the controller answers 503 Service Temporarily Unavailable (ingress-nginx's words; every controller answers an error of its own)"), src_rewritten: None });
                path.outcome = Outcome::Rejected;
                path.reason = format!("{ANSWERS_503}: {why}");
            };
            // an ExternalName backend (learnfix12): ingress-nginx makes the external name itself
            // the upstream (internal/ingress/controller/endpointslices.go getEndpointsFromSlices,
            // ExternalName case; controller.go externalNamePorts: the Service port the backend
            // names, its targetPort, else — no port of that number — the backend's number), nginx
            // resolves it and connects there: no endpoints, no kube-proxy. The Host header stays
            // the client's ($best_http_host in rootfs/etc/nginx/template/nginx.tmpl) unless
            // nginx.ingress.kubernetes.io/upstream-vhost names another
            if s.type_ == "ExternalName" {
                let ext = s.external_name.clone().unwrap_or_default();
                let upstream = match port {
                    Some(p) => Some(match &p.target_port {
                        super::model::IntOrString::Int(n) if *n != 0 => *n,
                        _ => p.port,
                    }),
                    None if sb.port_name.is_empty() => Some(sb.port_number),
                    None => None,
                };
                // a name in the cluster's zone is a Service of this cluster, or nothing (diffsweep4
                // W2: nginxinc's external-backend-svc.external-ns.svc.cluster.local, no such
                // Service, was drawn as delivered outside the cluster)
                let (target, in_zone) = super::paths::external_target(&ext, domain);
                let in_cluster = in_zone.then(|| super::paths::service_of(&target, domain)).flatten();
                let found = in_cluster.as_ref().and_then(|(ns2, name2)| services.iter().find(|t| t.namespace == *ns2 && t.name == *name2 && !t.rejected).map(|t| (t.namespace.clone(), t.name.clone())));
                if in_zone && found.is_none() {
                    let what = match &in_cluster {
                        Some((ns2, name2)) => format!("no Service {name2} exists in namespace {ns2}"),
                        None => "it names no Service".to_string(),
                    };
                    path.hops.push(Hop {
                        kind: HopKind::Reject,
                        from: controller.clone(),
                        to: "client:outside".into(),
                        src: osrc.clone(),
                        dst: front.clone(),
                        rewritten: None,
                        explanation: format!(
                            "Service {} is an ExternalName alias of {ext}, a name in the cluster's zone ({domain}), and {what}: cluster DNS answers NXDOMAIN, so ingress-nginx finds no address for the upstream (balancer.lua resolve_external_names) and the request fails with an error from the controller",
                            s.name
                        ),
                        src_rewritten: None,
                    });
                    path.outcome = Outcome::Rejected;
                    path.reason = format!("the ingress controller cannot resolve {ext} ({what}; ExternalName {})", s.name);
                    std::sync::Arc::make_mut(&mut services[i]).paths.push(path);
                    continue;
                }
                match upstream {
                    None => answer_503(&mut path, format!("ExternalName Service {} has no port named {port_shown}", s.name)),
                    Some(n) => {
                        path.port = Some(port.map_or(n, |p| p.port));
                        let vhost = o.source.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get("nginx.ingress.kubernetes.io/upstream-vhost")).and_then(|v| v.as_str()).map(str::to_string);
                        let host_header = match (&vhost, host) {
                            (Some(v), _) => format!("with Host: {v} (nginx.ingress.kubernetes.io/upstream-vhost)"),
                            (None, Some(h)) => format!("with the client's Host: {h}, not {ext}: a server there that picks its site by name may answer 404 or present another certificate; nginx.ingress.kubernetes.io/upstream-vhost: {ext} sends its name instead"),
                            (None, None) => format!("with the client's Host header, not {ext} (nginx.ingress.kubernetes.io/upstream-vhost: {ext} sends its name instead)"),
                        };
                        path.hops.push(Hop {
                            kind: HopKind::Direct,
                            from: controller.clone(),
                            to: format!("external:{ext}"),
                            src: "ingress controller".into(),
                            dst: super::config::host_port(&ext, n),
                            rewritten: None,
                            explanation: format!(
                                "Service {} is an ExternalName alias of {ext}: it has no endpoints, so ingress-nginx makes {ext}:{n} the upstream itself, resolves the name (cluster DNS) and connects there from its pod, {host_header}. kube-proxy is not in this path; a controller started with --disable-svc-external-name refuses such a backend (no upstream: 503)",
                                s.name
                            ),
                            src_rewritten: None,
                        });
                        path.outcome = Outcome::External;
                        path.reason = match &found {
                            Some((ns2, name2)) => format!("via the ingress controller to {ext}:{n}, Service {name2} of namespace {ns2} in this cluster (ExternalName {})", s.name),
                            None => format!("via the ingress controller to {ext}:{n}, outside the cluster (ExternalName {})", s.name),
                        };
                    }
                }
                std::sync::Arc::make_mut(&mut services[i]).paths.push(path);
                continue;
            }
            match port {
                // ingress-nginx: a backend Service that does not exist leaves its upstream without
                // endpoints (internal/ingress/controller/controller.go createUpstreams logs
                // "Error obtaining Service %q"), and an upstream without endpoints answers 503
                None if missing => {
                    answer_503(&mut path, format!("Service {:?} does not exist in namespace {ns} (an Ingress reaches only Services of its own namespace; this entry is shown with Service {}, the one of the namespace it most likely means)", sb.name, s.name));
                }
                None => {
                    let have = s.ports.iter().map(|p| format!("{}{}→{}", p.name.as_ref().map(|n| format!("{n}:")).unwrap_or_default(), p.port, p.target_port)).collect::<Vec<_>>().join(", ");
                    answer_503(&mut path, format!("Service {} has no port {port_shown} (its ports: {have}): the backend names the Service's port, and finds none", s.name));
                }
                Some(sp) => {
                    let ready = ready_backends(s, sp, 1.0);
                    if ready.is_empty() {
                        answer_503(&mut path, format!("Service {} has no ready endpoints for port {}", s.name, sp.port));
                    } else {
                        let n = ready.len();
                        path.backends = ready;
                        let b = path.backends[0].clone();
                        let target = super::config::host_port(&b.ip, b.port);
                        let all = path.backends.iter().map(|b| super::config::host_port(&b.ip, b.port)).collect::<Vec<_>>().join(", ");
                        let pod = b.pod.clone().unwrap_or_else(|| b.ip.clone());
                        path.hops.push(Hop {
                            kind: HopKind::Forward,
                            from: controller.clone(),
                            to: format!("pod:{pod}"),
                            src: "ingress controller".into(),
                            dst: target.clone(),
                            rewritten: None,
                            explanation: format!(
                                "ingress-nginx (by default; Traefik's default too) sends to the Service's endpoints directly, not through its clusterIP — not every controller does: the AWS Load Balancer Controller's default instance targets go through a nodePort. The controller watches Service {}'s EndpointSlices and balances each request over {} itself ({all}); here {pod}. It opens its own connection from its pod, so kube-proxy's rules are not in this path and the pod sees the controller's address, not the client's (ingress-nginx passes the client's in X-Forwarded-For). With nginx.ingress.kubernetes.io/service-upstream: \"true\" ingress-nginx sends to the clusterIP instead, and kube-proxy picks",
                                s.name,
                                super::report::count(n, "ready endpoint", "ready endpoints")
                            ),
                            src_rewritten: None,
                        });
                        path.reason = format!("via the ingress controller: {}; first pick {pod}", super::report::count(n, "endpoint", "endpoints"));
                        if b.declared == Some(false) {
                            path.outcome = Outcome::UndeclaredPort;
                            // (declared with another protocol: said so, as the Service path does)
                            path.reason = super::paths::proxied_undeclared(&b);
                        }
                    }
                }
            }
            let mut notes: Vec<String> = Vec::new();
            if let Some(sp) = by_target {
                notes.push(format!(
                    "The backend's port {} is not a port of Service {} but the targetPort of its port {}: ingress-nginx, the controller drawn here, matches a targetPort too (controller.go serviceEndpoints) and routes to the pods on {}. The Ingress API names the Service's port, and other controllers (skipper, Traefik, cloud load balancers) find no such port and fail the request: set port number {} to work with any controller",
                    sb.port_number, s.name, sp.port, sp.target_port, sp.port
                ));
            }
            if class.is_none() && default_classes.len() > 1 && !o.dumped() {
                // review20: several defaults (admission.go getDefaultClass, Kubernetes 1.25+)
                notes.push(format!(
                    "Ingress {} names no class (spec.ingressClassName) and {} IngressClasses of this input are the default ({}): the DefaultIngressClass admission plugin gives it the newest of them, so which controller serves it depends on the order they were created; this path is what that controller would do",
                    o.meta.name,
                    default_classes.len(),
                    default_classes.join(", ")
                ));
            } else if class.is_none() && watcher.is_none() {
                notes.push(format!(
                    "Ingress {} names no class (spec.ingressClassName) and no IngressClass in this input is the default: controllers ignore it unless one runs with --watch-ingress-without-class (ingress-nginx) or the cluster has a default IngressClass; this path is what its controller would do if one serves it",
                    o.meta.name
                ));
            }
            // kube-proxy keeps sessionAffinity: ClientIP (its rules' `recent` match); the
            // controller's own connections skip them, so stickiness is the controller's:
            // ingress-nginx's nginx.ingress.kubernetes.io/affinity: cookie (kubernetes/ingress-nginx
            // docs examples/affinity/cookie: "set this to cookie to enable session affinity",
            // cookie INGRESSCOOKIE by default)
            if s.session_affinity == "ClientIP" && path.backends.len() > 1 {
                let cookie = o.source.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get("nginx.ingress.kubernetes.io/affinity")).and_then(|v| v.as_str()) == Some("cookie");
                notes.push(format!(
                    "Service {}'s sessionAffinity: ClientIP is not used on this path: it lives in kube-proxy's rules, and the controller sends to the endpoints itself, balancing each request over them. {}",
                    s.name,
                    if cookie {
                        "This Ingress asks ingress-nginx for nginx.ingress.kubernetes.io/affinity: cookie: a client that sends back the INGRESSCOOKIE cookie stays on one pod".to_string()
                    } else {
                        format!("For sticky sessions through the controller, ingress-nginx uses the Ingress annotation nginx.ingress.kubernetes.io/affinity: cookie (a cookie, INGRESSCOOKIE by default, pins each client to one pod); Ingress {} has none", o.meta.name)
                    }
                ));
            }
            // qa10 09, 15: what ingress-nginx speaks to the pods (annotations backend-protocol,
            // ssl-passthrough); not for the AWS Load Balancer Controller's class
            if !is_alb {
                let ann = |k: &str| o.source.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get(k)).and_then(|v| v.as_str());
                if ann("nginx.ingress.kubernetes.io/ssl-passthrough").is_some_and(go_bool_true) {
                    notes.push(ssl_passthrough_words(host, passthrough_flag));
                } else if let (Some(sp), Some(b)) = (port, path.backends.first()) {
                    if let Some(w) = plain_http_to_tls(sp, b.port, ann("nginx.ingress.kubernetes.io/backend-protocol")) {
                        notes.push(w);
                    }
                }
            }
            if !notes.is_empty() {
                path.note = Some(notes.join(" "));
            }
            std::sync::Arc::make_mut(&mut services[i]).paths.push(path);
        }
    }
}

/// networking.k8s.io/v1 IngressClass (not drawn; decoded strictly, validated on its tree):
/// pkg/apis/networking/validation/validation.go ValidateIngressClass — the name
/// (ValidateIngressClassName: NameIsDNSSubdomain; cluster-scoped), validateIngressClassSpec: the
/// controller at most 250 characters and a domain-prefixed path (apimachinery
/// util/validation IsDomainPrefixedPath), validateIngressClassParametersReference (apiGroup a
/// DNS subdomain, kind and name path segment names, scope — SetDefaults_IngressClass's Cluster
/// when unset — Cluster without a namespace or Namespace with a DNS-1123 label one). Empty for
/// other kinds.
pub fn validate_class(kind: &str, root: &Node) -> Vec<Diagnostic> {
    use super::scaling::path_segment_name;
    let mut v = super::scaling::V::new(root);
    if kind != "IngressClass" {
        return v.errs;
    }
    v.object_meta(names::dns1123_subdomain, false);
    let f = "spec.controller";
    let controller = v.str(f).unwrap_or("");
    if controller.len() > 250 {
        v.push(Diagnostic::too_long(f, v.at(f), 250));
    }
    match controller.split_once('/') {
        _ if controller.is_empty() => v.required(f, ""),
        Some((host, path)) if !host.is_empty() && !path.is_empty() => {
            for m in names::dns1123_subdomain(host) {
                v.invalid(f, &quote(host), &m);
            }
            let ok = |c: char| c.is_ascii_alphanumeric() || "/-._~%!$&'()*+,;=:".contains(c);
            if !path.chars().all(ok) {
                v.invalid(f, &quote(path), "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')");
            }
        }
        _ => v.invalid(f, &quote(controller), "must be a domain-prefixed path (such as \"acme.io/foo\")"),
    }
    if !v.present("spec.parameters") {
        if let Some(d) = default_class_note(root, &v.errs) {
            v.errs.push(d);
        }
        return v.errs;
    }
    let p = |c: &str| format!("spec.parameters.{c}");
    if let Some(g) = v.str(&p("apiGroup")) {
        for m in names::dns1123_subdomain(g) {
            v.invalid(&p("apiGroup"), &quote(g), &m);
        }
    }
    for c in ["kind", "name"] {
        match v.str(&p(c)).unwrap_or("") {
            "" => v.required(&p(c), &format!("{c} is required")),
            s => {
                for m in path_segment_name(s) {
                    v.invalid(&p(c), &quote(s), &m);
                }
            }
        }
    }
    let namespace = v.str(&p("namespace"));
    match v.str(&p("scope")).unwrap_or("Cluster") {
        "Namespace" => match namespace {
            None => v.required(&p("namespace"), "`parameters.scope` is set to 'Namespace'"),
            Some(ns) => {
                for m in names::dns1123_label(ns) {
                    v.invalid(&p("namespace"), &quote(ns), &m);
                }
            }
        },
        "Cluster" if namespace.is_some() => v.forbidden(&p("namespace"), "`parameters.scope` is set to 'Cluster'"),
        "Cluster" => {}
        other => v.not_supported(&p("scope"), other, &["Cluster", "Namespace"]),
    }
    if let Some(d) = default_class_note(root, &v.errs) {
        v.errs.push(d);
    }
    v.errs
}

/// The annotation that marks an IngressClass as the cluster's default (k8s.io/api networking/v1
/// AnnotationIsDefaultIngressClass).
pub const DEFAULT_CLASS_ANNOTATION: &str = "ingressclass.kubernetes.io/is-default-class";

/// An accepted IngressClass annotated `ingressclass.kubernetes.io/is-default-class: "true"`: an
/// info naming what it does (plugin/pkg/admission/network/defaultingressclass admission.go
/// getDefaultClass: the annotation's value is exactly "true"; Admit sets an Ingress's
/// spec.ingressClassName to it on create when neither the field nor the kubernetes.io/ingress.class
/// annotation is set). Its code `DefaultIngressClass` is how [`default_classes`] finds it.
fn default_class_note(root: &Node, errs: &[Diagnostic]) -> Option<Diagnostic> {
    if errs.iter().any(|d| d.severity == Severity::Error) {
        return None;
    }
    let meta = root.get("metadata")?;
    let v = meta.get("annotations")?.get(DEFAULT_CLASS_ANNOTATION)?;
    if v.as_str() != Some("true") {
        return None;
    }
    let name = meta.get("name").and_then(|n| n.as_str()).unwrap_or("");
    Some(
        Diagnostic::note(
            Severity::Info,
            ErrorType::Resolution,
            "DefaultIngressClass",
            format!("IngressClass {name} is the default ({DEFAULT_CLASS_ANNOTATION}: \"true\"): the DefaultIngressClass admission plugin sets spec.ingressClassName: {name} on each new Ingress that names no class"),
            v.pos,
        )
        .at_field(&format!("metadata.annotations[{DEFAULT_CLASS_ANNOTATION}]")),
    )
}

/// What the DefaultIngressClass admission plugin does with several default IngressClasses
/// (review20): plugin/pkg/admission/network/defaultingressclass/admission.go getDefaultClass
/// sorts them by creationTimestamp, newest first, a tie by name, and returns the first
/// (kubernetes/kubernetes#110974, Kubernetes 1.25: "the DefaultIngressClass admission controller
/// will choose one rather than fail"); before 1.25 it refused the Ingress.
fn several_defaults_pick(defaults: &[String]) -> String {
    let first = defaults.iter().min().map(String::as_str).unwrap_or_default();
    format!(
        "the DefaultIngressClass admission plugin sets it to the newest of them, the one created last (of classes created in the same second, as by one kubectl apply of this input, the first by name: {}) (admission.go getDefaultClass, Kubernetes 1.25 and later; earlier versions refuse the Ingress: \"{} default IngressClasses were found, only 1 allowed\")",
        first,
        defaults.len()
    )
}

/// With several IngressClasses marked default (review20), each one's `DefaultIngressClass` info
/// says that the newest of them is the one set, not always this one.
pub fn several_defaults_notes(diags: &mut [Diagnostic]) {
    let defaults = default_classes(diags);
    if defaults.len() < 2 {
        return;
    }
    let pick = several_defaults_pick(&defaults);
    for d in diags.iter_mut().filter(|d| d.code == "DefaultIngressClass") {
        let name = d.object.as_deref().and_then(|o| o.strip_prefix("IngressClass/")).unwrap_or_default().to_string();
        let others: Vec<&str> = defaults.iter().map(String::as_str).filter(|n| *n != name).collect();
        d.message = format!(
            "IngressClass {name} is marked the default ({DEFAULT_CLASS_ANNOTATION}: \"true\"), and so {} {}: for a new Ingress that names no class, {pick}",
            if others.len() == 1 { "is" } else { "are" },
            others.join(", ")
        );
    }
}

/// The IngressClasses of the input marked default (their `DefaultIngressClass` infos).
/// The ingress-nginx controller of the input that serves Ingresses naming no class: a container
/// run with `--watch-ingress-without-class` (true: the bare flag, or a strconv.ParseBool true;
/// kubernetes/ingress-nginx pkg/flags/flags.go `watch-ingress-without-class`, "Define if Ingress
/// Controller should also watch for Ingresses without an IngressClass or the annotation
/// specified"), as kind's deploy-ingress-nginx.yaml runs it. Its store takes such an Ingress
/// (internal/ingress/controller/store/store.go GetIngressClass: "Then we accept if the
/// WithoutClass is enabled", the "_" class) instead of "ingress does not contain a valid
/// IngressClass". The object's id, the first such.
pub fn watcher_without_class(objects: &[Object]) -> Option<String> {
    const FLAG: &str = "watch-ingress-without-class";
    objects.iter().find_map(|o| written_containers(o)?.iter().any(|c| container_args(c).any(|a| go_bool_flag_on(a, FLAG))).then(|| o.id()))
}

/// Go's strconv.ParseBool true (ingress-nginx parser.GetBoolAnnotation).
fn go_bool_true(v: &str) -> bool {
    matches!(v, "1" | "t" | "T" | "true" | "TRUE" | "True")
}

/// Whether the command-line word `arg` turns the bool flag `flag` on, as Go's flag package reads
/// it: `-flag`, `--flag`, or `--flag=` a value strconv.ParseBool takes as true.
fn go_bool_flag_on(arg: &str, flag: &str) -> bool {
    let arg = arg.strip_prefix("--").or_else(|| arg.strip_prefix('-')).unwrap_or("");
    match arg.strip_prefix(flag) {
        Some("") => true,
        Some(v) => v.strip_prefix('=').is_some_and(go_bool_true),
        None => false,
    }
}

/// The containers of a pod's or workload's pod spec as written, None for a refused object or
/// any other kind ([`watcher_without_class`], [`controller_flag`]).
fn written_containers(o: &Object) -> Option<&[Node]> {
    if o.refused {
        return None;
    }
    let spec = match &o.body {
        Body::Pod(..) => o.source.get("spec"),
        Body::Workload(_) => o.source.get("spec").and_then(|s| s.get("template")).and_then(|t| t.get("spec")),
        _ => None,
    }?;
    match &spec.get("containers")?.kind {
        NodeKind::Seq(containers) => Some(containers),
        _ => None,
    }
}

/// A written container's `command` then `args` words.
fn container_args(c: &Node) -> impl Iterator<Item = &str> {
    ["command", "args"].into_iter().flat_map(move |k| match c.get(k).map(|n| &n.kind) {
        Some(NodeKind::Seq(items)) => items.as_slice(),
        _ => &[],
    }).filter_map(|i| i.as_str())
}

/// Whether the input's ingress-nginx controller (a pod or workload whose container runs
/// `/nginx-ingress-controller`, as its deploy manifests and chart do) is started with the flag
/// `--<flag>` (Go's flag package: `-flag`, `--flag`, `--flag=true`); None when the input holds no
/// such controller. Read while the trees are whole.
pub fn controller_flag(objects: &[Object], flag: &str) -> Option<bool> {
    objects.iter().find_map(|o| {
        written_containers(o)?.iter().find_map(|c| {
            container_args(c).any(|a| a.ends_with("/nginx-ingress-controller") || a == "nginx-ingress-controller").then(|| container_args(c).any(|a| go_bool_flag_on(a, flag)))
        })
    })
}

/// qa10 09 (kubernetes/ingress-nginx#4473: an ASP.NET app serving HTTPS on 443 behind Service
/// port 443, "502 Bad Gateway"): ingress-nginx speaks the annotation
/// nginx.ingress.kubernetes.io/backend-protocol to the pods, HTTP when it is absent or not one of
/// AUTO_HTTP, HTTP, HTTPS, AJP, GRPC, GRPCS (internal/ingress/annotations/backendprotocol/main.go
/// Parse: `return HTTP, nil`; review25: v1.15 validProtocols also takes FCGI — the FastCGI
/// backends of docs/user-guide/fcgi-services.md — and no longer AJP, so neither is said to be
/// unknown). A backend whose Service port or pod port is 443, or is named or
/// targets `https`, or whose appProtocol is https, is most likely a TLS server: plain HTTP to it
/// fails (nginx's 400 "The plain HTTP request was sent to HTTPS port" from an nginx backend,
/// which the controller passes on; a close or reset from others, which it answers with 502).
/// None when the annotation says otherwise.
fn plain_http_to_tls(sp: &super::service::SvcPort, pod_port: i64, annotation: Option<&str>) -> Option<String> {
    let proto = annotation.map(|a| a.trim().to_ascii_uppercase()).filter(|p| matches!(p.as_str(), "AUTO_HTTP" | "HTTP" | "HTTPS" | "AJP" | "GRPC" | "GRPCS" | "FCGI")).unwrap_or_else(|| "HTTP".into());
    if proto != "HTTP" {
        return None;
    }
    let https = |s: &str| s.eq_ignore_ascii_case("https");
    let why = if sp.port == 443 || pod_port == 443 {
        format!("port {}", if pod_port == 443 { 443 } else { sp.port })
    } else if sp.name.as_deref().is_some_and(https) || https(&sp.target_port.to_string()) {
        "a port named https".to_string()
    } else if sp.app_protocol.as_deref().is_some_and(https) {
        "appProtocol https".to_string()
    } else {
        return None;
    };
    let said = match annotation {
        Some(a) if a.trim().eq_ignore_ascii_case("HTTP") => "nginx.ingress.kubernetes.io/backend-protocol is HTTP".to_string(),
        Some(a) => format!("nginx.ingress.kubernetes.io/backend-protocol \"{a}\" is not one it knows, so it uses HTTP"),
        None => "nginx.ingress.kubernetes.io/backend-protocol is not set, and HTTP is its default".to_string(),
    };
    Some(format!(
        "ingress-nginx speaks plain HTTP to the pods on {why} ({said}): if they serve HTTPS there, the TLS server refuses the request: an nginx backend answers 400 \"The plain HTTP request was sent to HTTPS port\", which the controller passes on to the client, and a server that closes or resets the connection instead makes the controller answer 502 Bad Gateway. Set nginx.ingress.kubernetes.io/backend-protocol: \"HTTPS\" on the Ingress for a TLS backend"
    ))
}

/// qa10 15 (kubernetes/ingress-nginx#6722: ssl-passthrough and backend-protocol HTTPS on one
/// Ingress): docs/user-guide/nginx-configuration/annotations.md "SSL Passthrough" — "disabled by
/// default and requires starting the controller with the --enable-ssl-passthrough flag";
/// "Because SSL Passthrough works on layer 4 of the OSI model (TCP) and not on the layer 7
/// (HTTP), using SSL Passthrough invalidates all the other annotations set on an Ingress
/// object". The controller hands a TLS connection on its HTTPS port to the backend by the SNI
/// host name, so a rule needs a host. `flag`: [`controller_flag`].
fn ssl_passthrough_words(host: Option<&str>, flag: Option<bool>) -> String {
    let flag_words = match flag {
        Some(false) => "; the input's ingress-nginx controller runs without it, so the annotation is ignored there and the controller handles the request as drawn (its other annotations apply)",
        Some(true) => "; the input's ingress-nginx controller runs with it",
        None => "",
    };
    let host_words = match host {
        Some(h) => format!("TLS connections for {h} on port 443 are handed, still encrypted, to the endpoints by their SNI name, so the pods must serve TLS with their own certificate"),
        None => "this rule has no host, and passthrough picks the backend by the TLS SNI name: give the rule a host".to_string(),
    };
    format!(
        "nginx.ingress.kubernetes.io/ssl-passthrough: \"true\" works only when the controller is started with --enable-ssl-passthrough (off by default){flag_words}. With it, {host_words}; it works at layer 4 (TCP), so every other annotation of this Ingress (backend-protocol, rewrite-target, …) is ignored and no path rule applies"
    )
}

pub fn default_classes(diags: &[Diagnostic]) -> Vec<String> {
    diags.iter().filter(|d| d.code == "DefaultIngressClass").filter_map(|d| d.object.as_deref()?.strip_prefix("IngressClass/")).map(str::to_string).collect()
}

/// The class an Ingress is served by: spec.ingressClassName, else the legacy annotation
/// kubernetes.io/ingress.class, else the one default IngressClass of the input, which the
/// DefaultIngressClass admission plugin writes into the field on create (admission.go Admit).
/// `(class, defaulted)`.
pub fn class_of(o: &Object, defaults: &[String]) -> Option<(String, bool)> {
    if let Some(c) = o.source.get("spec").and_then(|s| s.get("ingressClassName")).and_then(|c| c.as_str()) {
        return Some((c.to_string(), false));
    }
    if let Some(c) = o.source.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get("kubernetes.io/ingress.class")) {
        return Some((c.as_str().unwrap_or("").to_string(), false));
    }
    match defaults {
        [one] if !o.dumped() => Some((one.clone(), true)),
        _ => None,
    }
}

/// An accepted Ingress that names no class (learner11 q/08): what the admission and the
/// controllers make of it. With one default IngressClass in the input the DefaultIngressClass
/// admission plugin sets the field (plugin/pkg/admission/network/defaultingressclass admission.go
/// Admit); with none, controllers skip it: ingress-nginx logs "ingress does not contain a valid
/// IngressClass" (internal/ingress/controller/store/store.go) unless it runs with
/// --watch-ingress-without-class (charts/ingress-nginx values.yaml watchIngressWithoutClass,
/// "Defaults to false"); with more than one, getDefaultClass picks the newest (Kubernetes 1.25+,
/// kubernetes/kubernetes#110974; it failed before: "%d default IngressClasses were found, only
/// 1 allowed").
/// ingress-nginx's rewrite-target with a capture group reference ($1…$9) on a path without a
/// capture group (qa4 22, kubernetes/website#46546: rewrite-target /$1 with path /): the
/// controller writes `rewrite "(?i)<path>" <target> break;` (kubernetes/ingress-nginx
/// internal/ingress/controller/template/template.go buildProxyPass), so $1 is empty and every
/// request reaches the backend as the target's literal part. Capture groups since 0.22.0
/// (docs/examples/rewrite/README.md).
pub fn rewrite_notes(o: &Object, spec: &IngressSpec, diags: &mut Vec<Diagnostic>) {
    const KEY: &str = "nginx.ingress.kubernetes.io/rewrite-target";
    let Some(node) = o.source.get("metadata").and_then(|m| m.get("annotations")).and_then(|a| a.get(KEY)) else { return };
    let Some(target) = node.as_str() else { return };
    let groups: Vec<&str> = target.match_indices('$').filter_map(|(i, _)| target.get(i..i + 2).filter(|g| g.as_bytes()[1].is_ascii_digit())).collect();
    if groups.is_empty() {
        return;
    }
    let literal: String = {
        let mut t = target.to_string();
        for g in &groups {
            t = t.replace(g, "");
        }
        if t.is_empty() { "/".to_string() } else { t }
    };
    // (one warning, for the first path without a group)
    let Some(p) = spec.rules.iter().flat_map(|r| r.paths.iter()).find(|p| !p.path.contains('(')) else { return };
    let path = if p.path.is_empty() { "/" } else { p.path.as_str() };
    let backend = p.backend.service.as_ref().map(|b| b.name.clone()).unwrap_or_else(|| "the backend".to_string());
    diags.push(
        Diagnostic::note(
            Severity::Warning,
            ErrorType::Resolution,
            "RewriteTargetNoCaptureGroup",
            format!(
                "{KEY}: {target} uses {} but path {path} has no capture group: ingress-nginx writes rewrite \"(?i){path}\" {target} break;, so {} empty and {backend} receives every request under {path} as {literal}. Drop the annotation, or capture in the path (path: {}(.*), pathType: ImplementationSpecific, nginx.ingress.kubernetes.io/use-regex: \"true\")",
                groups.join(", "),
                if groups.len() == 1 { format!("{} is", groups[0]) } else { format!("{} are", groups.join(", ")) },
                path.trim_end_matches('/').to_string() + "/"
            ),
            node.pos,
        )
        .on(&o.id())
        .at_field(&format!("metadata.annotations[{KEY}]")),
    );
}

/// One `spec.tls` item as written: its hosts (with positions), its secretName (None: absent or
/// empty) and where the item starts.
struct TlsItem<'a> {
    hosts: Vec<(&'a str, super::yaml::Pos)>,
    secret: Option<&'a str>,
    pos: super::yaml::Pos,
}

fn tls_items(o: &Object) -> Vec<TlsItem<'_>> {
    let items: &[Node] = match o.source.get("spec").and_then(|s| s.get("tls")).map(|t| &t.kind) {
        Some(super::yaml::NodeKind::Seq(v)) => v,
        _ => &[],
    };
    items
        .iter()
        .map(|item| TlsItem {
            hosts: match item.get("hosts").map(|h| &h.kind) {
                Some(super::yaml::NodeKind::Seq(v)) => v.iter().filter_map(|h| Some((h.as_str()?, h.pos))).collect(),
                _ => Vec::new(),
            },
            secret: item.get("secretName").and_then(|n| n.as_str()).filter(|n| !n.is_empty()),
            pos: item.pos,
        })
        .collect()
}

/// The secretName the controller uses for a rule's `host`: ingress-nginx
/// internal/ingress/controller/controller.go extractTLSSecretName — the first spec.tls item
/// listing the host (compared in lower case) gives its secretName, empty or not; else a
/// secretName whose certificate covers the host (VerifyHostname: not modelled here, the
/// certificate's names are not read). (item index, secretName) of the first item listing it.
fn tls_secret_for<'a>(items: &[TlsItem<'a>], host: &str) -> Option<(usize, Option<&'a str>)> {
    items.iter().enumerate().find(|(_, t)| t.hosts.iter().any(|(h, _)| h.eq_ignore_ascii_case(host))).map(|(i, t)| (i, t.secret))
}

const FAKE_CERT: &str = "its default certificate (ingress-nginx: \"Kubernetes Ingress Controller Fake Certificate\", which no browser trusts)";

/// What a wildcard rule host covers (qa7 06, kubernetes/ingress-nginx#8438; #9510): k8s.io/api
/// networking/v1 types.go IngressRule.Host: "If host is a wildcard, then the request matches this
/// rule if the http host header is to equal to the suffix (removing the first label) of the
/// wildcard rule" — one label: the Ingress concept's table, `*.foo.com` matches `bar.foo.com`, not
/// `baz.bar.foo.com` ("wildcard only covers a single DNS label") nor `foo.com`. Empty for a
/// precise host.
fn wildcard_words(host: &str) -> String {
    let Some(suffix) = host.strip_prefix('*') else { return String::new() };
    format!(" (a wildcard host stands for exactly one DNS label: a{suffix} matches it, a.b{suffix} and {} do not)", suffix.trim_start_matches('.'))
}

/// qa6 22, 23 (kubernetes/ingress-nginx#1044, #4909, #1641): what ingress-nginx does with an
/// Ingress's spec.tls. k8s.io/api networking/v1 types.go IngressTLS: `hosts` "must match the
/// name(s) specified in the tls secret", secretName "is left optional to allow TLS routing
/// based on SNI hostname alone"; the certificate is picked per server, and the servers are
/// the rules' hosts (ingress-nginx controller.go createServers: "configure default location,
/// alias, and SSL" loops over `ing.Spec.Rules`, a rule without host is the catch-all server
/// `_`; extractTLSSecretName per host; "Host %q is listed in the TLS section but secretName is
/// empty. Using default certificate"). So: a spec.tls host that no rule of the Ingress has
/// never gets this Ingress's certificate (a request for it meets the rule without host, whose
/// server has the default certificate); a host listed in an item without secretName gets the
/// default certificate. Not for class alb (the AWS Load Balancer Controller takes its
/// certificates from ACM).
pub fn tls_notes(o: &Object, spec: &IngressSpec, defaults: &[String], diags: &mut Vec<Diagnostic>) {
    if class_of(o, defaults).is_some_and(|(c, _)| c == "alb") {
        return;
    }
    let items = tls_items(o);
    if items.is_empty() {
        return;
    }
    let id = o.id();
    let rule_hosts: Vec<&str> = spec.rules.iter().map(|r| r.host.as_str()).filter(|h| !h.is_empty()).collect();
    let catch_all = spec.default_backend.is_some() || spec.rules.iter().any(|r| r.host.is_empty());
    for (t, item) in items.iter().enumerate() {
        for (j, (host, pos)) in item.hosts.iter().enumerate() {
            // (a wildcard host covers rule hosts through the certificate's names: not modelled)
            if host.contains('*') || rule_hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
                continue;
            }
            let secret = item.secret.map(|s| format!("Secret {s}")).unwrap_or_else(|| "no certificate".into());
            let then = if catch_all {
                format!("a request for {host} meets the rule without host (the controller's catch-all server), which is served with {FAKE_CERT}")
            } else {
                format!("this Ingress routes no request for {host}")
            };
            let rules = if rule_hosts.is_empty() { "no rule of this Ingress names a host".to_string() } else { format!("its rules' hosts are {}", rule_hosts.join(", ")) };
            diags.push(
                Diagnostic::note(Severity::Warning, ErrorType::Resolution, "IngressTLSHostNotInRules",
                    format!("spec.tls[{t}].hosts[{j}] {host} is the host of no rule ({rules}): ingress-nginx picks a certificate only for the hosts of the rules (controller.go createServers; other controllers may differ), so there {secret} is never used for {host}, and {then}"),
                    *pos)
                .hint(format!("Write host: {host} in the rule (spec.rules[].host) that should answer it"))
                .on(&id),
            );
        }
    }
    // hosts whose first listing item has no secretName
    let mut warned: Vec<usize> = Vec::new();
    for h in &rule_hosts {
        let Some((t, None)) = tls_secret_for(&items, h) else { continue };
        if warned.contains(&t) {
            continue;
        }
        warned.push(t);
        let hosts: Vec<&str> = items[t].hosts.iter().map(|(h, _)| *h).filter(|h| rule_hosts.iter().any(|r| r.eq_ignore_ascii_case(h))).collect();
        let elsewhere: Vec<String> = items.iter().enumerate().filter(|(i, it)| *i != t && it.hosts.is_empty() && it.secret.is_some()).map(|(i, it)| format!("spec.tls[{i}] has secretName {} but no hosts", it.secret.unwrap_or_default())).collect();
        let (msg_tail, hint) = match elsewhere.first() {
            Some(e) => (format!("; {e}: a secretName applies to the hosts of its own item, so put both in one item"), format!("Move secretName: {} into spec.tls[{t}], beside its hosts", items.iter().find(|it| it.hosts.is_empty() && it.secret.is_some()).and_then(|it| it.secret).unwrap_or_default())),
            None => (String::new(), format!("Set spec.tls[{t}].secretName to the kubernetes.io/tls Secret holding the certificate for {}", hosts.join(", "))),
        };
        diags.push(
            Diagnostic::note(Severity::Warning, ErrorType::Resolution, "IngressTLSWithoutSecret",
                format!("spec.tls[{t}] lists {} without a secretName: the controller terminates TLS for {} with {FAKE_CERT}{msg_tail}", hosts.join(", "), if hosts.len() == 1 { "it" } else { "them" }),
                items[t].pos)
            .hint(hint)
            .on(&id),
        );
    }
}

/// qa6 24 (MicrosoftDocs/azure-docs#64792): spec.tls[].secretName names a Secret of the
/// Ingress's own namespace — IngressTLS has no namespace field (k8s.io/api networking/v1
/// types.go), and ingress-nginx looks it up as `ing.Namespace/secretName` (controller.go
/// createServers: `secrKey := fmt.Sprintf("%v/%v", ing.Namespace, tlsSecretName)`, "Error
/// getting SSL certificate … Using default certificate"). Said when the input creates a Secret
/// of that name only in other namespaces (`created`: kind, namespace, name).
pub fn tls_secret_notes(objects: &[Object], created: &[(&str, &str, &str)], diags: &mut Vec<Diagnostic>) {
    for o in objects.iter().filter(|o| !o.refused && !o.dumped() && matches!(o.body, super::model::Body::Ingress(_))) {
        let ns = o.meta.namespace.as_str();
        for (t, item) in tls_items(o).iter().enumerate() {
            let Some(secret) = item.secret else { continue };
            if created.iter().any(|(k, n, name)| *k == "Secret" && *n == ns && *name == secret) {
                continue;
            }
            let others: Vec<&str> = created.iter().filter(|(k, n, name)| *k == "Secret" && *n != ns && *name == secret).map(|(_, n, _)| *n).collect();
            if others.is_empty() {
                continue;
            }
            let f = format!("spec.tls[{t}].secretName");
            let hosts: Vec<&str> = item.hosts.iter().map(|(h, _)| *h).collect();
            let for_hosts = if hosts.is_empty() { String::new() } else { format!(" for {}", hosts.join(", ")) };
            diags.push(
                Diagnostic::note(Severity::Warning, ErrorType::Resolution, "IngressTLSSecretNotFound",
                    format!("{f} {secret}: no Secret {secret} in namespace {ns}, the Ingress's own (this input creates one in namespace {}): an Ingress can name only a Secret of its own namespace, so the controller does not find it and serves {FAKE_CERT}{for_hosts}", others.join(", ")),
                    o.pos(&f))
                .hint(format!("Create the Secret {secret} in namespace {ns}"))
                .on(&o.id()),
            );
        }
    }
}

pub fn class_notes(o: &Object, defaults: &[String], watcher: Option<&str>, diags: &mut Vec<Diagnostic>) {
    let message = match class_of(o, defaults) {
        Some((_, false)) => return,
        Some((c, true)) => format!(
            "spec.ingressClassName is not set: the DefaultIngressClass admission plugin sets it to {c}, the IngressClass marked {DEFAULT_CLASS_ANNOTATION}: \"true\", when the Ingress is created; the controller of class {c} serves it"
        ),
        // review20: since Kubernetes 1.25 (kubernetes/kubernetes#110974) getDefaultClass sorts
        // the defaults newest first (a later creationTimestamp first, on a tie the lower name)
        // and returns the first; before, it failed ("%d default IngressClasses were found, only
        // 1 allowed"). Which one that is depends on when each class was created
        None if defaults.len() > 1 => format!(
            "spec.ingressClassName is not set and {} IngressClasses are marked {DEFAULT_CLASS_ANNOTATION}: \"true\" ({}): {}, so which controller serves this Ingress depends on the order those classes were created; set spec.ingressClassName, or mark only one class default",
            defaults.len(),
            defaults.join(", "),
            several_defaults_pick(defaults)
        ),
        // an ingress-nginx of the input run with --watch-ingress-without-class takes it
        // (store.go GetIngressClass: the "_" class): an info (kind's ingress docs, corpus12).
        // Not "other controllers ignore it" (review24): Traefik's Ingress provider with its
        // ingressClass option unset processes Ingresses without a class too (its docs)
        None if watcher.is_some() => {
            let w = watcher.unwrap_or_default();
            let msg = format!(
                "spec.ingressClassName is not set (nor the annotation kubernetes.io/ingress.class) and no IngressClass in this input is marked {DEFAULT_CLASS_ANNOTATION}: \"true\", but the ingress-nginx controller {w} runs with --watch-ingress-without-class, so it serves this Ingress (a controller that does not take Ingresses without a class ignores it)"
            );
            let pos = o.source.get("spec").map(|s| s.pos).unwrap_or(o.source.pos);
            diags.push(Diagnostic::note(Severity::Info, ErrorType::Resolution, "IngressClassName", msg, pos).on(&o.id()).at_field("spec.ingressClassName"));
            return;
        }
        None => format!(
            "spec.ingressClassName is not set (nor the annotation kubernetes.io/ingress.class) and no IngressClass in this input is marked {DEFAULT_CLASS_ANNOTATION}: \"true\": ingress controllers ignore an Ingress without a class (ingress-nginx: \"ingress does not contain a valid IngressClass\") unless the cluster has a default IngressClass (the DefaultIngressClass admission plugin then sets the field on create) or the controller runs with --watch-ingress-without-class; set spec.ingressClassName to your controller's class (kubectl get ingressclass)"
        ),
    };
    let pos = o.source.get("spec").map(|s| s.pos).unwrap_or(o.source.pos);
    // no class and no default IngressClass: a warning, the controllers ignore it (qa4 10:
    // the asker's 404); the admission plugin's defaulting stays an info
    let severity = if class_of(o, defaults).is_none() { Severity::Warning } else { Severity::Info };
    diags.push(Diagnostic::note(severity, ErrorType::Resolution, "IngressClassName", message, pos).on(&o.id()).at_field("spec.ingressClassName"));
}

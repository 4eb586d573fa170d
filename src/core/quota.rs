//! core/v1 ResourceQuota and LimitRange: not drawn, decoded strictly (the generated tables) and
//! validated on their tree as the API server does (kubernetes/kubernetes
//! pkg/apis/core/validation/validation.go), so a quota on an unknown resource or a LimitRange
//! whose default exceeds its max is an error, not "read and ignored".
//!
//! * ResourceQuota: ValidateResourceQuota (ValidateResourceQuotaName: NameIsDNSSubdomain;
//!   namespaced) → ValidateResourceQuotaSpec: each `hard` key ValidateResourceQuotaResourceName
//!   (validateResourceName, then without a `/` a quota resource:
//!   helper.IsStandardQuotaResourceName), each value ValidateResourceQuantityValue (not negative;
//!   a whole number for the integer resources: object counts and extended resources);
//!   validateResourceQuotaScopes (known scope, applicable to every standard `hard` resource, no
//!   conflicting pair); validateScopedResourceSelectorRequirement. `status` is cleared on create
//!   (the strategy's PrepareForCreate), never validated. Scopes as pkg/apis/core/helper
//!   helpers.go IsStandardResourceQuotaScope / IsResourceQuotaScopeValidForResource, plus
//!   VolumeAttributesClass accepted unchecked.
//! * LimitRange: ValidateLimitRange (ValidateLimitRangeName; namespaced) after
//!   SetDefaults_LimitRangeItem (pkg/apis/core/v1/defaults.go: for a Container item, default ←
//!   max, defaultRequest ← default, then ← min, each where unset): the type
//!   (validateLimitRangeTypeName), no type twice, resource names (container ones for Pod and
//!   Container items), no default / defaultRequest on a Pod item, a PersistentVolumeClaim item's
//!   storage min or max, then per resource min ≤ defaultRequest ≤ default ≤ max, a
//!   maxLimitRequestRatio ≥ 1 and ≤ max/min, and default = defaultRequest for resources that may
//!   not be overcommitted. Go ranges over maps in random order; here resources go in written
//!   order.

use super::diag::{quote, Diagnostic};
use super::quantity::Quantity;
use super::scaling::V;
use super::yaml::{Node, Pos};

/// The errors of one ResourceQuota or LimitRange (none for other kinds).
pub fn validate(kind: &str, root: &Node) -> Vec<Diagnostic> {
    let mut v = V::new(root);
    match kind {
        "ResourceQuota" => {
            v.object_meta(super::names::dns1123_subdomain, true);
            quota_spec(&mut v);
        }
        "LimitRange" => {
            v.object_meta(super::names::dns1123_subdomain, true);
            for i in 0..v.items("spec.limits").len() {
                limit_range_item(&mut v, i);
            }
        }
        _ => {}
    }
    v.errs
}

/// helper.IsStandardQuotaResourceName's list (standardQuotaResources: the standard resources
/// but `storage`), besides hugepages-* and requests.hugepages-*.
const QUOTA_RESOURCES: &[&str] = &[
    "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.storage", "requests.ephemeral-storage", "limits.cpu",
    "limits.memory", "limits.ephemeral-storage", "pods", "resourcequotas", "services", "replicationcontrollers", "secrets",
    "persistentvolumeclaims", "configmaps", "services.nodeports", "services.loadbalancers",
];

fn quota_resource(name: &str) -> bool {
    QUOTA_RESOURCES.contains(&name) || name.starts_with("hugepages-") || name.starts_with("requests.hugepages-")
}

/// helper.IsIntegerResourceName: object counts and extended resources.
pub(crate) fn integer_resource(name: &str) -> bool {
    matches!(
        name,
        "pods" | "resourcequotas" | "services" | "replicationcontrollers" | "secrets" | "configmaps" | "persistentvolumeclaims" | "services.nodeports" | "services.loadbalancers"
    ) || super::model::extended_resource(name)
}

/// ValidateResourceQuantityValue: not negative (ValidateNonnegativeQuantity), a whole number for
/// an integer resource.
fn quantity_value(v: &mut V, field: &str, resource: &str, q: &Quantity, pos: Pos) {
    let shown = quote(&q.to_go_string());
    if q.is_negative() {
        v.push(Diagnostic::invalid(field, pos, &shown, "must be greater than or equal to 0"));
    }
    if integer_resource(resource) && !q.is_whole() {
        v.push(Diagnostic::invalid(field, pos, &shown, "must be an integer"));
    }
}

fn name_errors(v: &mut V, field: &str, name: &str, pos: Pos, msgs: Vec<String>) {
    for m in msgs {
        v.push(Diagnostic::invalid(field, pos, &quote(name), &m));
    }
}

/// IsResourceQuotaScopeValidForResource: the pod scopes apply to pods and compute resources
/// (BestEffort to pods alone).
fn scope_applies(scope: &str, resource: &str) -> bool {
    let count = resource == "pods";
    let compute = matches!(resource, "cpu" | "memory" | "limits.cpu" | "limits.memory" | "requests.cpu" | "requests.memory");
    match scope {
        "Terminating" | "NotTerminating" | "NotBestEffort" | "PriorityClass" | "CrossNamespacePodAffinity" => count || compute,
        "BestEffort" => count,
        _ => true,
    }
}

const SCOPES: &[&str] = &["Terminating", "NotTerminating", "BestEffort", "NotBestEffort", "PriorityClass", "CrossNamespacePodAffinity", "VolumeAttributesClass"];

/// ValidateResourceQuotaSpec.
fn quota_spec(v: &mut V) {
    let hard = v.entries("spec.hard");
    for (k, value, pos) in &hard {
        let f = format!("spec.hard[{k}]");
        let mut msgs = super::model::resource_name_errors(k);
        if !k.contains('/') && !quota_resource(k) {
            msgs.push("must be a standard resource for quota".into());
        }
        name_errors(v, &f, k, *pos, msgs);
        if let Some(q) = super::quantity::of_node(value) {
            quantity_value(v, &f, k, &q, value.pos);
        }
    }
    // sets.List(hardLimits): the standard ones, sorted
    let mut standard: Vec<&str> = hard.iter().map(|(k, _, _)| *k).filter(|k| quota_resource(k)).collect();
    crate::core::sort::sort(&mut standard);
    let scopes = v.strs("spec.scopes");
    if !scopes.is_empty() {
        let shown = super::rbac::json_strings(&scopes);
        for s in &scopes {
            if !SCOPES.contains(s) {
                v.invalid("spec.scopes", &shown, "unsupported scope");
            }
            for _ in standard.iter().filter(|k| !scope_applies(s, k)) {
                v.invalid("spec.scopes", &shown, "unsupported scope applied to resource");
            }
        }
        conflicting(v, &scopes, "spec.scopes", &shown);
    }
    let exprs = v.items("spec.scopeSelector.matchExpressions").len();
    let mut names = Vec::new();
    for i in 0..exprs {
        let p = format!("spec.scopeSelector.matchExpressions[{i}]");
        let f = "spec.scopeSelector.matchExpressions";
        let scope = v.str(&format!("{p}.scopeName")).unwrap_or("");
        if !SCOPES.contains(&scope) {
            let d = Diagnostic::invalid(&format!("{f}.scopeName"), v.at(&format!("{p}.scopeName")), &quote(scope), "unsupported scope");
            v.push(d);
        }
        for _ in standard.iter().filter(|k| !scope_applies(scope, k)) {
            // the value is the whole (internal, untagged) ScopeSelector, printed as its JSON
            let shown = scope_selector_json(v);
            let d = Diagnostic::invalid(f, v.at(&p), &shown, "unsupported scope applied to resource");
            v.push(d);
        }
        let op = v.str(&format!("{p}.operator")).unwrap_or("");
        let values = v.strs(&format!("{p}.values"));
        if matches!(scope, "BestEffort" | "NotBestEffort" | "Terminating" | "NotTerminating" | "CrossNamespacePodAffinity") && op != "Exists" {
            let d = Diagnostic::invalid(
                &format!("{f}.operator"),
                v.at(&format!("{p}.operator")),
                &quote(op),
                "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
            );
            v.push(d);
        }
        match op {
            "In" | "NotIn" if values.is_empty() => {
                let d = Diagnostic::required(&format!("{f}.values"), v.at(&p), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector");
                v.push(d);
            }
            "Exists" | "DoesNotExist" if !values.is_empty() => {
                let d = Diagnostic::invalid(
                    &format!("{f}.values"),
                    v.at(&format!("{p}.values")),
                    &super::rbac::json_strings(&values),
                    "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector",
                );
                v.push(d);
            }
            "In" | "NotIn" | "Exists" | "DoesNotExist" => {}
            _ => {
                let d = Diagnostic::invalid(&format!("{f}.operator"), v.at(&format!("{p}.operator")), &quote(op), "not a valid selector operator");
                v.push(d);
            }
        }
        names.push(scope);
    }
    if exprs > 0 {
        // (upstream prints spec.scopes here, whatever the selector says)
        let shown = if scopes.is_empty() { "null".to_string() } else { super::rbac::json_strings(&scopes) };
        conflicting(v, &names, "spec.scopeSelector.matchExpressions", &shown);
    }
}

/// json.Marshal of the internal core.ScopeSelector (no json tags: Go field names).
fn scope_selector_json(v: &V) -> String {
    let exprs: Vec<String> = (0..v.items("spec.scopeSelector.matchExpressions").len())
        .map(|i| {
            let p = format!("spec.scopeSelector.matchExpressions[{i}]");
            let values = v.strs(&format!("{p}.values"));
            let values = if values.is_empty() { "null".to_string() } else { super::rbac::json_strings(&values) };
            let s = |f: &str| quote(v.str(&format!("{p}.{f}")).unwrap_or(""));
            format!("{{\"ScopeName\":{},\"Operator\":{},\"Values\":{values}}}", s("scopeName"), s("operator"))
        })
        .collect();
    format!("{{\"MatchExpressions\":[{}]}}", exprs.join(","))
}

fn conflicting(v: &mut V, scopes: &[&str], field: &str, shown: &str) {
    for (a, b) in [("BestEffort", "NotBestEffort"), ("Terminating", "NotTerminating")] {
        if scopes.contains(&a) && scopes.contains(&b) {
            v.invalid(field, shown, "conflicting scopes");
        }
    }
}

/// One bag of a LimitRange item (`max`, `min`...): (resource, quantity, where the value is), in
/// written order, each resource name checked (container resource names for Pod and Container
/// items: validateLimitRangeResourceName).
fn bag<'a>(v: &mut V<'a>, p: &str, which: &str, container_names: bool) -> Vec<(&'a str, Quantity, Pos)> {
    let f = format!("{p}.{which}");
    let mut out = Vec::new();
    for (k, value, pos) in v.entries(&f) {
        let field = format!("{f}[{k}]");
        let msgs = if container_names { super::model::container_resource_name_errors(k) } else { super::model::resource_name_errors(k) };
        name_errors(v, &field, k, pos, msgs);
        if let Some(q) = super::quantity::of_node(value) {
            out.push((k, q, value.pos));
        }
    }
    out
}

/// One `spec.limits[i]` of ValidateLimitRange, after SetDefaults_LimitRangeItem.
fn limit_range_item<'a>(v: &mut V<'a>, i: usize) {
    let p = format!("spec.limits[{i}]");
    let ty = v.str(&format!("{p}.type")).unwrap_or("");
    // validateLimitRangeTypeName
    let type_f = format!("{p}.type");
    let mut msgs = super::names::qualified_name(ty);
    if msgs.is_empty() && !ty.contains('/') && !matches!(ty, "Pod" | "Container" | "PersistentVolumeClaim") {
        msgs.push("must be a standard limit type or fully qualified".into());
    }
    let type_pos = v.at(&type_f);
    name_errors(v, &type_f, ty, type_pos, msgs);
    let earlier = (0..i).any(|j| v.str(&format!("spec.limits[{j}].type")).unwrap_or("") == ty);
    if earlier {
        v.push(Diagnostic::duplicate(&type_f, type_pos, &quote(ty)));
    }
    let container_names = matches!(ty, "Pod" | "Container");
    let bag = |v: &mut V<'a>, which: &str| bag(v, &p, which, container_names);
    let max = bag(v, "max");
    let min = bag(v, "min");
    let (mut default, mut default_request) = (Vec::new(), Vec::new());
    if ty == "Pod" {
        for which in ["default", "defaultRequest"] {
            if !v.entries(&format!("{p}.{which}")).is_empty() {
                v.forbidden(&format!("{p}.{which}"), "may not be specified when `type` is 'Pod'");
            }
        }
    } else {
        default = bag(v, "default");
        default_request = bag(v, "defaultRequest");
    }
    if ty == "Container" {
        // SetDefaults_LimitRangeItem
        for (k, q, pos) in &max {
            if !default.iter().any(|(d, _, _)| d == k) {
                default.push((k, q.clone(), *pos));
            }
        }
        for (k, q, pos) in default.iter().chain(&min) {
            if !default_request.iter().any(|(d, _, _)| d == k) {
                default_request.push((k, q.clone(), *pos));
            }
        }
    }
    if ty == "PersistentVolumeClaim" && !min.iter().chain(&max).any(|(k, _, _)| *k == "storage") {
        v.required(&format!("{p}.limits"), "either minimum or maximum storage value is required, but neither was provided");
    }
    let ratio = bag(v, "maxLimitRequestRatio");
    let mut keys: Vec<&str> = Vec::new();
    for (k, _, _) in max.iter().chain(&min).chain(&default).chain(&default_request).chain(&ratio) {
        if !keys.contains(k) {
            keys.push(k);
        }
    }
    let find = |b: &[(&str, Quantity, Pos)], k: &str| b.iter().find(|(n, _, _)| *n == k).map(|(_, q, pos)| (q.clone(), *pos));
    for k in keys {
        let (mn, mx, df, dr, ra) = (find(&min, k), find(&max, k), find(&default, k), find(&default_request, k), find(&ratio, k));
        let s = |q: &Quantity| q.to_go_string();
        let mut bad = |which: &str, shown: &Quantity, pos: Pos, detail: String| {
            v.push(Diagnostic::invalid(&format!("{p}.{which}[{k}]"), pos, &quote(&s(shown)), &detail));
        };
        // upstream's six orderings, in its order: (a, b, their words, the field, whether b is
        // the value shown, whether the error sits at b); each when a > b
        let pairs = [
            (&mn, &mx, "min", "max", "min", false, false),
            (&mn, &dr, "min", "default request", "defaultRequest", true, true),
            (&dr, &mx, "default request", "max", "defaultRequest", false, false),
            (&dr, &df, "default request", "default limit", "defaultRequest", false, false),
            (&mn, &df, "min", "default", "default", false, true),
            (&df, &mx, "default", "max", "default", true, false),
        ];
        for (a, b, a_words, b_words, which, show_b, at_b) in pairs {
            if let (Some((a, a_pos)), Some((b, b_pos))) = (a, b) {
                if a.cmp_value(b) == std::cmp::Ordering::Greater {
                    let (shown, pos) = (if show_b { b } else { a }, if at_b { *b_pos } else { *a_pos });
                    bad(which, shown, pos, format!("{a_words} value {} is greater than {b_words} value {}", s(a), s(b)));
                }
            }
        }
        if let Some((r, pos)) = &ra {
            if r.milli() < 1000 {
                bad("maxLimitRequestRatio", r, *pos, format!("ratio {} is less than 1", s(r)));
            }
            if let (Some((a, _)), Some((b, _))) = (&mn, &mx) {
                // float64(max.MilliValue()) / float64(min.MilliValue()) (the values fit in milli)
                let limit = b.milli() as f64 / a.milli() as f64;
                if r.milli() as f64 / 1000.0 > limit {
                    bad("maxLimitRequestRatio", r, *pos, format!("ratio {} is greater than max/min = {}", s(r), super::decimal::fixed(limit, 6)));
                }
            }
        }
        // !helper.IsOvercommitAllowed: extended resources and hugepages-*
        let overcommit = (!k.contains('/') || k.contains("kubernetes.io/")) && !k.starts_with("hugepages-");
        if let (false, Some((d, _)), Some((r, pos))) = (overcommit, &df, &dr) {
            if d.cmp_value(r) != std::cmp::Ordering::Equal {
                bad("defaultRequest", r, *pos, format!("default value {} must equal to defaultRequest value {} in {k}", s(d), s(r)));
            }
        }
    }
}

//! scheduling.k8s.io/v1 PriorityClass: not drawn, decoded strictly (the generated tables) and
//! validated on its tree as the API server does (kubernetes/kubernetes
//! pkg/apis/scheduling/validation/validation.go ValidatePriorityClass): the name
//! (NameIsDNSSubdomain; cluster-scoped), a `system-` name only for the two system classes with
//! their value and globalDefault (pkg/apis/scheduling/v1/helpers.go IsKnownSystemPriorityClass),
//! any other value at most HighestUserDefinablePriority (1000000000), and preemptionPolicy
//! (core validation ValidatePreemptionPolicy; SetDefaults_PriorityClass's PreemptLowerPriority
//! is valid).

use super::diag::Diagnostic;
use super::scaling::V;
use super::yaml::Node;

/// The errors of one PriorityClass (none for other kinds).
pub fn validate(kind: &str, root: &Node) -> Vec<Diagnostic> {
    let mut v = V::new(root);
    if kind != "PriorityClass" {
        return v.errs;
    }
    v.object_meta(super::names::dns1123_subdomain, false);
    let name = v.str("metadata.name").unwrap_or("");
    let value = v.int("value").unwrap_or(0);
    if name.starts_with("system-") {
        let global = matches!(v.get("globalDefault").map(|n| &n.kind), Some(super::yaml::NodeKind::Scalar { value: super::yaml::Value::Bool(true), .. }));
        let known = match name {
            "system-node-critical" => Some(2_000_001_000),
            "system-cluster-critical" => Some(2_000_000_000),
            _ => None,
        };
        let err = match known {
            None => Some(format!("{name} is not a known system priority class")),
            Some(want) if value != want => Some(format!("value of {name} PriorityClass must be {want}")),
            Some(_) if global => Some(format!("globalDefault of {name} PriorityClass must be false")),
            Some(_) => None,
        };
        if let Some(e) = err {
            v.forbidden("metadata.name", &format!("priority class names with 'system-' prefix are reserved for system use only. error: {e}"));
        }
    } else if value > 1_000_000_000 {
        v.forbidden("value", "maximum allowed value of a user defined priority is 1000000000");
    }
    if let Some(p) = v.str("preemptionPolicy").filter(|p| !matches!(*p, "PreemptLowerPriority" | "Never")) {
        v.not_supported("preemptionPolicy", p, &["PreemptLowerPriority", "Never"]);
    }
    v.errs
}

//! rbac.authorization.k8s.io/v1 Role, ClusterRole, RoleBinding and ClusterRoleBinding: not
//! drawn, decoded strictly (the generated tables) and validated on their tree as the API server
//! does (kubernetes/kubernetes pkg/apis/rbac/validation/validation.go), so a binding with no
//! roleRef or a rule with no verbs is an error, not "read and ignored".
//!
//! * Names: ValidateRBACName (`minimalNameRequirements`) is path.IsValidPathSegmentName — not
//!   `.` or `..`, no `/` or `%` — for the objects and for `roleRef.name`; Role and RoleBinding
//!   are namespaced, the cluster ones are not (their metadata.namespace is dropped before
//!   validation: apiserver rest/create.go BeforeCreate).
//! * Defaults first (pkg/apis/rbac/v1/defaults.go): SetDefaults_RoleBinding /
//!   SetDefaults_ClusterRoleBinding give an empty `roleRef.apiGroup` the RBAC group;
//!   SetDefaults_Subject gives a User or Group subject with no apiGroup the RBAC group (a
//!   ServiceAccount's stays "").
//! * ValidateRole / ValidateClusterRole → ValidatePolicyRule per rule; a ClusterRole's
//!   aggregationRule needs a clusterRoleSelector, each a valid label selector.
//! * ValidateRoleBinding / ValidateClusterRoleBinding: roleRef apiGroup, kind (Role or
//!   ClusterRole; ClusterRole only in a ClusterRoleBinding), name; ValidateRoleBindingSubject per
//!   subject.
//!
//! Values print as field.Error renders them (a `[]string` as its JSON). Not checked:
//! LabelSelectorAsSelector's own "invalid label selector." beside ValidateLabelSelector's errors.

use super::diag::{quote, Diagnostic};
use super::scaling::{path_segment_name, V};
use super::yaml::Node;

const GROUP: &str = "rbac.authorization.k8s.io";

/// The errors of one RBAC object (none for other kinds), in upstream's order.
pub fn validate(kind: &str, root: &Node) -> Vec<Diagnostic> {
    let mut v = V::new(root);
    let namespaced = matches!(kind, "Role" | "RoleBinding");
    match kind {
        "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding" => v.object_meta(path_segment_name, namespaced),
        _ => return Vec::new(),
    }
    if kind.ends_with("Binding") {
        binding(&mut v, namespaced);
    } else {
        for i in 0..v.items("rules").len() {
            policy_rule(&mut v, &format!("rules[{i}]"), namespaced);
        }
        if kind == "ClusterRole" && v.present("aggregationRule") {
            let selectors = v.items("aggregationRule.clusterRoleSelectors");
            if selectors.is_empty() {
                v.required("aggregationRule.clusterRoleSelectors", "at least one clusterRoleSelector required if aggregationRule is non-nil");
            }
            // unversionedvalidation.ValidateLabelSelector (AllowInvalidLabelValueInSelector false on create)
            for (i, n) in selectors.iter().enumerate() {
                let field = format!("aggregationRule.clusterRoleSelectors[{i}]");
                let mut diags = Vec::new();
                let mut r = super::model::Reader { obj: String::new(), diags: &mut diags };
                if let Some(sel) = super::model::label_selector(&mut r, Some(n), &field) {
                    let root = v.root;
                    let at = |q: &str| super::model::pos_at(root, q);
                    super::netpol::validate_label_selector(&sel, &field, &at, &mut v.errs);
                }
            }
        }
    }
    v.errs
}

/// A `[]string` as field.Error prints it: its JSON.
pub(crate) fn json_strings(items: &[&str]) -> String {
    format!("[{}]", items.iter().map(|s| quote(s)).collect::<Vec<_>>().join(","))
}

/// ValidatePolicyRule: verbs required; non-resource URLs only in a ClusterRole and never with
/// resources; resource rules need apiGroups and resources (resourceNames may name several
/// resources' objects: no check since the rule that refused it was dropped upstream).
fn policy_rule(v: &mut V, p: &str, namespaced: bool) {
    let f = |c: &str| format!("{p}.{c}");
    if v.items(&f("verbs")).is_empty() {
        v.required(&f("verbs"), "verbs must contain at least one value");
    }
    let urls = v.strs(&f("nonResourceURLs"));
    let (groups, resources, names) = (v.items(&f("apiGroups")).len(), v.items(&f("resources")).len(), v.items(&f("resourceNames")).len());
    if !urls.is_empty() {
        let shown = json_strings(&urls);
        if namespaced {
            v.invalid(&f("nonResourceURLs"), &shown, "namespaced rules cannot apply to non-resource URLs");
        }
        if groups > 0 || resources > 0 || names > 0 {
            v.invalid(&f("nonResourceURLs"), &shown, "rules cannot apply to both regular resources and non-resource URLs");
        }
        return;
    }
    if groups == 0 {
        v.required(&f("apiGroups"), "resource rules must supply at least one api group");
    }
    if resources == 0 {
        v.required(&f("resources"), "resource rules must supply at least one resource");
    }
}

/// ValidateRoleBinding / ValidateClusterRoleBinding after their defaults.
fn binding(v: &mut V, namespaced: bool) {
    let group = v.str("roleRef.apiGroup").unwrap_or("");
    if !group.is_empty() && group != GROUP {
        v.not_supported("roleRef.apiGroup", group, &[GROUP]);
    }
    let kind = v.str("roleRef.kind").unwrap_or("");
    let kinds: &[&str] = if namespaced { &["Role", "ClusterRole"] } else { &["ClusterRole"] };
    if !kinds.contains(&kind) {
        v.not_supported("roleRef.kind", kind, kinds);
    }
    match v.str("roleRef.name").unwrap_or("") {
        "" => v.required("roleRef.name", ""),
        name => {
            for m in path_segment_name(name) {
                v.invalid("roleRef.name", &quote(name), &m);
            }
        }
    }
    for i in 0..v.items("subjects").len() {
        subject(v, &format!("subjects[{i}]"), namespaced);
    }
}

/// validateRoleBindingSubject (after SetDefaults_Subject).
fn subject(v: &mut V, p: &str, namespaced: bool) {
    let f = |c: &str| format!("{p}.{c}");
    let name = v.str(&f("name")).unwrap_or("");
    let group = v.str(&f("apiGroup")).unwrap_or("");
    if name.is_empty() {
        v.required(&f("name"), "");
    }
    match v.str(&f("kind")).unwrap_or("") {
        "ServiceAccount" => {
            // ValidateServiceAccountName: NameIsDNSSubdomain
            if !name.is_empty() {
                for m in super::names::dns1123_subdomain(name) {
                    v.invalid(&f("name"), &quote(name), &m);
                }
            }
            if !group.is_empty() {
                v.not_supported(&f("apiGroup"), group, &[""]);
            }
            if !namespaced && v.str(&f("namespace")).unwrap_or("").is_empty() {
                v.required(&f("namespace"), "");
            }
        }
        "User" | "Group" => {
            if !group.is_empty() && group != GROUP {
                v.not_supported(&f("apiGroup"), group, &[GROUP]);
            }
        }
        other => v.not_supported(&f("kind"), other, &["ServiceAccount", "User", "Group"]),
    }
}

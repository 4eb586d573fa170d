//! A manifest applied again over the object an earlier one created: the update validation of
//! kinds and fields beyond the selector / clusterIP / pod-spec checks in `mod.rs`
//! (`immutable_update_error`). Each check compares the two written manifests as the API server
//! compares the live object with the one `kubectl apply`'s patch makes of it: a field the later
//! manifest writes is its value; one only the earlier wrote is deleted by the patch (it is in
//! the last-applied-configuration); one neither wrote keeps what the server gave it.
//! Every function names the upstream one it follows (kubernetes/kubernetes unless said).

use super::diag::Diagnostic;
use super::model::Object;
use super::yaml::{Node, NodeKind, Value};
use super::yaml::{int};

/// The errors of an update the API server refuses, and the field the UpdateRefused note names.
pub(super) type Refusal = (Vec<Diagnostic>, &'static str);

fn spec(o: &Object) -> Option<&Node> {
    o.source.get("spec")
}

/// A written, non-null value.
fn written<'a>(n: Option<&'a Node>, key: &str) -> Option<&'a Node> {
    n?.get(key).filter(|v| !v.is_null())
}

fn immutable(mut d: Diagnostic) -> Diagnostic {
    // (its own code: the object it would have patched exists — first_errors)
    d.code = "FieldImmutable".into();
    d
}

/// Fields of a pod template the API server fills in when a manifest leaves them out
/// (pkg/apis/core/v1/defaults.go SetDefaults_Container — imagePullPolicy from the image's tag,
/// terminationMessagePath/Policy —, SetDefaults_PodSpec — schedulerName,
/// terminationGracePeriodSeconds, securityContext, enableServiceLinks —, SetDefaults_Probe,
/// SetDefaults_HTTPGetAction — scheme —, SetDefaults_ResourceList — requests from limits —,
/// SetDefaults_Volume / HostPathVolumeSource — type —): written on one side only, the value the
/// server gave the other is not known here, so the two are not told apart.
const SERVER_DEFAULTED: [&str; 14] = [
    "imagePullPolicy",
    "terminationMessagePath",
    "terminationMessagePolicy",
    "schedulerName",
    "terminationGracePeriodSeconds",
    "securityContext",
    "enableServiceLinks",
    "requests",
    "successThreshold",
    "failureThreshold",
    "periodSeconds",
    "timeoutSeconds",
    "scheme",
    "type",
];

/// Two written trees as apiequality.Semantic.DeepEqual compares what they decode to, a field
/// the server defaults and only one side writes counting as equal ([`SERVER_DEFAULTED`]);
/// scalars and known defaults as `super::same_value` reads them.
fn same_defaulted(a: Option<&Node>, b: Option<&Node>, field: &str) -> bool {
    let absent = |n: Option<&Node>| n.is_none_or(|n| n.is_null());
    if absent(a) != absent(b) && SERVER_DEFAULTED.contains(&field) {
        return true;
    }
    match (a.map(|n| &n.kind), b.map(|n| &n.kind)) {
        (Some(NodeKind::Map(x)), Some(NodeKind::Map(y))) => {
            // inserted one by one: BTreeSet's FromIterator sorts with std's stable sort (issue #12)
            let mut keys = std::collections::BTreeSet::new();
            for k in x.iter().chain(y.iter()).filter_map(|(k, _)| k.as_str()) {
                keys.insert(k);
            }
            keys.into_iter().all(|k| same_defaulted(a.and_then(|n| n.get(k)), b.and_then(|n| n.get(k)), k))
        }
        (Some(NodeKind::Seq(x)), Some(NodeKind::Seq(y))) => x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_defaulted(Some(p), Some(q), field)),
        _ => super::same_value(a, b, field, false),
    }
}

/// pkg/apis/batch/validation ValidateJobSpecUpdate: `spec.completions` may not change
/// (validateCompletions: ValidateImmutableField, except an Indexed Job's, which may change in
/// tandem with parallelism — ElasticIndexedJob, GA in 1.31 — `can only be modified in tandem
/// with spec.parallelism`), nor `spec.template` (validatePodTemplateUpdate:
/// ValidateImmutableField of the whole PodTemplateSpec; for a suspended Job that never started,
/// AllowMutableSchedulingDirectives lets the template's labels, annotations, nodeSelector,
/// tolerations and node affinity change), nor `spec.completionMode`. The completions a Job has
/// are SetDefaults_Job's: unset with parallelism unset → 1. The template's value is a
/// core.PodTemplateSpec, which field.Error renders as its JSON (every field, defaults
/// included): shown here as `{…}`.
pub(super) fn job_update_error(live: &Object, next: &Object) -> Option<Refusal> {
    // (a Job a cluster printed holds what the server added — selector, generated labels,
    // defaults — none of which a later manifest's patch removes: compared only manifest to
    // manifest, as pod updates are)
    if next.kind != "Job" || next.api_version != "batch/v1" || live.refused || next.refused || live.dumped() || next.dumped() {
        return None;
    }
    let (old, new) = (spec(live), spec(next));
    let mut errs = Vec::new();
    let mut what: Option<&'static str> = None;
    // completions, after the patch and SetDefaults_Job
    let live_c = int(written(old, "completions")).or(if written(old, "parallelism").is_none() { Some(1) } else { None });
    let parallelism_after = written(new, "parallelism").is_some() || written(old, "parallelism").is_none();
    let after = match int(written(new, "completions")) {
        Some(c) => Some(c),
        None if written(old, "completions").is_some() => None,
        None => live_c,
    };
    let new_c = if after.is_none() && !parallelism_after { Some(1) } else { after };
    if new_c != live_c {
        let indexed = written(new, "completionMode").and_then(|m| m.as_str()) == Some("Indexed");
        let at = written(new, "completions").map_or(next.source.pos, |n| n.pos);
        let shown = new_c.map_or("null".to_string(), |c| c.to_string());
        if !indexed {
            errs.push(immutable(Diagnostic::invalid("spec.completions", at, &shown, "field is immutable")));
            what = Some("spec.completions");
        } else if let Some(c) = new_c {
            let parallelism = int(written(new, "parallelism")).or(int(written(old, "parallelism"))).unwrap_or(1);
            if c != parallelism {
                errs.push(immutable(Diagnostic::invalid("spec.completions", at, &shown, "can only be modified in tandem with spec.parallelism")));
                what = Some("spec.completions");
            }
        }
    }
    // the template: a suspended Job's scheduling directives may change
    let suspended = matches!(written(old, "suspend").map(|n| &n.kind), Some(NodeKind::Scalar { value: Value::Bool(true), .. }));
    let (ot, nt) = (written(old, "template"), written(new, "template"));
    let section = |t: Option<&'_ Node>, a: &str, b: &str| -> Option<Node> { t.and_then(|t| t.get(a)).and_then(|m| m.get(b)).cloned() };
    let mut same = true;
    for part in ["metadata", "spec"] {
        let (a, b) = (ot.and_then(|t| t.get(part)), nt.and_then(|t| t.get(part)));
        let mut keys = std::collections::BTreeSet::new();
        for k in [a, b].iter().flatten().flat_map(|n| n.last_entries().filter_map(|(k, _)| k.as_str())) {
            keys.insert(k);
        }
        for k in keys {
            let skip = match (part, k) {
                // the labels the Job strategy adds (PrepareForCreate → generateSelector) stay
                // through the patch; compared below without them
                ("metadata", "labels") => {
                    if suspended {
                        continue;
                    }
                    let labels = |t| section(t, "metadata", "labels");
                    let strip = |n: Option<Node>| -> Vec<(String, String)> {
                        let mut v: Vec<(String, String)> = n
                            .iter()
                            .flat_map(|n| n.last_entries().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str().map(str::to_string).unwrap_or_else(|| v.text())))).collect::<Vec<_>>())
                            .filter(|(k, _)| !matches!(k.as_str(), "controller-uid" | "job-name" | "batch.kubernetes.io/controller-uid" | "batch.kubernetes.io/job-name"))
                            .collect();
                        crate::core::sort::sort(&mut v);
                        v
                    };
                    if strip(labels(ot)) != strip(labels(nt)) {
                        same = false;
                    }
                    continue;
                }
                ("metadata", "annotations") | ("spec", "nodeSelector" | "tolerations" | "affinity") => suspended,
                // metadata the server does not keep on a template (creationTimestamp: null)
                ("metadata", "creationTimestamp") => true,
                _ => false,
            };
            if !skip && !same_defaulted(a.and_then(|n| n.get(k)), b.and_then(|n| n.get(k)), k) {
                same = false;
            }
        }
    }
    if !same {
        let at = nt.map_or(next.source.pos, |n| n.pos);
        errs.push(immutable(Diagnostic::invalid("spec.template", at, "{…}", "field is immutable")));
        what.get_or_insert("spec.template");
    }
    let mode = |s: Option<&Node>| written(s, "completionMode").and_then(|m| m.as_str()).unwrap_or("NonIndexed").to_string();
    if written(new, "completionMode").is_some() || written(old, "completionMode").is_some() {
        let (m0, m1) = (mode(old), mode(new));
        if m0 != m1 {
            let at = written(new, "completionMode").map_or(next.source.pos, |n| n.pos);
            errs.push(immutable(Diagnostic::invalid("spec.completionMode", at, &super::diag::quote(&m1), "field is immutable")));
            what.get_or_insert("spec.completionMode");
        }
    }
    Some((errs, what?))
}

/// The AppArmor annotations' prefix (k8s.io/api core/v1 DeprecatedAppArmorBetaContainerAnnotationKeyPrefix).
const APPARMOR: &str = "container.apparmor.security.beta.kubernetes.io/";

/// pkg/apis/core/validation ValidatePodSpecificAnnotationUpdates: an AppArmor annotation may
/// not be added (`may not add AppArmor annotations`), removed or changed (`may not remove or
/// update AppArmor annotations`), each at `metadata.annotations[<key>]`. Not when the earlier
/// manifest writes an appArmorProfile field: on create the pod strategy
/// (pkg/api/pod/util.go applyAppArmorVersionSkew) writes the annotation from it, which the
/// later manifest's may then equal.
pub(super) fn pod_annotation_errors(live: &Object, next: &Object) -> Vec<Diagnostic> {
    fn annotations(o: &Object) -> Vec<(String, String, super::yaml::Pos)> {
        let a = o.source.get("metadata").and_then(|m| m.get("annotations"));
        a.iter()
            .flat_map(|n| n.last_entries().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str().map(str::to_string).unwrap_or_else(|| v.text()), k.pos))).collect::<Vec<_>>())
            .filter(|(k, _, _)| k.starts_with(APPARMOR))
            .collect()
    }
    fn has_profile_field(n: &Node) -> bool {
        match &n.kind {
            NodeKind::Map(m) => m.iter().any(|(k, v)| k.as_str() == Some("appArmorProfile") || has_profile_field(v)),
            NodeKind::Seq(s) => s.iter().any(has_profile_field),
            _ => false,
        }
    }
    // (a pod a cluster printed: its annotations are not a manifest's, which the patch would
    // compute against)
    if live.dumped() || next.dumped() || spec(live).is_some_and(has_profile_field) {
        return Vec::new();
    }
    let (old, new) = (annotations(live), annotations(next));
    let at = next.source.get("metadata").and_then(|m| m.get("annotations")).map_or(next.source.pos, |n| n.pos);
    let mut errs = Vec::new();
    for (k, v, _) in &old {
        if !new.iter().any(|(nk, nv, _)| nk == k && nv == v) {
            errs.push(Diagnostic::forbidden(&format!("metadata.annotations[{k}]"), at, "may not remove or update AppArmor annotations"));
        }
    }
    for (k, _, pos) in &new {
        if !old.iter().any(|(ok, _, _)| ok == k) {
            errs.push(Diagnostic::forbidden(&format!("metadata.annotations[{k}]"), *pos, "may not add AppArmor annotations"));
        }
    }
    errs.into_iter().map(immutable).collect()
}

/// Whether the earlier manifest's pod carries annotations the pod strategy turns into
/// securityContext fields on create (applyAppArmorVersionSkew; the seccomp annotations of
/// older servers): its live securityContext is then not the written one.
pub(super) fn security_context_synced(live: &Object) -> bool {
    live.source
        .get("metadata")
        .and_then(|m| m.get("annotations"))
        .is_some_and(|a| a.last_entries().any(|(k, _)| k.as_str().is_some_and(|k| k.starts_with(APPARMOR) || k.starts_with("seccomp.security.alpha.kubernetes.io/"))))
}

/// A base64 `[]byte` as Go's decoder reads it (line breaks skipped); None when not base64.
fn base64(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter(|&c| c != b'\n' && c != b'\r') {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// A ConfigMap's or Secret's data as the object holds it after `kubectl apply`'s patch of the
/// earlier one: key → bytes. A Secret's stringData is written into data by the v1 conversion
/// (Convert_v1_Secret_To_core_Secret), over data's key of the same name.
fn data_of(root: &Node, secret: bool) -> std::collections::BTreeMap<String, Vec<u8>> {
    let text = |v: &Node| v.as_str().map(str::to_string).unwrap_or_else(|| if v.is_null() { String::new() } else { v.text() });
    let mut out = std::collections::BTreeMap::new();
    for (k, v) in root.get("data").iter().flat_map(|d| d.last_entries()) {
        let Some(k) = k.as_str() else { continue };
        let t = text(v);
        let bytes = if secret { base64(&t).unwrap_or_else(|| t.into_bytes()) } else { t.into_bytes() };
        out.insert(k.to_string(), bytes);
    }
    if secret {
        for (k, v) in root.get("stringData").iter().flat_map(|d| d.last_entries()) {
            let Some(k) = k.as_str() else { continue };
            out.insert(k.to_string(), text(v).into_bytes());
        }
    }
    out
}

fn is_true(n: Option<&Node>) -> bool {
    matches!(n.map(|n| &n.kind), Some(NodeKind::Scalar { value: Value::Bool(true), .. }))
}

/// A position relative to the document's root (lines after it, column): kept with an ignored
/// kind, whose root position is shifted when lines above it change (core::incremental).
type Rel = (u32, u32);

/// What the update checks of a v1 ConfigMap or Secret read, kept when its document is read
/// (neither kind is modelled: no object is made of it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ConfigState {
    secret: bool,
    namespace: String,
    name: String,
    /// a Secret's type, SetDefaults_Secret's Opaque when unset
    ty: String,
    ty_at: Option<Rel>,
    immutable: bool,
    immutable_at: Option<Rel>,
    data: std::collections::BTreeMap<String, Vec<u8>>,
    data_at: Option<Rel>,
    binary: Vec<(String, String)>,
    binary_at: Option<Rel>,
}

/// The state of a v1 ConfigMap or Secret the API server accepts (`refused`: it does not).
impl ConfigState {
    /// ("Secret" or "ConfigMap", namespace, name): what core::podchecks::missing_references
    /// looks a pod's references up in.
    pub(crate) fn identity(&self) -> (&'static str, &str, &str) {
        (if self.secret { "Secret" } else { "ConfigMap" }, &self.namespace, &self.name)
    }
}

pub(crate) fn config_state(kind: &str, api_version: &str, root: &Node, refused: bool) -> Option<Box<ConfigState>> {
    let secret = match kind {
        "Secret" => true,
        "ConfigMap" => false,
        _ => return None,
    };
    if api_version != "v1" || refused {
        return None;
    }
    let rel = |n: Option<&Node>| n.map(|n| (n.pos.line.saturating_sub(root.pos.line), n.pos.column));
    let meta = root.get("metadata");
    let field = |k: &str| meta.and_then(|m| m.get(k)).and_then(|n| n.as_str()).unwrap_or("").to_string();
    let name = field("name");
    if name.is_empty() {
        return None;
    }
    let namespace = Some(field("namespace")).filter(|n| !n.is_empty()).unwrap_or_else(|| "default".into());
    let mut binary: Vec<(String, String)> = root.get("binaryData").iter().flat_map(|d| d.last_entries().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.text().replace(['\n', '\r'], ""))))).collect();
    crate::core::sort::sort(&mut binary);
    Some(Box::new(ConfigState {
        secret,
        namespace,
        name,
        ty: root.get("type").and_then(|t| t.as_str()).filter(|t| !t.is_empty()).unwrap_or("Opaque").to_string(),
        ty_at: rel(root.get("type")),
        immutable: is_true(root.get("immutable")),
        immutable_at: rel(root.get("immutable")),
        data: data_of(root, secret),
        data_at: rel(root.get("data").or_else(|| root.get("stringData"))),
        binary,
        binary_at: rel(root.get("binaryData")),
    }))
}

/// pkg/apis/core/validation ValidateConfigMapUpdate / ValidateSecretUpdate, for a ConfigMap or
/// Secret written again (`kubectl apply -f` patches the live one with the later manifest): a
/// Secret's `type` may not change (ValidateImmutableField: `type: Invalid value: "<new>": field
/// is immutable`; a later manifest without a type has SetDefaults_Secret's Opaque); once the
/// live one is `immutable: true`, `immutable` may not be unset (`immutable: Forbidden: field is
/// immutable when `immutable` is set`), nor `data` (nor a ConfigMap's `binaryData`) change
/// (reflect.DeepEqual; the same words). A refused patch leaves the earlier one as it is, so the
/// one after it is compared with that. `states`: each accepted ConfigMap and Secret in input
/// order with its document's root position.
pub(crate) fn config_update_errors<'a>(states: impl Iterator<Item = (&'a ConfigState, super::yaml::Pos)>, diags: &mut Vec<Diagnostic>) {
    use super::diag::{ErrorType, Severity};
    let mut live: std::collections::HashMap<(bool, String, String), (&ConfigState, super::yaml::Pos)> = std::collections::HashMap::new();
    for (next, root) in states {
        let key = (next.secret, next.namespace.clone(), next.name.clone());
        let Some(&(old, old_root)) = live.get(&key) else {
            live.insert(key, (next, root));
            continue;
        };
        let at = |rel: Option<Rel>| rel.map_or(root, |(l, c)| super::yaml::Pos { line: root.line + l, column: c });
        let mut errs = Vec::new();
        let mut what: Option<&str> = None;
        if next.secret && old.ty != next.ty {
            errs.push(immutable(Diagnostic::invalid("type", at(next.ty_at), &super::diag::quote(&next.ty), "field is immutable")));
            what = Some("type");
        }
        if old.immutable {
            let words = "field is immutable when `immutable` is set";
            if !next.immutable {
                errs.push(immutable(Diagnostic::forbidden("immutable", at(next.immutable_at), words)));
                what.get_or_insert("immutable");
            }
            if old.data != next.data {
                errs.push(immutable(Diagnostic::forbidden("data", at(next.data_at), words)));
                what.get_or_insert("data");
            }
            if !next.secret && old.binary != next.binary {
                errs.push(immutable(Diagnostic::forbidden("binaryData", at(next.binary_at), words)));
                what.get_or_insert("binaryData");
            }
        }
        let Some(what) = what else {
            live.insert(key, (next, root));
            continue;
        };
        let kind = if next.secret { "Secret" } else { "ConfigMap" };
        let id = super::model::object_id(kind, &next.namespace, &next.name);
        diags.extend(errs.into_iter().map(|d| d.on(&id)));
        let why = if what == "type" { "type cannot change once the Secret exists".to_string() } else { format!("the earlier one is immutable: true, so its {what} cannot change") };
        diags.push(
            Diagnostic::note(
                Severity::Warning,
                ErrorType::Kubectl,
                "UpdateRefused",
                format!(
                    "{kind} {} is defined earlier, at line {}, with another {what}: `kubectl apply -f` creates that one, and its patch to this one is refused ({why}), so the earlier one stays; delete it first (kubectl delete) to change {what}",
                    next.name, old_root.line
                ),
                root,
            )
            .on(&id),
        );
    }
}

/// qa5 11 (kubernetes/kubernetes#118897): a headless selectorless Service applied again with a
/// selector, on a single-stack cluster. pkg/registry/core/service/storage/alloc.go
/// initIPFamilyFields: on create, a headless + selectorless Service with no ipFamilyPolicy gets
/// `RequireDualStack` ("Special-case: headless + selectorless defaults to dual") and its
/// ipFamilies the cluster's family plus the other one, on any cluster (the special case returns
/// before the dual-stack check). Neither manifest writes those fields, so `kubectl apply`'s
/// patch keeps them (and a policy the patch deletes is adopted from the old object: "Update
/// (PATCH): If they didn't specify a policy it will adopt the policy from before"); with a
/// selector the special case no longer applies, and "Demanding dual-stack on a non dual-stack
/// cluster" refuses the update: `spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this
/// cluster is not configured for dual-stack services`, then each family the cluster has no
/// range for: `spec.ipFamilies[1]: Invalid value: "IPv6": not configured on this cluster`.
/// A later manifest writing `ipFamilyPolicy: SingleStack` is accepted ("Update-only prep
/// work": unchanged ipFamilies are trimmed to the first).
pub(super) fn service_ip_family_update_error(live: &Object, next: &Object, cfg: &super::config::Config) -> Option<Refusal> {
    if cfg.dual_stack || live.kind != "Service" || next.kind != "Service" || live.api_version != "v1" || next.api_version != "v1" || live.refused || next.refused || live.dumped() || next.dumped() {
        return None;
    }
    let (old, new) = (spec(live), spec(next));
    let text = |s: Option<&Node>, k: &str| written(s, k).and_then(|v| v.as_str()).map(str::to_string);
    let headless = |s: Option<&Node>| {
        let first = written(s, "clusterIPs").and_then(|l| match &l.kind {
            NodeKind::Seq(items) => items.first().and_then(|i| i.as_str()).map(str::to_string),
            _ => None,
        });
        first.or_else(|| text(s, "clusterIP")).as_deref() == Some("None")
    };
    let has_selector = |s: Option<&Node>| written(s, "selector").is_some_and(|m| matches!(&m.kind, NodeKind::Map(e) if !e.is_empty()));
    let external = |s: Option<&Node>| text(s, "type").as_deref() == Some("ExternalName");
    if external(old) || external(new) || !headless(old) || has_selector(old) || !headless(new) || !has_selector(new) {
        return None;
    }
    let families = |s: Option<&Node>| -> Option<Vec<String>> {
        match &written(s, "ipFamilies")?.kind {
            NodeKind::Seq(items) => Some(items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect()),
            _ => None,
        }
    };
    // the live object as initIPFamilyFields' special case left it
    let live_policy = text(old, "ipFamilyPolicy").unwrap_or_else(|| "RequireDualStack".into());
    let mut live_families = families(old).filter(|f| !f.is_empty()).unwrap_or_else(|| vec![cfg.primary_family().to_string()]);
    if live_families.len() < 2 && live_policy != "SingleStack" {
        let other = if live_families[0] == "IPv6" { "IPv4" } else { "IPv6" };
        live_families.push(other.to_string());
    }
    // the patched object: what the later manifest writes; a field only the earlier wrote is
    // deleted by the patch; one neither wrote keeps the live value
    let policy = text(new, "ipFamilyPolicy").unwrap_or_else(|| live_policy.clone());
    let fams = match families(new) {
        Some(f) => f,
        None if families(old).is_some() => Vec::new(),
        None => live_families.clone(),
    };
    if policy == "SingleStack" {
        // (trimmed when unchanged; two written families with SingleStack are the create-time
        // error the later manifest's own validation gives)
        return None;
    }
    let at_policy = written(new, "ipFamilyPolicy").or_else(|| written(new, "selector")).map_or(next.source.pos, |n| n.pos);
    let mut errs = Vec::new();
    if policy == "RequireDualStack" {
        errs.push(Diagnostic::invalid("spec.ipFamilyPolicy", at_policy, &super::diag::quote(&policy), "this cluster is not configured for dual-stack services"));
    }
    for (i, fam) in fams.iter().enumerate() {
        if !cfg.family_configured(fam) {
            let at = written(new, "ipFamilies").or_else(|| written(new, "selector")).map_or(next.source.pos, |n| n.pos);
            errs.push(Diagnostic::invalid(&format!("spec.ipFamilies[{i}]"), at, &super::diag::quote(fam), "not configured on this cluster"));
        }
    }
    if errs.is_empty() {
        return None;
    }
    let hint = "write ipFamilyPolicy: SingleStack in the later manifest (initIPFamilyFields keeps the first IP family on an update that sets SingleStack), or delete the Service and create it again";
    // (its own code: the Service it would have patched exists and stays — first_errors)
    let errs = errs
        .into_iter()
        .map(|mut d| {
            d.code = "FieldValueInvalidOnUpdate".into();
            d.hint(hint)
        })
        .collect();
    Some((errs, "spec.ipFamilyPolicy"))
}

/// qa5 20 (kubernetes/kubernetes#105279, #39188): a Service applied again whose later manifest
/// lists one `port` number twice (TCP and UDP) where the earlier one listed it with other
/// protocols. `kubectl apply` (client-side) computes a strategic merge patch, and k8s.io/api
/// core/v1 types.go ServiceSpec.Ports is `patchStrategy:"merge" patchMergeKey:"port"` (port and
/// protocol are the list-map keys only for server-side apply: `+listMapKey=port
/// +listMapKey=protocol`), so the two entries are one to the patch and the live Service does
/// not get both. The port number and the later manifest's `ports` node, when that happens.
pub(super) fn ports_merged_by_port(live: &Object, next: &Object) -> Option<(i64, super::yaml::Pos)> {
    if live.kind != "Service" || next.kind != "Service" || live.refused || next.refused || live.dumped() || next.dumped() {
        return None;
    }
    let ports = |o: &Object| -> Vec<(i64, String)> {
        match written(spec(o), "ports").map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items
                .iter()
                .filter_map(|p| {
                    let port = int(p.get("port"))?;
                    let proto = p.get("protocol").and_then(|v| v.as_str()).filter(|s| !s.is_empty()).unwrap_or("TCP").to_string();
                    Some((port, proto))
                })
                .collect(),
            _ => Vec::new(),
        }
    };
    let (old, new) = (ports(live), ports(next));
    let protocols = |list: &[(i64, String)], n: i64| {
        let mut v: Vec<String> = list.iter().filter(|(p, _)| *p == n).map(|(_, pr)| pr.clone()).collect();
        crate::core::sort::sort(&mut v);
        v
    };
    let mut numbers: Vec<i64> = new.iter().map(|(p, _)| *p).collect();
    numbers.dedup();
    let n = numbers.into_iter().find(|&n| {
        let later = protocols(&new, n);
        later.len() > 1 && later != protocols(&old, n)
    })?;
    Some((n, written(spec(next), "ports").map_or(next.source.pos, |p| p.pos)))
}

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

/// The errors of an update the API server refuses, and the field the UpdateRefused note names.
pub(super) type Refusal = (Vec<Diagnostic>, &'static str);

fn spec(o: &Object) -> Option<&Node> {
    o.source.get("spec")
}

/// A written, non-null value.
fn written<'a>(n: Option<&'a Node>, key: &str) -> Option<&'a Node> {
    n?.get(key).filter(|v| !v.is_null())
}

fn int(n: Option<&Node>) -> Option<i64> {
    match n.map(|n| &n.kind) {
        Some(NodeKind::Scalar { value: Value::Int(i), .. }) => Some(*i),
        _ => None,
    }
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
            let keys: std::collections::BTreeSet<&str> = x.iter().chain(y.iter()).filter_map(|(k, _)| k.as_str()).collect();
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
    if next.kind != "Job" || next.api_version != "batch/v1" || live.refused || next.refused {
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
        let keys: std::collections::BTreeSet<&str> = [a, b].iter().flatten().flat_map(|n| n.last_entries().filter_map(|(k, _)| k.as_str())).collect();
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
                        v.sort();
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
    if spec(live).is_some_and(has_profile_field) {
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
fn data_of(o: &Object, secret: bool) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let root = &o.source;
    for (k, v) in root.get("data").iter().flat_map(|d| d.last_entries()) {
        let (Some(k), text) = (k.as_str(), v.as_str().map(str::to_string).unwrap_or_else(|| if v.is_null() { String::new() } else { v.text() })) else { continue };
        let bytes = if secret { base64(&text).unwrap_or_else(|| text.into_bytes()) } else { text.into_bytes() };
        out.insert(k.to_string(), bytes);
    }
    if secret {
        for (k, v) in root.get("stringData").iter().flat_map(|d| d.last_entries()) {
            let Some(k) = k.as_str() else { continue };
            let text = v.as_str().map(str::to_string).unwrap_or_else(|| if v.is_null() { String::new() } else { v.text() });
            out.insert(k.to_string(), text.into_bytes());
        }
    }
    out
}

fn is_true(n: Option<&Node>) -> bool {
    matches!(n.map(|n| &n.kind), Some(NodeKind::Scalar { value: Value::Bool(true), .. }))
}

/// pkg/apis/core/validation ValidateConfigMapUpdate / ValidateSecretUpdate: a Secret's `type`
/// may not change (ValidateImmutableField: `type: Invalid value: "<new>": field is immutable`;
/// SetDefaults_Secret makes an unset type Opaque); once the live object is `immutable: true`,
/// `immutable` may not be unset (`immutable: Forbidden: field is immutable when `immutable` is
/// set`), nor `data` (nor a ConfigMap's `binaryData`) change (reflect.DeepEqual; the same
/// Forbidden words).
pub(super) fn config_update_error(live: &Object, next: &Object) -> Option<Refusal> {
    if next.api_version != "v1" || live.refused || next.refused {
        return None;
    }
    let secret = match next.kind.as_str() {
        "Secret" => true,
        "ConfigMap" => false,
        _ => return None,
    };
    let mut errs = Vec::new();
    let mut what: Option<&'static str> = None;
    if secret {
        let ty = |o: &Object| o.source.get("type").and_then(|t| t.as_str()).filter(|t| !t.is_empty()).unwrap_or("Opaque").to_string();
        // a later manifest that writes no type: the patch deletes the earlier one's, and the
        // default is Opaque again
        let (t0, t1) = (ty(live), ty(next));
        if t0 != t1 {
            let at = next.source.get("type").map_or(next.source.pos, |n| n.pos);
            errs.push(immutable(Diagnostic::invalid("type", at, &super::diag::quote(&t1), "field is immutable")));
            what = Some("type");
        }
    }
    if is_true(live.source.get("immutable")) {
        let words = "field is immutable when `immutable` is set";
        if !is_true(next.source.get("immutable")) {
            let at = next.source.get("immutable").map_or(next.source.pos, |n| n.pos);
            errs.push(immutable(Diagnostic::forbidden("immutable", at, words)));
            what.get_or_insert("immutable");
        }
        if data_of(live, secret) != data_of(next, secret) {
            let at = next.source.get("data").or_else(|| next.source.get("stringData")).map_or(next.source.pos, |n| n.pos);
            errs.push(immutable(Diagnostic::forbidden("data", at, words)));
            what.get_or_insert("data");
        }
        if !secret {
            let bin = |o: &Object| -> Vec<(String, String)> {
                let mut v: Vec<(String, String)> = o.source.get("binaryData").iter().flat_map(|d| d.last_entries().filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.text().replace(['\n', '\r'], ""))))).collect();
                v.sort();
                v
            };
            if bin(live) != bin(next) {
                let at = next.source.get("binaryData").map_or(next.source.pos, |n| n.pos);
                errs.push(immutable(Diagnostic::forbidden("binaryData", at, words)));
                what.get_or_insert("binaryData");
            }
        }
    }
    Some((errs, what?))
}

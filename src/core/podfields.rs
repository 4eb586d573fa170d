//! corpfix9: refusals the ninth real-manifest sweep (corpus9) found missed, read from the written
//! tree in upstream's words (kubernetes/kubernetes):
//!
//! * [`pod_spec_fields`]: pkg/apis/core/validation/validation.go — validateContainerCommon's
//!   terminationMessagePolicy and validateResizePolicy, validateReadinessGates
//!   (ValidateQualifiedName), and ValidatePodSpec's nodeName (ValidateNodeName =
//!   NameIsDNSSubdomain), runtimeClassName (ValidateRuntimeClassName), preemptionPolicy
//!   (ValidatePreemptionPolicy) and os (validateOS).
//! * [`sts_rolling_update`]: pkg/apis/apps/validation/validation.go validateRollingUpdateStatefulSet
//!   (partition not negative).
//! * [`ingress_resource_backend`], after pkg/apis/networking/validation/validation.go
//!   validateIngressTypedLocalObjectReference.
//! * [`claim_meta_errors`]: the StatefulSet controller's claim `<template>-<pod>`
//!   (pkg/controller/statefulset/stateful_set_utils.go getPersistentVolumeClaimName), validated by
//!   ValidatePersistentVolumeClaim → ValidateObjectMeta (ValidatePersistentVolumeName =
//!   NameIsDNSSubdomain).
//! * [`priority_admission`]: plugin/pkg/admission/priority/admission.go admitPod.

use super::diag::{quote, Diagnostic, ErrorType, Severity};
use super::model::{Body, Object};
use super::yaml::{items as seq, Node, Pos};

type At<'a> = &'a dyn Fn(&str) -> Pos;

fn text<'a>(n: &'a Node, key: &str) -> Option<&'a str> {
    n.get(key).filter(|v| !v.is_null()).and_then(|v| v.as_str())
}

/// The ValidatePodSpec checks above on the pod spec at `prefix` (`spec` or `spec.template.spec`).
pub(crate) fn pod_spec_fields(spec: &Node, prefix: &str, at: At, errs: &mut Vec<Diagnostic>) {
    let pod_restart = text(spec, "restartPolicy").filter(|r| !r.is_empty()).unwrap_or("Always");
    for list in ["containers", "initContainers"] {
        for (ci, c) in seq(spec.get(list)).iter().enumerate() {
            let path = format!("{prefix}.{list}[{ci}]");
            // validateContainerCommon: "" is SetDefaults_Container's File
            if let Some(p) = text(c, "terminationMessagePolicy").filter(|p| !p.is_empty() && !matches!(*p, "File" | "FallbackToLogsOnError")) {
                let f = format!("{path}.terminationMessagePolicy");
                errs.push(Diagnostic::not_supported(&f, at(&f), p, &["File", "FallbackToLogsOnError"]));
            }
            // validateResizePolicy (validateContainerCommon): every error at the list's path
            if list == "containers" {
                let f = format!("{path}.resizePolicy");
                let mut seen: Vec<&str> = Vec::new();
                for (i, p) in seq(c.get("resizePolicy")).iter().enumerate() {
                    let item = format!("{f}[{i}]");
                    let name = text(p, "resourceName").unwrap_or("");
                    if seen.contains(&name) {
                        errs.push(Diagnostic::duplicate(&item, at(&item), &quote(name)));
                    }
                    seen.push(name);
                    match name {
                        "cpu" | "memory" => {}
                        "" => errs.push(Diagnostic::required(&f, at(&item), "")),
                        other => errs.push(Diagnostic::not_supported(&f, at(&format!("{item}.resourceName")), other, &["cpu", "memory"])),
                    }
                    let policy = text(p, "restartPolicy").unwrap_or("");
                    match policy {
                        "NotRequired" | "RestartContainer" => {}
                        "" => errs.push(Diagnostic::required(&f, at(&item), "")),
                        other => errs.push(Diagnostic::not_supported(&f, at(&format!("{item}.restartPolicy")), other, &["NotRequired", "RestartContainer"])),
                    }
                    if pod_restart == "Never" && policy != "NotRequired" {
                        errs.push(Diagnostic::invalid(&f, at(&format!("{item}.restartPolicy")), &quote(policy), "must be 'NotRequired' when `restartPolicy` is 'Never'"));
                    }
                }
            }
        }
    }
    // validateReadinessGates: ValidateQualifiedName(conditionType)
    for (i, g) in seq(spec.get("readinessGates")).iter().enumerate() {
        let value = text(g, "conditionType").unwrap_or("");
        let f = format!("{prefix}.readinessGates[{i}].conditionType");
        let pos = if g.get("conditionType").is_some() { at(&f) } else { at(&format!("{prefix}.readinessGates[{i}]")) };
        for m in super::names::qualified_name(value) {
            errs.push(Diagnostic::invalid(&f, pos, &quote(value), &m));
        }
    }
    // ValidatePodSpec: nodeName (ValidateNodeName), runtimeClassName, preemptionPolicy, os
    if let Some(node) = text(spec, "nodeName").filter(|n| !n.is_empty()) {
        let f = format!("{prefix}.nodeName");
        for m in super::names::dns1123_subdomain(node) {
            errs.push(Diagnostic::invalid(&f, at(&f), &quote(node), &m));
        }
    }
    if let Some(rc) = text(spec, "runtimeClassName") {
        let f = format!("{prefix}.runtimeClassName");
        for m in super::names::dns1123_subdomain(rc) {
            errs.push(Diagnostic::invalid(&f, at(&f), &quote(rc), &m));
        }
    }
    if let Some(p) = text(spec, "preemptionPolicy") {
        let f = format!("{prefix}.preemptionPolicy");
        match p {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.push(Diagnostic::required(&f, at(&f), "")),
            other => errs.push(Diagnostic::not_supported(&f, at(&f), other, &["PreemptLowerPriority", "Never"])),
        }
    }
    if let Some(os) = spec.get("os").filter(|o| !o.is_null()) {
        let f = format!("{prefix}.os");
        match text(os, "name").unwrap_or("") {
            "linux" | "windows" => {}
            "" => {
                let nf = format!("{f}.name");
                errs.push(Diagnostic::required(&nf, at(&f), "cannot be empty"));
            }
            other => errs.push(Diagnostic::not_supported(&f, at(&format!("{f}.name")), other, &["linux", "windows"])),
        }
    }
}

/// validateRollingUpdateStatefulSet (pkg/apis/apps/validation/validation.go, from
/// ValidateStatefulSetSpec for type RollingUpdate, or unset: SetDefaults_StatefulSet's):
/// ValidateNonnegativeField(partition).
pub(crate) fn sts_rolling_update(rolling: &Node, at: At, errs: &mut Vec<Diagnostic>) {
    let f = "spec.updateStrategy.rollingUpdate.partition";
    if let Some(p) = super::yaml::int(rolling.get("partition")).filter(|p| *p < 0) {
        errs.push(Diagnostic::invalid(f, at(f), &p.to_string(), "must be greater than or equal to 0"));
    }
}

/// validateIngressTypedLocalObjectReference (pkg/apis/networking/validation/validation.go, from
/// validateIngressBackend for a `resource` backend at `field`): apiGroup a DNS-1123 subdomain when
/// set, kind and name required and path segment names (IsValidPathSegmentName).
pub(crate) fn ingress_resource_backend(root: &Node, field: &str, at: At, errs: &mut Vec<Diagnostic>) {
    let f = format!("{field}.resource");
    let Some(r) = super::scaling::node(root, &f) else { return };
    if let Some(g) = text(r, "apiGroup") {
        let gf = format!("{f}.apiGroup");
        for m in super::names::dns1123_subdomain(g) {
            errs.push(Diagnostic::invalid(&gf, at(&gf), &quote(g), &m));
        }
    }
    for key in ["kind", "name"] {
        let kf = format!("{f}.{key}");
        match text(r, key).unwrap_or("") {
            "" => errs.push(Diagnostic::required(&kf, at(&f), &format!("{key} is required"))),
            v => {
                for m in super::scaling::path_segment_name(v) {
                    errs.push(Diagnostic::invalid(&kf, at(&kf), &quote(v), &m));
                }
            }
        }
    }
}

/// ValidatePersistentVolumeClaim → ValidateObjectMeta of the claim the StatefulSet controller
/// makes (`claim`: `<template name>-<pod name>`, getPersistentVolumeClaimName): the name a
/// DNS-1123 subdomain (ValidatePersistentVolumeName), as the API server prints the errors.
pub(crate) fn claim_meta_errors(claim: &str) -> Vec<String> {
    super::names::dns1123_subdomain(claim).into_iter().map(|m| format!("metadata.name: Invalid value: {}: {m}", quote(claim))).collect()
}

/// What the Priority admission plugin (plugin/pkg/admission/priority/admission.go admitPod, on
/// create) computes for a pod with priorityClassName `class`: none → getDefaultPriority (0 and
/// PreemptLowerPriority when no PriorityClass is globalDefault), a system class → its value
/// (pkg/apis/scheduling SystemPriorityClasses, created by the API server; preemptionPolicy
/// defaulted to PreemptLowerPriority by SetDefaults_PriorityClass). None for another class: it is
/// looked up in the cluster, which the input may not show.
fn computed_priority(class: &str) -> Option<(i64, &'static str)> {
    match class {
        "" => Some((0, "PreemptLowerPriority")),
        "system-cluster-critical" => Some((2_000_000_000, "PreemptLowerPriority")),
        "system-node-critical" => Some((2_000_001_000, "PreemptLowerPriority")),
        _ => None,
    }
}

/// A PriorityClass the input creates, as admitPod reads it (plugin/pkg/admission/priority/admission.go):
/// its name, value, preemptionPolicy (SetDefaults_PriorityClass: PreemptLowerPriority when
/// unset) and globalDefault.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct InputClass {
    pub(crate) name: String,
    pub(crate) value: i64,
    pub(crate) policy: &'static str,
    pub(crate) global: bool,
}

/// [`InputClass`] of a PriorityClass's tree (None for other kinds).
pub(crate) fn input_class(kind: &str, root: &Node) -> Option<InputClass> {
    if kind != "PriorityClass" {
        return None;
    }
    let name = root.get("metadata").and_then(|m| text(m, "name")).unwrap_or("").to_string();
    let value = super::yaml::int(root.get("value")).unwrap_or(0);
    let policy = if text(root, "preemptionPolicy") == Some("Never") { "Never" } else { "PreemptLowerPriority" };
    let global = matches!(root.get("globalDefault").map(|n| &n.kind), Some(super::yaml::NodeKind::Scalar { value: super::yaml::Value::Bool(true), .. }));
    Some(InputClass { name, value, policy, global })
}

/// What admitPod (plugin/pkg/admission/priority/admission.go) computes for `o`'s pods from the
/// input's PriorityClasses: the class its priorityClassName names, or with none getDefaultPriority's
/// globalDefault class (the lowest value among several: getDefaultPriorityClass). None: the input
/// does not decide it (no such class in it).
fn input_priority(o: &Object, classes: &[InputClass]) -> Option<(i64, &'static str)> {
    let spec = super::yaml::node_at(&o.source, o.pod_spec_path()?)?;
    let class = match text(spec, "priorityClassName").unwrap_or("") {
        "" => classes.iter().filter(|c| c.global).min_by_key(|c| c.value),
        name => classes.iter().find(|c| c.name == name),
    }?;
    Some((class.value, class.policy))
}

/// Set each pod's and workload's `input_priority` ([`input_priority`]) from the input's
/// PriorityClasses (the whole analysis, before the pod checks).
pub(crate) fn resolve_priority_classes(objects: &mut [Object], classes: &[InputClass]) {
    for o in objects {
        o.input_priority = input_priority(o, classes);
    }
}

/// [`resolve_priority_classes`] of one object: whether its `input_priority` changed.
pub(crate) fn resolve_priority_class(o: &mut Object, classes: &[InputClass]) -> bool {
    let p = input_priority(o, classes);
    let changed = p != o.input_priority;
    o.input_priority = p;
    changed
}

/// admitPod's refusal of a pod whose written `priority` or `preemptionPolicy` differs from what
/// it computes from the priorityClassName (`input`: from the input's PriorityClasses; else
/// [`computed_priority`]): the error after `pods "<name>" is forbidden: `
/// (admission.NewForbidden), and the field it points at.
pub(crate) fn priority_admission(spec: &Node, input: Option<(i64, &'static str)>) -> Option<(String, &'static str)> {
    let class = text(spec, "priorityClassName").unwrap_or("");
    let (value, policy) = input.or_else(|| computed_priority(class))?;
    if let Some(p) = super::yaml::int(spec.get("priority")).filter(|p| *p != value) {
        return Some((format!("the integer value of priority ({p}) must not be provided in pod spec; priority admission controller computed {value} from the given PriorityClass name"), "priority"));
    }
    if let Some(p) = text(spec, "preemptionPolicy").filter(|p| *p != policy) {
        return Some((format!("the string value of PreemptionPolicy ({p}) must not be provided in pod spec; priority admission controller computed {policy} from the given PriorityClass name"), "preemptionPolicy"));
    }
    None
}

/// [`priority_admission`] for a Pod written in the input (a dumped one exists already): the
/// API server's `pods "<name>" is forbidden: …`, an error on the Pod.
pub(crate) fn pod_priority_refusal(o: &Object, errs: &mut Vec<Diagnostic>) {
    if !matches!(o.body, Body::Pod(..)) || o.dumped() {
        return;
    }
    let Some(spec) = o.source.get("spec") else { return };
    if let Some((detail, key)) = priority_admission(spec, o.input_priority) {
        // admission.NewForbidden → extractResourceName: the name, else the generateName
        let generated = o.source.get("metadata").and_then(|m| text(m, "generateName")).filter(|g| !g.is_empty());
        let name = if o.meta.name.is_empty() { generated.unwrap_or("Unknown") } else { o.meta.name.as_str() };
        let f = format!("spec.{key}");
        let mut d = Diagnostic::note(Severity::Error, ErrorType::Forbidden, "Forbidden", format!("pods {} is forbidden: {detail}", quote(name)), o.pos(&f));
        d.field = Some(f);
        errs.push(d);
    }
}

/// The priorityClassName of each pod and workload the input writes that names no system class
/// and no PriorityClass the input creates (`classes`: their names): assumed to exist in the cluster, like the namespaces, Secrets and
/// ConfigMaps a pod names (core::podchecks::missing_references); if not, the Priority admission
/// plugin refuses every pod (admitPod: `no PriorityClass with name <name> was found`).
pub(crate) fn priority_class_notes(objects: &[Object], classes: &[&str], diags: &mut Vec<Diagnostic>) {
    for o in objects {
        if o.dumped() || o.refused {
            continue;
        }
        let Some(prefix) = o.pod_spec_path() else { continue };
        let Some(spec) = super::yaml::node_at(&o.source, prefix) else { continue };
        let Some(class) = text(spec, "priorityClassName").filter(|c| computed_priority(c).is_none() && !classes.contains(c)) else { continue };
        if super::cluster::pod_check(o).is_some_and(|(ok, _)| !ok) {
            continue;
        }
        let f = format!("{prefix}.priorityClassName");
        let (who, refused) = if matches!(o.body, Body::Pod(..)) {
            ("the Pod".to_string(), format!("the Pod (pods {} is forbidden", quote(&o.meta.name)))
        } else {
            (format!("the {}'s pods", o.kind), "its pods and none is created (event FailedCreate: … pods \"…\" is forbidden".to_string())
        };
        diags.push(
            Diagnostic::note(
                Severity::Info,
                ErrorType::Resolution,
                "ReferenceAssumed",
                format!("PriorityClass {class:?} (for {who}) not created in this input: assumed to exist in the cluster; if not, the Priority admission plugin refuses {refused}: no PriorityClass with name {class} was found)"),
                o.pos(&f),
            )
            .on(&o.id())
            .at_field(&f),
        );
    }
}

/// [`priority_admission`] for the pods a controller creates from its template: the create fails
/// for every pod (event FailedCreate, as core::cluster's pod_create_refusal words it), with
/// `pods "<name>" is forbidden: …` — the name the plugin sees is the pod's generateName
/// (admission.NewForbidden → extractResourceName: controller_utils.go GetPodFromTemplate gives
/// `<controller>-`; a StatefulSet's pod has its name).
pub(crate) fn workload_priority_refusal(o: &Object, w: &super::model::Workload, pod: &str) -> Option<(String, Pos)> {
    let spec = super::yaml::node_at(&o.source, "spec.template.spec")?;
    let (detail, key) = priority_admission(spec, o.input_priority)?;
    let at = o.pos(&format!("spec.template.spec.{key}"));
    let message = match o.kind.as_str() {
        "StatefulSet" => format!(
            "the StatefulSet controller's pod {pod} is refused by the API server's Priority admission plugin, so no pod is created (event FailedCreate: create Pod {pod} in StatefulSet {} failed error: pods {} is forbidden: {detail})",
            o.meta.name,
            quote(pod)
        ),
        kind => {
            let (controller, owner, prefix) = match kind {
                "Deployment" => {
                    let rs = pod.rsplit_once('-').map_or(pod, |(rs, _)| rs);
                    ("ReplicaSet", format!("ReplicaSet {rs}"), format!("{rs}-"))
                }
                // an Indexed Job's pods: `<job>-<index>-` (pkg/controller/job indexed_job_utils.go podGenerateNameWithIndex)
                "Job" if w.job.as_ref().is_some_and(|j| j.completion_mode.as_deref() == Some("Indexed")) => ("Job", format!("Job {}", o.meta.name), format!("{}-0-", o.meta.name)),
                other => (other, format!("{other} {}", o.meta.name), format!("{}-", o.meta.name)),
            };
            format!(
                "the {controller} controller's pods are refused by the API server's Priority admission plugin, so no pod is created (event FailedCreate on {owner}: Error creating: pods {} is forbidden: {detail})",
                quote(&prefix)
            )
        }
    };
    Some((message, at))
}

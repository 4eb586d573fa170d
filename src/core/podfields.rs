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
            // made only for a diagnostic (issue #12: one per container was ~1% of a dump's analysis)
            let path = || format!("{prefix}.{list}[{ci}]");
            // validateContainerCommon: "" is SetDefaults_Container's File
            if let Some(p) = text(c, "terminationMessagePolicy").filter(|p| !p.is_empty() && !matches!(*p, "File" | "FallbackToLogsOnError")) {
                let f = format!("{}.terminationMessagePolicy", path());
                errs.push(Diagnostic::not_supported(&f, at(&f), p, &["File", "FallbackToLogsOnError"]));
            }
            // validateResizePolicy (validateContainerCommon): every error at the list's path.
            // valfix18: validateInitContainers calls validateContainerCommon too, so an init
            // container's resizePolicy is checked the same way; its own `must not be set for
            // init containers` needs !opts.AllowSidecarResizePolicy, which is
            // InPlacePodVerticalScaling (pkg/api/pod/util.go GetValidationOptionsFromPodSpecAndMeta):
            // beta and on by default since 1.33, so any init container may carry one
            let policies = seq(c.get("resizePolicy"));
            if !policies.is_empty() {
                let f = format!("{}.resizePolicy", path());
                let mut seen: Vec<&str> = Vec::new();
                for (i, p) in policies.iter().enumerate() {
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
    sts_rolling_update_gated(rolling, MAX_UNAVAILABLE_STATEFUL_SET, at, errs)
}

/// valfix18: the feature gate MaxUnavailableStatefulSet in the release modelled, 1.34: alpha and
/// off (pkg/features/kube_features.go: alpha since 1.24, beta and on by default from 1.35). Off,
/// pkg/registry/apps/statefulset/strategy.go PrepareForCreate → dropStatefulSetDisabledFields
/// clears `rollingUpdate.maxUnavailable` before validation: nothing about it is refused, and
/// the field errors render it `"MaxUnavailable":null`.
pub(crate) const MAX_UNAVAILABLE_STATEFUL_SET: bool = false;

/// validateRollingUpdateStatefulSet (pkg/apis/apps/validation/validation.go): partition not
/// negative; with the gate on, maxUnavailable ValidatePositiveIntOrPercent (an int not negative,
/// a string IsValidPercent), `cannot be 0` (getIntOrPercentValue: 0 and "0%"), and
/// IsNotMoreThan100Percent.
pub(crate) fn sts_rolling_update_gated(rolling: &Node, max_unavailable_gate: bool, at: At, errs: &mut Vec<Diagnostic>) {
    use super::yaml::{NodeKind, Value};
    let f = "spec.updateStrategy.rollingUpdate.partition";
    if let Some(p) = super::yaml::int(rolling.get("partition")).filter(|p| *p < 0) {
        errs.push(Diagnostic::invalid(f, at(f), &p.to_string(), "must be greater than or equal to 0"));
    }
    let Some(m) = rolling.get("maxUnavailable").filter(|m| !m.is_null() && max_unavailable_gate) else { return };
    let f = "spec.updateStrategy.rollingUpdate.maxUnavailable";
    let percent = |s: &str| s.strip_suffix('%').filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())).map(|d| d.parse::<i64>().unwrap_or(i64::MAX));
    match &m.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => {
            if *i < 0 {
                errs.push(Diagnostic::invalid(f, at(f), &i.to_string(), "must be greater than or equal to 0"));
            }
            if *i == 0 {
                errs.push(Diagnostic::invalid(f, at(f), "0", "cannot be 0"));
            }
        }
        NodeKind::Scalar { value: Value::Str, text, .. } => {
            let s = text.as_str();
            let v = super::diag::int_or_string(&Err(s.to_string()));
            match percent(s) {
                None => {
                    errs.push(Diagnostic::invalid(f, at(f), &v, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                    // getIntOrPercentValue: not a percent → IntValue() of the string (Atoi; 0 when it is no number)
                    if s.parse::<i64>().unwrap_or(0) == 0 {
                        errs.push(Diagnostic::invalid(f, at(f), &v, "cannot be 0"));
                    }
                }
                Some(0) => errs.push(Diagnostic::invalid(f, at(f), &v, "cannot be 0")),
                Some(p) if p > 100 => errs.push(Diagnostic::invalid(f, at(f), &v, "must not be greater than 100%")),
                Some(_) => {}
            }
        }
        _ => {}
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

/// valfix18: a pod template as the API server stores it, for apiequality.Semantic.DeepEqual
/// (pkg/controller/deployment/util/deployment_util.go FindNewReplicaSet → EqualIgnoreHash: two
/// stored templates, `pod-template-hash` dropped from metadata.labels). Defaults of
/// pkg/apis/core/v1/defaults.go (and zz_generated.defaults.go's walk of a PodTemplateSpec) are
/// filled in: SetDefaults_PodSpec (dnsPolicy ClusterFirst, restartPolicy Always,
/// securityContext {}, terminationGracePeriodSeconds 30, schedulerName default-scheduler),
/// SetDefaults_Container on containers, initContainers and ephemeralContainers (imagePullPolicy
/// Always for the tag `latest` — or no tag and no digest, parsers.ParseImageName — else
/// IfNotPresent; terminationMessagePath /dev/termination-log; terminationMessagePolicy File),
/// ports' protocol TCP, env fieldRef apiVersion v1, SetDefaults_Probe and SetDefaults_HTTPGetAction
/// on probes and lifecycle handlers, SetDefaults_ResourceList (quantities rounded up to milli
/// units, compared by value as Semantic's Quantity.Cmp), SetDefaults_Volume (no source: emptyDir),
/// the volume sources' defaultMode 420, expirationSeconds 3600, hostPath type "", an ephemeral
/// claim's volumeMode Filesystem. Nulls are absent (a nil pointer), an empty list is absent
/// (Semantic: nil and empty slices are equal), as is an empty map where Go holds a map or a
/// non-pointer struct (labels, annotations, nodeSelector, limits, requests, overhead, resources,
/// metadata). Not modelled: the azureDisk / rbd / iscsi / scaleIO source defaults.
pub(crate) fn stored_template(t: &Node) -> serde_json::Value {
    use serde_json::{json, Value as J};
    let mut v = to_json(t, "");
    let Some(root) = v.as_object_mut() else { return v };
    if let Some(J::Object(labels)) = root.get_mut("metadata").and_then(|m| m.get_mut("labels")) {
        labels.remove("pod-template-hash");
        if labels.is_empty() {
            root.get_mut("metadata").and_then(|m| m.as_object_mut()).map(|m| m.remove("labels"));
        }
    }
    if root.get("metadata").and_then(|m| m.as_object()).is_some_and(|m| m.is_empty()) {
        root.remove("metadata");
    }
    let Some(J::Object(spec)) = root.get_mut("spec") else { return v };
    let put = |m: &mut serde_json::Map<String, J>, k: &str, d: J| {
        m.entry(k.to_string()).or_insert(d);
    };
    put(spec, "dnsPolicy", json!("ClusterFirst"));
    put(spec, "restartPolicy", json!("Always"));
    put(spec, "securityContext", json!({}));
    put(spec, "terminationGracePeriodSeconds", json!(30));
    put(spec, "schedulerName", json!("default-scheduler"));
    fn http(h: &mut J) {
        if let Some(g) = h.get_mut("httpGet").and_then(|g| g.as_object_mut()) {
            g.entry("path").or_insert(json!("/"));
            g.entry("scheme").or_insert(json!("HTTP"));
        }
    }
    fn field_ref(e: &mut J) {
        if let Some(f) = e.get_mut("fieldRef").and_then(|f| f.as_object_mut()) {
            f.entry("apiVersion").or_insert(json!("v1"));
        }
    }
    for list in ["containers", "initContainers", "ephemeralContainers"] {
        let Some(J::Array(cs)) = spec.get_mut(list) else { continue };
        for c in cs.iter_mut().filter_map(|c| c.as_object_mut()) {
            let pull = if image_tag_latest(c.get("image").and_then(|i| i.as_str()).unwrap_or("")) { "Always" } else { "IfNotPresent" };
            c.entry("imagePullPolicy").or_insert(json!(pull));
            c.entry("terminationMessagePath").or_insert(json!("/dev/termination-log"));
            c.entry("terminationMessagePolicy").or_insert(json!("File"));
            if let Some(J::Array(ports)) = c.get_mut("ports") {
                for p in ports.iter_mut().filter_map(|p| p.as_object_mut()) {
                    p.entry("protocol").or_insert(json!("TCP"));
                }
            }
            if let Some(J::Array(env)) = c.get_mut("env") {
                for e in env.iter_mut() {
                    if let Some(from) = e.get_mut("valueFrom") {
                        field_ref(from);
                    }
                }
            }
            for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
                let Some(J::Object(p)) = c.get_mut(probe) else { continue };
                for (k, d) in [("timeoutSeconds", 1), ("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3)] {
                    if p.get(k).and_then(|x| x.as_i64()).unwrap_or(0) == 0 {
                        p.insert(k.to_string(), json!(d));
                    }
                }
                http(c.get_mut(probe).unwrap());
            }
            if let Some(l) = c.get_mut("lifecycle") {
                for h in ["postStart", "preStop"] {
                    if let Some(h) = l.get_mut(h) {
                        http(h);
                    }
                }
            }
        }
    }
    if let Some(J::Array(vols)) = spec.get_mut("volumes") {
        const SOURCES: [&str; 30] = [
            "hostPath", "emptyDir", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "secret", "nfs", "iscsi", "glusterfs",
            "persistentVolumeClaim", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "downwardAPI", "fc", "azureFile", "configMap",
            "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "projected", "portworxVolume", "scaleIO", "storageos", "csi",
            "ephemeral", "image",
        ];
        for vol in vols.iter_mut().filter_map(|v| v.as_object_mut()) {
            if !SOURCES.iter().any(|s| vol.contains_key(*s)) {
                vol.insert("emptyDir".into(), json!({}));
            }
            for (s, mode) in [("secret", true), ("configMap", true), ("downwardAPI", true), ("projected", true), ("hostPath", false)] {
                let Some(J::Object(src)) = vol.get_mut(s) else { continue };
                if mode {
                    src.entry("defaultMode").or_insert(json!(420));
                } else {
                    src.entry("type").or_insert(json!(""));
                }
                if let Some(J::Array(items)) = src.get_mut("items") {
                    items.iter_mut().for_each(field_ref);
                }
                if let Some(J::Array(sources)) = src.get_mut("sources") {
                    for p in sources.iter_mut() {
                        if let Some(J::Array(items)) = p.get_mut("downwardAPI").and_then(|d| d.get_mut("items")) {
                            items.iter_mut().for_each(field_ref);
                        }
                        if let Some(J::Object(t)) = p.get_mut("serviceAccountToken") {
                            t.entry("expirationSeconds").or_insert(json!(3600));
                        }
                    }
                }
            }
            if let Some(J::Object(s)) = vol.get_mut("ephemeral").and_then(|e| e.get_mut("volumeClaimTemplate")).and_then(|t| t.get_mut("spec")) {
                s.entry("volumeMode").or_insert(json!("Filesystem"));
            }
        }
    }
    v
}

/// parsers.ParseImageName's tag is `latest`: written so, or neither a tag nor a digest (the
/// tag is the text after the last `:` of the name's last path segment, before any `@digest`).
fn image_tag_latest(image: &str) -> bool {
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    let last = name.rsplit('/').next().unwrap_or(name);
    match last.rsplit_once(':') {
        Some((_, tag)) => tag == "latest",
        None => digest.is_none(),
    }
}

/// The written tree as JSON for [`stored_template`]: nulls and empty lists dropped, empty maps
/// dropped where Go holds a map or a non-pointer struct, quantities under limits / requests /
/// overhead as their milli value rounded up.
fn to_json(n: &Node, key: &str) -> serde_json::Value {
    use super::yaml::{NodeKind, Value};
    use serde_json::Value as J;
    match &n.kind {
        NodeKind::Scalar { value, text, .. } => match value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map(J::Number).unwrap_or(J::Null),
            Value::Str => J::String(text.as_str().to_string()),
        },
        NodeKind::Seq(items) => J::Array(items.iter().map(|i| to_json(i, "")).filter(|v| !v.is_null()).collect()),
        NodeKind::Map(_) => {
            let quantities = matches!(key, "limits" | "requests" | "overhead");
            let mut m = serde_json::Map::new();
            for (k, v) in n.last_entries() {
                let Some(k) = k.as_str() else { continue };
                let j = match super::quantity::of_node(v) {
                    Some(q) if quantities => J::String(format!("{}m", q.milli())),
                    _ => to_json(v, k),
                };
                let empty_map = j.as_object().is_some_and(|o| o.is_empty())
                    && matches!(k, "labels" | "annotations" | "nodeSelector" | "limits" | "requests" | "overhead" | "resources" | "metadata");
                if j.is_null() || j.as_array().is_some_and(|a| a.is_empty()) || empty_map {
                    continue;
                }
                m.insert(k.to_string(), j);
            }
            J::Object(m)
        }
    }
}

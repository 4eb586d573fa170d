//! The API server's validation of a HorizontalPodAutoscaler (autoscaling/v2 and v1) and a
//! PodDisruptionBudget (policy/v1), checked on the object's YAML tree after strict decoding
//! (strict.rs, with the generated tables' autoscaling/v1, autoscaling/v2 and policy/v1 types)
//! passed. A refused one is an error, and no later stage reads it (no replica bounds, no
//! eviction budget).
//!
//! * HorizontalPodAutoscaler: kubernetes/kubernetes pkg/apis/autoscaling/validation/
//!   validation.go `ValidateHorizontalPodAutoscaler` → `validateHorizontalPodAutoscalerSpec`
//!   (minReplicas lower bound 1: the HPAScaleToZero gate is alpha, off by default),
//!   `ValidateCrossVersionObjectReference`, `validateMetrics` / `validateMetricSpec` (and each
//!   source's validator, `validateMetricTarget`, `validateMetricIdentifier`), `validateBehavior`
//!   / `validateScalingRules` / `validateScalingPolicy`; after pkg/apis/autoscaling/v2
//!   defaults.go `SetDefaults_HorizontalPodAutoscaler` (minReplicas 1, a CPU metric when none,
//!   a written scaling rule's unset fields from the default rules: `copyHPAScalingRules`). An
//!   autoscaling/v1 object is converted to the internal type first (pkg/apis/autoscaling/v1
//!   conversion.go `Convert_v1_HorizontalPodAutoscalerSpec_To_autoscaling_...`):
//!   `targetCPUUtilizationPercentage` becomes `metrics[0]` (a Resource cpu Utilization target),
//!   so its error names `spec.metrics[0].resource.target.averageUtilization`.
//! * PodDisruptionBudget: pkg/apis/policy/validation/validation.go `ValidatePodDisruptionBudget`
//!   → `ValidatePodDisruptionBudgetSpec` (AllowInvalidLabelValueInSelector false on create:
//!   pkg/registry/policy/poddisruptionbudget/strategy.go `Validate`); its metadata only after
//!   that passed, by k8s.io/apiserver pkg/registry/rest/create.go `BeforeCreate`'s
//!   `ValidateObjectMetaAccessor` with `path.ValidatePathSegmentName` (the strategy itself checks
//!   no name).
//!
//! Values print as apimachinery field/errors.go `ErrorBody` prints them since "Nicer value
//! rendering in API errors" (apimachinery c58e197e, 2025): numbers bare, strings quoted, any
//! other value as its JSON (`*int32` → `0`, a Quantity → `"-1"`, an IntOrString → `"150%"`, a
//! struct of the internal API without json tags → its Go field names). Identical messages are
//! reported once (field.ErrorList `ToAggregate` drops repeats).
//!
//! An autoscaling/v1 object whose `autoscaling.alpha.kubernetes.io/metrics` (current-metrics,
//! conditions) annotation json.Unmarshal refuses is not decoded ([`v1_annotation_error`], run
//! with the strict decoding in mod.rs `decode`: the annotations are not kept for validation).
//!
//! Not checked: the `tolerance` of a scaling rule (HPAConfigurableTolerance), and the metrics an
//! autoscaling/v1 object carries in a well-formed `autoscaling.alpha.kubernetes.io/metrics`
//! annotation (the conversion puts them before the targetCPUUtilizationPercentage metric).

use std::fmt::Write as _;
use super::diag::{int_or_string as int_or_string_value, json_str, quote, Diagnostic};
use super::model::{Body, Object};
use super::yaml::{Node, NodeKind, Pos, Value};

/// The errors of one HorizontalPodAutoscaler or PodDisruptionBudget (none for other kinds), in
/// upstream's order.
pub fn validate(o: &Object, errs: &mut Vec<Diagnostic>) {
    let mut v = V::new(&o.source);
    match &o.body {
        Body::Autoscaler(_) => {
            // ValidateObjectMeta with ValidateHorizontalPodAutoscalerName
            // (ValidateReplicationControllerName: NameIsDNSSubdomain), namespaced
            let at = |p: &str| o.pos(p);
            super::service::validate_object_meta(o, super::names::dns1123_subdomain, true, &at, &mut v.errs);
            v.autoscaler_spec(o.api_version == "autoscaling/v1");
        }
        Body::DisruptionBudget(b) => {
            v.disruption_budget_spec(b);
            if v.errs.is_empty() {
                let at = |p: &str| o.pos(p);
                super::service::validate_object_meta(o, path_segment_name, true, &at, &mut v.errs);
            }
        }
        _ => return,
    }
    for d in v.errs {
        if !errs.iter().any(|e| e.message == d.message) {
            errs.push(d);
        }
    }
}

/// pkg/apis/autoscaling/v1/conversion.go `Convert_v1_HorizontalPodAutoscaler_To_autoscaling_
/// HorizontalPodAutoscaler`: the metrics, current-metrics and conditions annotations (the
/// MetricSpecsAnnotation, MetricStatusesAnnotation and HorizontalPodAutoscalerConditionsAnnotation
/// of pkg/apis/autoscaling/annotations.go), in that order, are each json.Unmarshal-ed into their
/// v1 list type and an error is returned as the conversion's, which the create handler answers
/// as a decode error (k8s.io/apiserver pkg/endpoints/handlers/rest.go transformDecodeError:
/// `HorizontalPodAutoscaler in version "v1" cannot be handled as a HorizontalPodAutoscaler: …`).
/// Only the errors core::gojson knows exactly are given (syntax, a top-level value that is no
/// list, an item that is no object); the metrics such an annotation holds are not validated.
pub fn v1_annotation_error(root: &Node) -> Option<Diagnostic> {
    let annotations = root.get("metadata").and_then(|m| m.get("annotations"))?;
    for (key, elem) in [
        ("autoscaling.alpha.kubernetes.io/metrics", "v1.MetricSpec"),
        ("autoscaling.alpha.kubernetes.io/current-metrics", "v1.MetricStatus"),
        ("autoscaling.alpha.kubernetes.io/conditions", "v1.HorizontalPodAutoscalerCondition"),
    ] {
        let Some(n) = annotations.get(key) else { continue };
        let text = n.as_str().unwrap_or_default();
        if let Some(e) = super::gojson::unmarshal_struct_slice_error(text, elem) {
            let message = format!("HorizontalPodAutoscaler in version \"v1\" cannot be handled as a HorizontalPodAutoscaler: {e}");
            let d = Diagnostic::note(super::diag::Severity::Error, super::diag::ErrorType::Invalid, "ConversionError", message, n.pos);
            return Some(d.at_field(&format!("metadata.annotations[{key}]")));
        }
    }
    None
}

/// apimachinery pkg/api/validate/content/path.go `IsPathSegmentName` (path.IsValidPathSegmentName).
pub fn path_segment_name(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    ["/", "%"].iter().filter(|c| name.contains(**c)).map(|c| format!("may not contain '{c}'")).collect()
}

/// A field walker over one object's tree collecting field errors in upstream's words (shared by
/// the kinds validated on their tree: core::rbac, core::storage, core::quota, core::scheduling).
pub(crate) struct V<'a> {
    pub(crate) root: &'a Node,
    pub(crate) errs: Vec<Diagnostic>,
}

/// The node at a field path (`spec.metrics[0].resource`), None when absent or null.
pub(crate) fn node<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut cur = root;
    for seg in path.split('.') {
        let (key, idx) = match seg.find('[') {
            Some(i) => (&seg[..i], seg[i + 1..].trim_end_matches(']').parse::<usize>().ok()),
            None => (seg, None),
        };
        cur = cur.get(key)?;
        if let Some(i) = idx {
            match &cur.kind {
                NodeKind::Seq(items) => cur = items.get(i)?,
                _ => return None,
            }
        }
    }
    (!cur.is_null()).then_some(cur)
}

pub(crate) fn int_of(n: &Node) -> Option<i64> {
    match &n.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => Some(*i),
        _ => None,
    }
}

/// A scalar's written text (a Quantity may be a YAML number or a string).
fn text_of(n: &Node) -> Option<&str> {
    match &n.kind {
        NodeKind::Scalar { text, .. } => Some(text.as_str()),
        _ => None,
    }
}

impl<'a> V<'a> {
    pub(crate) fn new(root: &'a Node) -> V<'a> {
        V { root, errs: Vec::new() }
    }
    pub(crate) fn at(&self, path: &str) -> Pos {
        super::model::pos_at(self.root, path)
    }
    pub(crate) fn get(&self, path: &str) -> Option<&'a Node> {
        node(self.root, path)
    }
    pub(crate) fn int(&self, path: &str) -> Option<i64> {
        self.get(path).and_then(int_of)
    }
    pub(crate) fn str(&self, path: &str) -> Option<&'a str> {
        self.get(path).and_then(|n| n.as_str())
    }
    pub(crate) fn present(&self, path: &str) -> bool {
        self.get(path).is_some()
    }
    /// The items of a list field (none when absent, null or not a list).
    pub(crate) fn items(&self, path: &str) -> &'a [Node] {
        match self.get(path).map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items,
            _ => &[],
        }
    }
    /// A `[]string` field's values (null items read as Go's "").
    pub(crate) fn strs(&self, path: &str) -> Vec<&'a str> {
        self.items(path).iter().map(|n| n.as_str().unwrap_or("")).collect()
    }
    /// A string-keyed map's (key, value, the key's position), the last of a repeated key.
    pub(crate) fn entries(&self, path: &str) -> Vec<(&'a str, &'a Node, Pos)> {
        self.get(path).map(|n| n.last_entries().filter_map(|(k, v)| Some((k.as_str()?, v, k.pos))).collect()).unwrap_or_default()
    }
    /// ValidateObjectMeta of this tree's metadata: `name_rule` for the name; `namespaced` kinds
    /// only have their namespace checked (a cluster-scoped object's namespace is cleared
    /// before validation: apiserver rest/create.go BeforeCreate,
    /// EnsureObjectNamespaceMatchesRequestNamespace).
    pub(crate) fn object_meta(&mut self, name_rule: fn(&str) -> Vec<String>, namespaced: bool) {
        let meta = super::model::read_meta(self.root);
        let root = self.root;
        let at = |p: &str| super::model::pos_at(root, p);
        super::service::validate_meta(&meta, name_rule, namespaced, &at, &mut self.errs);
    }
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.errs.push(d);
    }
    pub(crate) fn required(&mut self, path: &str, detail: &str) {
        let d = Diagnostic::required(path, self.at(path), detail);
        self.errs.push(d);
    }
    pub(crate) fn invalid(&mut self, path: &str, value: &str, detail: &str) {
        let d = Diagnostic::invalid(path, self.at(path), value, detail);
        self.errs.push(d);
    }
    pub(crate) fn forbidden(&mut self, path: &str, detail: &str) {
        let d = Diagnostic::forbidden(path, self.at(path), detail);
        self.errs.push(d);
    }
    pub(crate) fn not_supported(&mut self, path: &str, value: &str, valid: &[&str]) {
        let d = Diagnostic::not_supported(path, self.at(path), value, valid);
        self.errs.push(d);
    }

    /// validateHorizontalPodAutoscalerSpec(spec, "spec", minReplicasLowerBound 1), after
    /// SetDefaults_HorizontalPodAutoscaler (v1 and v2 alike: minReplicas nil → 1).
    fn autoscaler_spec(&mut self, v1: bool) {
        let min = self.int("spec.minReplicas").unwrap_or(1);
        // maxReplicas is an int32, not a pointer: unset is 0
        let max = self.int("spec.maxReplicas").unwrap_or(0);
        if min < 1 {
            self.invalid("spec.minReplicas", &min.to_string(), "must be greater than or equal to 1");
        }
        if max < 1 {
            self.invalid("spec.maxReplicas", &max.to_string(), "must be greater than 0");
        }
        if max < min {
            self.invalid("spec.maxReplicas", &max.to_string(), "must be greater than or equal to `minReplicas`");
        }
        self.cross_version_object_reference("spec.scaleTargetRef");
        // validateMetrics
        let mut object_or_external = false;
        if v1 {
            // Convert_v1_HorizontalPodAutoscalerSpec_To_autoscaling_HorizontalPodAutoscalerSpec:
            // the one Resource cpu metric, its target Utilization (no annotation metrics read)
            if let Some(u) = self.int("spec.targetCPUUtilizationPercentage").filter(|&u| u < 1) {
                let f = "spec.metrics[0].resource.target.averageUtilization";
                let d = Diagnostic::invalid(f, self.at("spec.targetCPUUtilizationPercentage"), &u.to_string(), "must be greater than 0");
                self.errs.push(d);
            }
        } else {
            let n = match self.get("spec.metrics").map(|n| &n.kind) {
                Some(NodeKind::Seq(items)) => items.len(),
                _ => 0,
            };
            for i in 0..n {
                let p = format!("spec.metrics[{i}]");
                self.metric_spec(&p);
                object_or_external |= matches!(self.str(&format!("{p}.type")), Some("Object" | "External"));
            }
        }
        if min == 0 && !object_or_external {
            self.forbidden("spec.metrics", "must specify at least one Object or External metric to support scaling to zero replicas");
        }
        // validateBehavior (autoscaling/v1 has none); an unset rule is the default one, valid
        if !v1 && self.present("spec.behavior") {
            for dir in ["scaleUp", "scaleDown"] {
                let p = format!("spec.behavior.{dir}");
                if self.present(&p) {
                    self.scaling_rules(&p);
                }
            }
        }
    }

    /// ValidateCrossVersionObjectReference: kind and name required, each a path segment name.
    fn cross_version_object_reference(&mut self, p: &str) {
        for f in ["kind", "name"] {
            let path = format!("{p}.{f}");
            match self.str(&path).unwrap_or("") {
                "" => self.required(&path, ""),
                v => {
                    let v = v.to_string();
                    for m in path_segment_name(&v) {
                        self.invalid(&path, &quote(&v), &m);
                    }
                }
            }
        }
    }

    /// validateMetricSpec.
    fn metric_spec(&mut self, p: &str) {
        const TYPES: [&str; 5] = ["ContainerResource", "External", "Object", "Pods", "Resource"];
        let ty = self.str(&format!("{p}.type")).unwrap_or("").to_string();
        let type_f = format!("{p}.type");
        if ty.is_empty() {
            self.required(&type_f, "must specify a metric source type");
        }
        if !TYPES.contains(&ty.as_str()) {
            self.not_supported(&type_f, &ty, &TYPES);
        }
        // typesPresent, in the order they are looked at; only the first is validated
        let present: Vec<&str> = ["object", "external", "pods", "resource", "containerResource"].into_iter().filter(|s| self.present(&format!("{p}.{s}"))).collect();
        if let Some(first) = present.first() {
            let sp = format!("{p}.{first}");
            match *first {
                "object" => self.object_source(&sp),
                "external" => self.external_source(&sp),
                "pods" => self.pods_source(&sp),
                "resource" => self.resource_source(&sp, false),
                _ => self.resource_source(&sp, true),
            }
        }
        let expected = match ty.as_str() {
            "Object" => "object",
            "Pods" => "pods",
            "Resource" => "resource",
            "External" => "external",
            "ContainerResource" => "containerResource",
            _ => {
                // (the same NotSupported again: reported once)
                self.not_supported(&type_f, &ty, &TYPES);
                ""
            }
        };
        if !expected.is_empty() && !present.contains(&expected) {
            self.required(&format!("{p}.{expected}"), "must populate information for the given metric source");
        }
        if present.len() != 1 {
            // (a set in Go, in map order: sorted here)
            let mut others: Vec<&str> = present.iter().copied().filter(|s| *s != expected).collect();
            crate::core::sort::sort(&mut others);
            for typ in others {
                self.forbidden(&format!("{p}.{typ}"), "must populate the given metric source only");
            }
        }
    }

    /// validateObjectSource.
    fn object_source(&mut self, p: &str) {
        self.cross_version_object_reference(&format!("{p}.describedObject"));
        self.metric_identifier(&format!("{p}.metric"));
        self.metric_target(&format!("{p}.target"));
        if !self.present(&format!("{p}.target.value")) && !self.present(&format!("{p}.target.averageValue")) {
            self.required(&format!("{p}.target.averageValue"), "must set either a target value or averageValue");
        }
    }

    /// validateExternalSource.
    fn external_source(&mut self, p: &str) {
        self.metric_identifier(&format!("{p}.metric"));
        self.metric_target(&format!("{p}.target"));
        let (value, average) = (self.present(&format!("{p}.target.value")), self.present(&format!("{p}.target.averageValue")));
        if !value && !average {
            self.required(&format!("{p}.target.averageValue"), "must set either a target value for metric or a per-pod target");
        }
        if value && average {
            self.forbidden(&format!("{p}.target.value"), "may not set both a target value for metric and a per-pod target");
        }
    }

    /// validatePodsSource.
    fn pods_source(&mut self, p: &str) {
        self.metric_identifier(&format!("{p}.metric"));
        self.metric_target(&format!("{p}.target"));
        if !self.present(&format!("{p}.target.averageValue")) {
            self.required(&format!("{p}.target.averageValue"), "must specify a positive target averageValue");
        }
    }

    /// validateResourceSource, or validateContainerResourceSource (`container`).
    fn resource_source(&mut self, p: &str, container: bool) {
        let name_f = format!("{p}.name");
        match self.str(&name_f).unwrap_or("").to_string() {
            n if n.is_empty() => self.required(&name_f, "must specify a resource name"),
            // validateContainerResourceSource: corevalidation.ValidateContainerResourceName
            n if container => {
                for m in super::model::container_resource_name_errors(&n) {
                    self.invalid(&name_f, &quote(&n), &m);
                }
            }
            _ => {}
        }
        if container {
            let f = format!("{p}.container");
            match self.str(&f).unwrap_or("").to_string() {
                c if c.is_empty() => self.required(&f, "must specify a container"),
                c => {
                    // ValidateDNS1123Label
                    for m in super::names::dns1123_label(&c) {
                        self.invalid(&f, &quote(&c), &m);
                    }
                }
            }
        }
        self.metric_target(&format!("{p}.target"));
        let (util, average) = (self.present(&format!("{p}.target.averageUtilization")), self.present(&format!("{p}.target.averageValue")));
        if !util && !average {
            self.required(&format!("{p}.target.averageUtilization"), "must set either a target raw value or a target utilization");
        }
        if util && average {
            self.forbidden(&format!("{p}.target.averageValue"), "may not set both a target raw value and a target utilization");
        }
    }

    /// validateMetricTarget.
    fn metric_target(&mut self, p: &str) {
        let type_f = format!("{p}.type");
        let ty = self.str(&type_f).unwrap_or("").to_string();
        if ty.is_empty() {
            self.required(&type_f, "must specify a metric target type");
        }
        if !matches!(ty.as_str(), "Utilization" | "Value" | "AverageValue") {
            self.invalid(&type_f, &json_str(&ty), "must be either Utilization, Value, or AverageValue");
        }
        for f in ["value", "averageValue"] {
            let path = format!("{p}.{f}");
            // Quantity.Sign() != 1 (the strict decode already refused one that does not parse)
            let q = self.get(&path).and_then(text_of).and_then(super::quantity::parse);
            if let Some(q) = q.filter(|q| !q.is_positive()) {
                self.invalid(&path, &json_str(&q.to_go_string()), "must be positive");
            }
        }
        let f = format!("{p}.averageUtilization");
        if let Some(u) = self.int(&f).filter(|&u| u < 1) {
            self.invalid(&f, &u.to_string(), "must be greater than 0");
        }
    }

    /// validateMetricIdentifier.
    fn metric_identifier(&mut self, p: &str) {
        let f = format!("{p}.name");
        match self.str(&f).unwrap_or("").to_string() {
            n if n.is_empty() => self.required(&f, "must specify a metric name"),
            n => {
                for m in path_segment_name(&n) {
                    self.invalid(&f, &quote(&n), &m);
                }
            }
        }
    }

    /// validateScalingRules on a written rule, its unset fields the defaults' (copyHPAScalingRules:
    /// `policies` absent or null is the default policies, `[]` is none).
    fn scaling_rules(&mut self, p: &str) {
        let f = format!("{p}.stabilizationWindowSeconds");
        if let Some(s) = self.int(&f) {
            if s < 0 {
                self.invalid(&f, &s.to_string(), "must be greater than or equal to zero");
            }
            if s > 3600 {
                self.invalid(&f, &s.to_string(), "must be less than or equal to 3600");
            }
        }
        let f = format!("{p}.selectPolicy");
        if let Some(s) = self.str(&f).filter(|s| !matches!(*s, "Max" | "Min" | "Disabled")).map(str::to_string) {
            self.not_supported(&f, &s, &["Disabled", "Max", "Min"]);
        }
        let f = format!("{p}.policies");
        let n = match self.get(&f).map(|n| &n.kind) {
            Some(NodeKind::Seq(items)) => items.len(),
            _ => return,
        };
        if n == 0 {
            self.required(&f, "must specify at least one Policy");
        }
        for i in 0..n {
            // validateScalingPolicy
            let q = format!("{f}[{i}]");
            let ty = self.str(&format!("{q}.type")).unwrap_or("").to_string();
            if !matches!(ty.as_str(), "Pods" | "Percent") {
                self.not_supported(&format!("{q}.type"), &ty, &["Percent", "Pods"]);
            }
            let value = self.int(&format!("{q}.value")).unwrap_or(0);
            if value <= 0 {
                self.invalid(&format!("{q}.value"), &value.to_string(), "must be greater than zero");
            }
            let period_f = format!("{q}.periodSeconds");
            let period = self.int(&period_f).unwrap_or(0);
            if period <= 0 {
                self.invalid(&period_f, &period.to_string(), "must be greater than zero");
            }
            if period > 1800 {
                self.invalid(&period_f, &period.to_string(), "must be less than or equal to 1800");
            }
        }
    }

    /// ValidatePodDisruptionBudgetSpec.
    fn disruption_budget_spec(&mut self, b: &super::model::DisruptionBudget) {
        let (min, max) = (self.get("spec.minAvailable"), self.get("spec.maxUnavailable"));
        if min.is_some() && max.is_some() {
            let shown = self.budget_spec_json();
            self.invalid("spec", &shown, "minAvailable and maxUnavailable cannot be both set");
        }
        for f in ["spec.minAvailable", "spec.maxUnavailable"] {
            if let Some(v) = self.get(f).and_then(int_or_string) {
                self.positive_int_or_percent(f, &v);
            }
        }
        // unversionedvalidation.ValidateLabelSelector (nothing for a null selector)
        if let Some(sel) = &b.selector {
            let at = |p: &str| self.at(p);
            let mut errs = Vec::new();
            super::netpol::validate_label_selector(sel, "spec.selector", &at, &mut errs);
            self.errs.extend(errs);
        }
        let f = "spec.unhealthyPodEvictionPolicy";
        if let Some(p) = self.str(f).filter(|p| !matches!(*p, "AlwaysAllow" | "IfHealthyBudget")).map(str::to_string) {
            self.not_supported(f, &p, &["AlwaysAllow", "IfHealthyBudget"]);
        }
    }

    /// pkg/apis/apps/validation ValidatePositiveIntOrPercent then IsNotMoreThan100Percent.
    fn positive_int_or_percent(&mut self, f: &str, v: &Result<i64, String>) {
        match v {
            // ValidateNonnegativeField
            Ok(i) if *i < 0 => self.invalid(f, &i.to_string(), "must be greater than or equal to 0"),
            Ok(_) => {}
            Err(s) => match s.strip_suffix('%').filter(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit())) {
                // validation.IsValidPercent (`^[0-9]+%$`)
                None => self.invalid(f, &int_or_string_value(v), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"),
                Some(d) => {
                    if d.parse::<u64>().map_or(true, |n| n > 100) {
                        self.invalid(f, &int_or_string_value(v), "must not be greater than 100%");
                    }
                }
            },
        }
    }

    /// The internal policy.PodDisruptionBudgetSpec as json.Marshal prints it (no json tags: Go
    /// field names, in declaration order; the LabelSelector with its own tags, omitempty).
    fn budget_spec_json(&self) -> String {
        let intstr = |f: &str| match self.get(f).and_then(int_or_string) {
            Some(Ok(i)) => i.to_string(),
            Some(Err(s)) => json_str(&s),
            None => "null".into(),
        };
        let selector = match self.get("spec.selector") {
            None => "null".to_string(),
            Some(sel) => {
                let mut parts = Vec::new();
                if let Some(NodeKind::Map(_)) = sel.get("matchLabels").map(|n| &n.kind) {
                    let mut kv: Vec<(String, String)> = sel
                        .get("matchLabels")
                        .into_iter()
                        .flat_map(|m| m.last_entries())
                        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), v.as_str().unwrap_or_default().to_string())))
                        .collect();
                    crate::core::sort::sort(&mut kv);
                    if !kv.is_empty() {
                        parts.push(format!("\"matchLabels\":{{{}}}", kv.iter().map(|(k, v)| format!("{}:{}", json_str(k), json_str(v))).collect::<Vec<_>>().join(",")));
                    }
                }
                if let Some(NodeKind::Seq(items)) = sel.get("matchExpressions").map(|n| &n.kind) {
                    if !items.is_empty() {
                        let exprs: Vec<String> = items
                            .iter()
                            .map(|e| {
                                let s = |k: &str| e.get(k).and_then(|n| n.as_str()).unwrap_or_default().to_string();
                                let mut out = format!("{{\"key\":{},\"operator\":{}", json_str(&s("key")), json_str(&s("operator")));
                                if let Some(NodeKind::Seq(vals)) = e.get("values").map(|n| &n.kind) {
                                    if !vals.is_empty() {
                                        let vals: Vec<String> = vals.iter().map(|v| json_str(v.as_str().unwrap_or_default())).collect();
                                        let _ = write!(out, ",\"values\":[{}]", vals.join(","));
                                    }
                                }
                                out.push('}');
                                out
                            })
                            .collect();
                        parts.push(format!("\"matchExpressions\":[{}]", exprs.join(",")));
                    }
                }
                format!("{{{}}}", parts.join(","))
            }
        };
        let policy = self.str("spec.unhealthyPodEvictionPolicy").map_or("null".to_string(), json_str);
        format!(
            "{{\"MinAvailable\":{},\"Selector\":{selector},\"MaxUnavailable\":{},\"UnhealthyPodEvictionPolicy\":{policy}}}",
            intstr("spec.minAvailable"),
            intstr("spec.maxUnavailable")
        )
    }
}

/// An intstr.IntOrString as written: Ok(int) or Err(string).
fn int_or_string(n: &Node) -> Option<Result<i64, String>> {
    match &n.kind {
        NodeKind::Scalar { value: Value::Int(i), .. } => Some(Ok(*i)),
        NodeKind::Scalar { value: Value::Str, text, .. } => Some(Err(text.as_str().to_string())),
        _ => None,
    }
}

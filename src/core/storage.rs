//! core/v1 PersistentVolumeClaim and storage.k8s.io/v1 StorageClass: not drawn, decoded strictly
//! (the generated tables) and validated on their tree as the API server does, so a claim with
//! no access mode or no storage request is an error, not "read and ignored".
//!
//! * PersistentVolumeClaim: pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaim
//!   (ValidateObjectMeta with ValidatePersistentVolumeName: NameIsDNSSubdomain; namespaced) →
//!   ValidatePersistentVolumeClaimSpec: accessModes required and supported (ReadWriteOncePod
//!   alone), the selector, `resources.requests[storage]` required and positive (its field path
//!   is upstream's `spec.resources[storage]`), storageClassName and volumeAttributesClassName
//!   class names (NameIsDNSSubdomain), volumeMode (SetDefaults_PersistentVolumeClaimSpec's
//!   Filesystem is valid), dataSource / dataSourceRef (validateDataSource, validateDataSourceRef)
//!   after the PVC strategy's PrepareForCreate copies one into the other
//!   (pkg/api/persistentvolumeclaim/util.go NormalizeDataSources; dataSourceRef.namespace is
//!   dropped with CrossNamespaceVolumeDataSource off); both written must match
//!   (isDataSourceEqualDataSourceRef: `spec: Invalid value: {}: must match dataSourceRef`).
//! * PersistentVolume: ValidatePersistentVolume (ValidatePersistentVolumeName; cluster-scoped)
//!   → ValidatePersistentVolumeSpec, not inline: accessModes required and supported, capacity
//!   exactly `storage` and positive, persistentVolumeReclaimPolicy (after
//!   SetDefaults_PersistentVolume's Retain), exactly one volume type (the first written wins,
//!   each later one Forbidden), a `local` volume's nodeAffinity, a hostPath of `/` not Recycle,
//!   storageClassName, volumeMode, volumeAttributesClassName (with csi), the nodeAffinity
//!   (validateVolumeNodeAffinity → ValidateNodeSelector) and the first volume type's own fields
//!   ([`volume_source`]: hostPath, nfs, local, csi, iscsi, fc and the required fields of the
//!   others, azureDisk, quobyte, flocker).
//! * StorageClass: pkg/apis/storage/validation/validation.go ValidateStorageClass
//!   (ValidateClassName; cluster-scoped) → validateProvisioner (required, a qualified name once
//!   lower-cased), validateParameters (at most 512, no empty key, 256 KiB together),
//!   validateReclaimPolicy (Delete or Retain) and validateVolumeBindingMode, after
//!   SetDefaults_StorageClass (pkg/apis/storage/v1/defaults.go: Delete, Immediate), then
//!   validateAllowedTopologies.

use super::diag::{quote, Diagnostic};
use super::scaling::V;
use super::yaml::Node;

/// The errors of one PersistentVolumeClaim, PersistentVolume or StorageClass (none for other
/// kinds).
pub fn validate(kind: &str, root: &Node) -> Vec<Diagnostic> {
    let mut v = V::new(root);
    match kind {
        "PersistentVolumeClaim" => {
            v.object_meta(super::names::dns1123_subdomain, true);
            claim_spec(&mut v, "spec");
        }
        "StorageClass" => storage_class(&mut v),
        "PersistentVolume" => {
            v.object_meta(super::names::dns1123_subdomain, false);
            volume_spec(&mut v);
        }
        _ => {}
    }
    v.errs
}

/// ValidatePersistentVolumeClaimSpec on a claim template (`{metadata, spec}`: a StatefulSet's
/// volumeClaimTemplates[i], a Pod's ephemeral volume's volumeClaimTemplate), its errors named
/// under `field` (the template's spec as the object names it: `spec` for the claim a StatefulSet
/// creates, `spec.volumes[0].ephemeral.volumeClaimTemplate.spec` in a Pod) — one rule for the
/// PVC, the ephemeral volume (validateEphemeralVolumeSource → ValidatePersistentVolumeClaimTemplate)
/// and the StatefulSet's claims (review14 x101: a subset was checked there).
pub(crate) fn claim_template_spec_errors(template: &Node, field: &str) -> Vec<Diagnostic> {
    let mut v = V::new(template);
    claim_spec(&mut v, "spec");
    v.errs.into_iter().map(|d| d.moved("spec", field)).collect()
}

/// ValidatePersistentVolumeClaimSpec (AllowInvalidLabelValueInSelector false on create).
fn claim_spec(v: &mut V, p: &str) {
    let f = |c: &str| format!("{p}.{c}");
    let modes = v.items(&f("accessModes"));
    if modes.is_empty() {
        v.required(&f("accessModes"), "at least 1 access mode is required");
    }
    if let Some(sel) = v.get(&f("selector")) {
        let mut diags = Vec::new();
        let mut r = super::model::Reader { obj: String::new(), diags: &mut diags };
        if let Some(sel) = super::model::label_selector(&mut r, Some(sel), &f("selector")) {
            let root = v.root;
            let at = |q: &str| super::model::pos_at(root, q);
            super::netpol::validate_label_selector(&sel, &f("selector"), &at, &mut v.errs);
        }
    }
    access_modes(v, &f("accessModes"), modes);
    let storage = f("resources[storage]");
    match v.get(&f("resources.requests.storage")) {
        None => {
            let pos = v.at(&f("resources.requests"));
            v.push(Diagnostic::required(&storage, pos, ""));
        }
        Some(n) => {
            // ValidatePositiveQuantityValue, then ValidateResourceQuantityValue (storage is no
            // integer resource: nothing more)
            if let Some(q) = super::quantity::of_node(n).filter(|q| !q.is_positive()) {
                v.push(Diagnostic::invalid(&storage, n.pos, &quote(&q.to_go_string()), "must be greater than zero"));
            }
        }
    }
    class_name(v, &f("storageClassName"));
    if let Some(mode) = v.str(&f("volumeMode")) {
        if !matches!(mode, "Block" | "Filesystem") {
            v.not_supported(&f("volumeMode"), mode, &["Block", "Filesystem"]);
        }
    }
    // NormalizeDataSources: the one written is validated under both names
    let source = v.get(&f("dataSource"));
    let source_ref = v.get(&f("dataSourceRef"));
    if let Some(n) = source.or(source_ref) {
        data_source(v, &f("dataSource"), n);
    }
    if let Some(n) = source_ref.or(source) {
        data_source(v, &f("dataSourceRef"), n);
    }
    // both written: isDataSourceEqualDataSourceRef (apiGroup compared as pointers: absent is not
    // ""); the value is the *field.Path `spec.dataSource`, which json.Marshal prints as `{}`
    // (dataSourceRef.namespace is dropped with CrossNamespaceVolumeDataSource off)
    if let (Some(a), Some(b)) = (source, source_ref) {
        fn field<'n>(n: &'n Node, k: &str) -> Option<&'n str> {
            n.get(k).filter(|x| !x.is_null()).map(|x| x.as_str().unwrap_or(""))
        }
        if field(a, "apiGroup") != field(b, "apiGroup") || field(a, "kind").unwrap_or("") != field(b, "kind").unwrap_or("") || field(a, "name").unwrap_or("") != field(b, "name").unwrap_or("") {
            v.push(Diagnostic::invalid(p, a.pos, "{}", "must match dataSourceRef"));
        }
    }
    class_name(v, &f("volumeAttributesClassName"));
}

/// The volume types of a PersistentVolumeSpec in ValidatePersistentVolumeSpec's order: (field,
/// the path its Forbidden names). flexVolume is counted without the "more than 1" check.
const VOLUME_TYPES: &[(&str, &str)] = &[
    ("hostPath", "hostPath"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("nfs", "nfs"),
    ("rbd", "rbd"),
    ("quobyte", "quobyte"),
    ("cephfs", "cephFS"),
    ("iscsi", "iscsi"),
    ("cinder", "cinder"),
    ("fc", "fc"),
    ("flexVolume", ""),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("scaleIO", "scaleIO"),
    ("local", "local"),
    ("storageos", "storageos"),
    ("csi", "csi"),
];

/// ValidatePersistentVolumeSpec (validateInlinePersistentVolumeSpec false).
fn volume_spec(v: &mut V) {
    let modes = v.items("spec.accessModes");
    if modes.is_empty() {
        v.required("spec.accessModes", "");
    }
    access_modes(v, "spec.accessModes", modes);
    let capacity = v.entries("spec.capacity");
    if capacity.is_empty() {
        v.required("spec.capacity", "");
    }
    if capacity.len() != 1 || capacity[0].0 != "storage" {
        // the ResourceList printed as its JSON (json.Marshal sorts the keys)
        let mut shown: Vec<(&str, String)> = capacity.iter().map(|(k, q, _)| (*k, super::quantity::of_node(q).map_or_else(String::new, |q| q.to_go_string()))).collect();
        crate::core::sort::sort(&mut shown);
        let shown = if shown.is_empty() { "null".to_string() } else { format!("{{{}}}", shown.iter().map(|(k, q)| format!("{}:{}", quote(k), quote(q))).collect::<Vec<_>>().join(",")) };
        v.push(Diagnostic::not_supported_shown("spec.capacity", v.at("spec.capacity"), &shown, &["storage"]));
    }
    for (k, value, _) in &capacity {
        if let Some(q) = super::quantity::of_node(value) {
            let f = format!("spec.capacity[{k}]");
            // validateBasicResource (quantity.Value() < 0, printed as an int64), then
            // ValidatePositiveQuantityValue
            if q.is_negative() {
                v.push(Diagnostic::invalid(&f, value.pos, &(q.milli().div_euclid(1000)).to_string(), "must be a valid resource quantity"));
            }
            if !q.is_positive() {
                v.push(Diagnostic::invalid(&f, value.pos, &quote(&q.to_go_string()), "must be greater than zero"));
            }
        }
    }
    let policy = v.str("spec.persistentVolumeReclaimPolicy").unwrap_or("");
    if !policy.is_empty() && !matches!(policy, "Delete" | "Recycle" | "Retain") {
        v.not_supported("spec.persistentVolumeReclaimPolicy", policy, &["Delete", "Recycle", "Retain"]);
    }
    // validateVolumeNodeAffinity (before the volume types upstream)
    if let Some(na) = v.get("spec.nodeAffinity") {
        volume_node_affinity(v, na);
    }
    let mut count = 0;
    for (field, forbidden) in VOLUME_TYPES {
        let Some(src) = v.get(&format!("spec.{field}")) else { continue };
        if count > 0 && !forbidden.is_empty() {
            let d = Diagnostic::forbidden(&format!("spec.{forbidden}"), v.at(&format!("spec.{field}")), "may not specify more than 1 volume type");
            v.push(d);
            continue;
        }
        count += 1;
        volume_source(v, field, src);
        if *field == "local" && !v.present("spec.nodeAffinity") {
            v.required("spec.nodeAffinity", "Local volume requires node affinity");
        }
    }
    if count == 0 {
        v.required("spec", "must specify a volume type");
    }
    if let Some(path) = v.str("spec.hostPath.path") {
        // path.Clean(path) == "/": only slashes and dots that clean away
        let root = path.starts_with('/') && path.split('/').all(|s| s.is_empty() || s == "." || s == "..");
        if root && policy == "Recycle" {
            v.forbidden("spec.persistentVolumeReclaimPolicy", "may not be 'recycle' for a hostPath mount of '/'");
        }
    }
    class_name(v, "spec.storageClassName");
    if let Some(mode) = v.str("spec.volumeMode") {
        if !matches!(mode, "Block" | "Filesystem") {
            v.not_supported("spec.volumeMode", mode, &["Block", "Filesystem"]);
        }
    }
    if let Some(name) = v.str("spec.volumeAttributesClassName") {
        if name.is_empty() {
            v.required("spec.volumeAttributesClassName", "an empty string is disallowed");
        } else {
            class_name(v, "spec.volumeAttributesClassName");
        }
        if !v.present("spec.csi") {
            v.required("spec.csi", "has to be specified when using volumeAttributesClassName");
        }
    }
}

/// Each access mode supported (sets.List order), ReadWriteOncePod alone.
fn access_modes(v: &mut V, f: &str, modes: &[Node]) {
    const MODES: &[&str] = &["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"];
    let (mut once_pod, mut other) = (false, false);
    for m in modes {
        let mode = m.as_str().unwrap_or("");
        if !MODES.contains(&mode) {
            v.push(Diagnostic::not_supported(f, m.pos, mode, MODES));
        }
        if mode == "ReadWriteOncePod" {
            once_pod = true;
        } else if MODES.contains(&mode) {
            other = true;
        }
    }
    if once_pod && other {
        v.forbidden(f, "may not use ReadWriteOncePod with other access modes");
    }
}

/// ValidateClassName (NameIsDNSSubdomain) of a class name when one is written.
fn class_name(v: &mut V, p: &str) {
    if let Some(name) = v.str(p).filter(|s| !s.is_empty()) {
        for m in super::names::dns1123_subdomain(name) {
            v.invalid(p, &quote(name), &m);
        }
    }
}

/// validateDataSource / validateDataSourceRef on `n` (the written one of the two).
fn data_source(v: &mut V, p: &str, n: &Node) {
    let field = |k: &str| n.get(k).and_then(|x| x.as_str()).unwrap_or("");
    let pos = |k: &str| n.get(k).map_or(n.pos, |x| x.pos);
    let (name, kind, group) = (field("name"), field("kind"), field("apiGroup"));
    if name.is_empty() {
        v.push(Diagnostic::required(&format!("{p}.name"), pos("name"), ""));
    }
    if kind.is_empty() {
        v.push(Diagnostic::required(&format!("{p}.kind"), pos("kind"), ""));
    }
    if group.is_empty() && kind != "PersistentVolumeClaim" {
        v.push(Diagnostic::invalid(p, pos("kind"), &quote(kind), "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
    }
    if !group.is_empty() {
        for m in super::names::dns1123_subdomain(group) {
            v.push(Diagnostic::invalid(&format!("{p}.apiGroup"), pos("apiGroup"), &quote(group), &m));
        }
    }
}

/// ValidateStorageClass after SetDefaults_StorageClass.
fn storage_class(v: &mut V) {
    v.object_meta(super::names::dns1123_subdomain, false);
    match v.str("provisioner").unwrap_or("") {
        "" => v.required("provisioner", ""),
        p => {
            // ValidateQualifiedName(strings.ToLower(provisioner)): the lower-cased value is shown
            let lower = super::case::lower(p);
            for m in super::names::qualified_name(&lower) {
                v.invalid("provisioner", &quote(&lower), &m);
            }
        }
    }
    let params = v.entries("parameters");
    if params.len() > 512 {
        v.push(Diagnostic::too_long("parameters", v.at("parameters"), 512));
    } else {
        let mut total = 0;
        for (k, value, pos) in &params {
            if k.is_empty() {
                v.push(Diagnostic::invalid("parameters", *pos, "\"\"", "field can not be empty."));
            }
            total += k.len() + value.as_str().map_or(0, str::len);
        }
        if total > 256 * 1024 {
            v.push(Diagnostic::too_long("parameters", v.at("parameters"), 256 * 1024));
        }
    }
    if let Some(p) = v.str("reclaimPolicy").filter(|p| !p.is_empty() && !matches!(*p, "Delete" | "Retain")) {
        v.not_supported("reclaimPolicy", p, &["Delete", "Retain"]);
    }
    if let Some(m) = v.str("volumeBindingMode").filter(|m| !matches!(*m, "Immediate" | "WaitForFirstConsumer")) {
        v.not_supported("volumeBindingMode", m, &["Immediate", "WaitForFirstConsumer"]);
    }
    allowed_topologies(v);
}

/// validateAllowedTopologies (pkg/apis/storage/validation/validation.go): each term by
/// ValidateTopologySelectorTerm (pkg/apis/core/validation/validation.go: each
/// matchLabelExpressions entry by validateTopologySelectorLabelRequirement — values required,
/// no value twice, the key a label name — and no key twice in a term), then a term equal to an
/// earlier one is `matchLabelExpressions: Duplicate value: ""`. Upstream's list of earlier terms
/// starts as len(topologies) nil maps (make with a length, then append), and Semantic.DeepEqual
/// equates nil and empty maps: a term with no expressions is a duplicate of each of those too.
fn allowed_topologies(v: &mut V) {
    use std::collections::{BTreeMap, BTreeSet};
    let terms = v.items("allowedTopologies");
    let mut seen: Vec<BTreeMap<String, BTreeSet<String>>> = vec![BTreeMap::new(); terms.len()];
    let root = v.root;
    let at = |p: &str| super::model::pos_at(root, p);
    for (i, term) in terms.iter().enumerate() {
        let tf = format!("allowedTopologies[{i}]");
        let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let exprs = match term.get("matchLabelExpressions").map(|n| &n.kind) {
            Some(super::yaml::NodeKind::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        for (j, e) in exprs.iter().enumerate() {
            let ef = format!("{tf}.matchLabelExpressions[{j}]");
            let vf = format!("{ef}.values");
            let values = match e.get("values").map(|n| &n.kind) {
                Some(super::yaml::NodeKind::Seq(items)) => items.as_slice(),
                _ => &[],
            };
            if values.is_empty() {
                v.push(Diagnostic::required(&vf, at(&vf), ""));
            }
            let mut set = BTreeSet::new();
            for (k, value) in values.iter().enumerate() {
                let value = value.as_str().unwrap_or("");
                if !set.insert(value.to_string()) {
                    let f = format!("{vf}[{k}]");
                    v.push(Diagnostic::duplicate(&f, at(&f), &quote(value)));
                }
            }
            let key = e.get("key").and_then(|k| k.as_str()).unwrap_or("");
            let kf = format!("{ef}.key");
            for m in super::names::qualified_name(key) {
                v.push(Diagnostic::invalid(&kf, at(&kf), &quote(key), &m));
            }
            if map.contains_key(key) {
                v.push(Diagnostic::duplicate(&kf, at(&kf), &quote(key)));
            }
            map.insert(key.to_string(), set);
        }
        let mf = format!("{tf}.matchLabelExpressions");
        for _ in seen.iter().filter(|t| **t == map) {
            v.push(Diagnostic::duplicate(&mf, at(&mf), "\"\""));
        }
        seen.push(map);
    }
}

/// validateVolumeNodeAffinity (pkg/apis/core/validation/validation.go): `required` must be
/// written, then ValidateNodeSelector on it (allowInvalidLabelValueInRequiredNodeAffinity false
/// on create: ValidationOptionsForPersistentVolume with no old PV): at least one term, each by
/// ValidateNodeSelectorTerm (the rule a pod's required node affinity follows).
fn volume_node_affinity(v: &mut V, na: &Node) {
    let f = "spec.nodeAffinity.required";
    let Some(required) = na.get("required").filter(|n| !n.is_null()) else {
        v.required(f, "must specify required node constraints");
        return;
    };
    let tf = format!("{f}.nodeSelectorTerms");
    let terms = match required.get("nodeSelectorTerms").map(|n| &n.kind) {
        Some(super::yaml::NodeKind::Seq(items)) => items.as_slice(),
        _ => &[],
    };
    if terms.is_empty() {
        v.required(&tf, "must have at least one node selector term");
        return;
    }
    let root = v.root;
    let at = |p: &str| super::model::pos_at(root, p);
    for (i, t) in terms.iter().enumerate() {
        let term = node_selector_term(t);
        super::cluster::validate_node_selector_term(&term, false, &format!("{tf}[{i}]"), &at, &mut v.errs);
    }
}

/// A NodeSelectorTerm as written (absent strings read as Go's "").
fn node_selector_term(t: &Node) -> super::model::NodeSelectorTerm {
    let reqs = |key: &str| -> Vec<super::model::NodeSelectorRequirement> {
        let items = match t.get(key).map(|n| &n.kind) {
            Some(super::yaml::NodeKind::Seq(items)) => items.as_slice(),
            _ => &[],
        };
        items
            .iter()
            .map(|e| {
                let s = |k: &str| e.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
                let values = match e.get("values").map(|n| &n.kind) {
                    Some(super::yaml::NodeKind::Seq(vs)) => vs.iter().map(|x| x.as_str().unwrap_or("").to_string()).collect(),
                    _ => Vec::new(),
                };
                super::model::NodeSelectorRequirement { key: s("key"), operator: s("operator"), values }
            })
            .collect()
    };
    super::model::NodeSelectorTerm { match_expressions: reqs("matchExpressions"), match_fields: reqs("matchFields") }
}

/// The checks ValidatePersistentVolumeSpec runs on the first volume type written (each its own
/// function in pkg/apis/core/validation/validation.go); `key` is its JSON key, `src` its node.
/// The field paths are upstream's, quirks included: validateGCEPersistentDiskVolumeSource is
/// handed `spec.persistentDisk`, validateCephFSPersistentVolumeSource `spec.cephfs`, and
/// validateISCSIPersistentVolumeSource names `iscsi.targetportal` / `iscsi.initiatorname`.
fn volume_source(v: &mut V, key: &str, src: &Node) {
    let root = v.root;
    let at = |p: &str| super::model::pos_at(root, p);
    let f = format!("spec.{key}");
    let text = |k: &str| src.get(k).and_then(|x| x.as_str()).unwrap_or("");
    let int = |k: &str| src.get(k).and_then(super::scaling::int_of);
    let len = |k: &str| match src.get(k).map(|n| &n.kind) {
        Some(super::yaml::NodeKind::Seq(items)) => items.len(),
        _ => 0,
    };
    // field.Required(<named>.<k>, "") for each empty string field, positioned at the source's
    // own field when written
    let required = |v: &mut V, named: &str, keys: &[&str]| {
        for k in keys {
            if text(k).is_empty() {
                v.push(Diagnostic::required(&format!("{named}.{k}"), at(&format!("{f}.{k}")), ""));
            }
        }
    };
    // pdPartitionErrorMsg: validation.InclusiveRangeError(1, 255), while 0 passes
    let partition = |v: &mut V, named: &str| {
        if let Some(p) = int("partition").filter(|p| !(0..=255).contains(p)) {
            v.push(Diagnostic::invalid(&format!("{named}.partition"), at(&format!("{f}.partition")), &p.to_string(), "must be between 1 and 255, inclusive"));
        }
    };
    match key {
        // validateHostPathVolumeSource, validateNFSVolumeSource, validateAzureDisk,
        // validateQuobyteVolumeSource and validateFlockerVolumeSource: the pod volume's own rules
        "hostPath" | "nfs" | "azureDisk" | "quobyte" | "flocker" => {
            let mut errs = Vec::new();
            super::cluster::validate_volume_source(key, src, &f, &at, &mut errs);
            v.errs.extend(errs);
        }
        "gcePersistentDisk" => {
            required(v, "spec.persistentDisk", &["pdName"]);
            partition(v, "spec.persistentDisk");
        }
        "awsElasticBlockStore" => {
            required(v, &f, &["volumeID"]);
            partition(v, &f);
        }
        // validateGlusterfsPersistentVolumeSource
        "glusterfs" => {
            required(v, &f, &["endpoints", "path"]);
            if let Some(ns) = src.get("endpointsNamespace").and_then(|n| n.as_str()) {
                let nf = format!("{f}.endpointsNamespace");
                if ns.is_empty() {
                    v.push(Diagnostic::invalid(&nf, at(&nf), "\"\"", "if the endpointnamespace is set, it must be a valid namespace name"));
                }
                for m in super::names::dns1123_label(ns).into_iter().filter(|_| !ns.is_empty()) {
                    v.push(Diagnostic::invalid(&nf, at(&nf), &quote(ns), &m));
                }
            }
        }
        // validateRBDPersistentVolumeSource
        "rbd" => {
            if len("monitors") == 0 {
                v.push(Diagnostic::required(&format!("{f}.monitors"), at(&format!("{f}.monitors")), ""));
            }
            required(v, &f, &["image"]);
        }
        // validateCephFSPersistentVolumeSource (handed `cephfs`)
        "cephfs" if len("monitors") == 0 => v.push(Diagnostic::required(&format!("{f}.monitors"), at(&format!("{f}.monitors")), "")),
        "iscsi" => iscsi(v, src, &f),
        // validateCinderPersistentVolumeSource
        "cinder" => {
            required(v, &f, &["volumeID"]);
            secret_ref_required(v, src, &f);
        }
        // validateFCVolumeSource
        "fc" => {
            let (wwns, wwids) = (len("targetWWNs"), len("wwids"));
            let tf = format!("{f}.targetWWNs");
            if wwns < 1 && wwids < 1 {
                v.push(Diagnostic::required(&tf, at(&tf), "must specify either targetWWNs or wwids, but not both"));
            }
            if wwns != 0 && wwids != 0 {
                let shown = format!("[{}]", src.get("targetWWNs").map(|n| match &n.kind {
                    super::yaml::NodeKind::Seq(items) => items.iter().map(|x| quote(x.as_str().unwrap_or(""))).collect::<Vec<_>>().join(","),
                    _ => String::new(),
                }).unwrap_or_default());
                v.push(Diagnostic::invalid(&tf, at(&tf), &shown, "targetWWNs and wwids can not be specified simultaneously"));
            }
            if wwns != 0 {
                let lf = format!("{f}.lun");
                match int("lun") {
                    None if src.get("lun").is_none_or(|n| n.is_null()) => v.push(Diagnostic::required(&lf, at(&lf), "lun is required if targetWWNs is specified")),
                    Some(l) if !(0..=255).contains(&l) => v.push(Diagnostic::invalid(&lf, at(&lf), &l.to_string(), "must be between 0 and 255, inclusive")),
                    _ => {}
                }
            }
        }
        // validateFlexPersistentVolumeSource
        "flexVolume" => {
            required(v, &f, &["driver"]);
            if let Some(opts) = src.get("options") {
                for (k, _) in opts.last_entries() {
                    let Some(k) = k.as_str() else { continue };
                    let namespace = k.split_once('/').map_or(k, |(ns, _)| ns);
                    let normalized = format!(".{}", super::case::lower(namespace));
                    if normalized.ends_with(".kubernetes.io") || normalized.ends_with(".k8s.io") {
                        let kf = format!("{f}.options[{k}]");
                        v.push(Diagnostic::invalid(&kf, at(&format!("{f}.options")), &quote(k), "kubernetes.io and k8s.io namespaces are reserved"));
                    }
                }
            }
        }
        // validateAzureFilePV
        "azureFile" => {
            required(v, &f, &["secretName", "shareName"]);
            if src.get("secretNamespace").and_then(|n| n.as_str()) == Some("") {
                let nf = format!("{f}.secretNamespace");
                v.push(Diagnostic::required(&nf, at(&nf), ""));
            }
        }
        "vsphereVolume" => required(v, &f, &["volumePath"]),
        "photonPersistentDisk" => required(v, &f, &["pdID"]),
        "portworxVolume" => required(v, &f, &["volumeID"]),
        // validateScaleIOPersistentVolumeSource
        "scaleIO" => required(v, &f, &["gateway", "system", "volumeName"]),
        // validateLocalVolumeSource: path required, then validatePathNoBacksteps
        "local" => {
            let path = text("path");
            let pf = format!("{f}.path");
            if path.is_empty() {
                v.push(Diagnostic::required(&pf, at(&pf), ""));
            } else if path.split('/').any(|part| part == "..") {
                v.push(Diagnostic::invalid(&pf, at(&pf), &quote(path), "must not contain '..'"));
            }
        }
        // validateStorageOSPersistentVolumeSource
        "storageos" => {
            let name = text("volumeName");
            let nf = format!("{f}.volumeName");
            if name.is_empty() {
                v.push(Diagnostic::required(&nf, at(&nf), ""));
            }
            for m in super::names::dns1123_label(name).into_iter().filter(|_| !name.is_empty()) {
                v.push(Diagnostic::invalid(&nf, at(&nf), &quote(name), &m));
            }
            let ns = text("volumeNamespace");
            let nsf = format!("{f}.volumeNamespace");
            for m in super::names::dns1123_label(ns).into_iter().filter(|_| !ns.is_empty()) {
                v.push(Diagnostic::invalid(&nsf, at(&nsf), &quote(ns), &m));
            }
            secret_ref_required(v, src, &f);
        }
        // validateCSIPersistentVolumeSource: ValidateCSIDriverName, volumeHandle required, each
        // secret reference by validatePVSecretReference
        "csi" => {
            let driver = text("driver");
            let df = format!("{f}.driver");
            if driver.is_empty() {
                v.push(Diagnostic::required(&df, at(&df), ""));
            }
            if driver.len() > 63 {
                v.push(Diagnostic::too_long(&df, at(&df), 63));
            }
            for m in super::names::dns1123_subdomain(&super::case::lower(driver)) {
                v.push(Diagnostic::invalid(&df, at(&df), &quote(driver), &m));
            }
            required(v, &f, &["volumeHandle"]);
            for r in ["controllerPublishSecretRef", "controllerExpandSecretRef", "nodePublishSecretRef", "nodeExpandSecretRef"] {
                let Some(sr) = src.get(r).filter(|n| !n.is_null()) else { continue };
                let rf = format!("{f}.{r}");
                let s = |k: &str| sr.get(k).and_then(|x| x.as_str()).unwrap_or("");
                let (name, ns) = (s("name"), s("namespace"));
                let (nf, nsf) = (format!("{rf}.name"), format!("{rf}.namespace"));
                if name.is_empty() {
                    v.push(Diagnostic::required(&nf, at(&nf), ""));
                } else {
                    for m in super::names::dns1123_subdomain(name) {
                        v.push(Diagnostic::invalid(&nf, at(&nf), &quote(name), &m));
                    }
                }
                if ns.is_empty() {
                    v.push(Diagnostic::required(&nsf, at(&nsf), ""));
                } else {
                    for m in super::names::dns1123_label(ns) {
                        v.push(Diagnostic::invalid(&nsf, at(&nsf), &quote(ns), &m));
                    }
                }
            }
        }
        _ => {}
    }
}

/// A written secretRef's name and namespace required (validateCinderPersistentVolumeSource,
/// validateStorageOSPersistentVolumeSource).
fn secret_ref_required(v: &mut V, src: &Node, f: &str) {
    let Some(sr) = src.get("secretRef").filter(|n| !n.is_null()) else { return };
    for k in ["name", "namespace"] {
        if sr.get(k).and_then(|x| x.as_str()).unwrap_or("").is_empty() {
            let kf = format!("{f}.secretRef.{k}");
            let pos = super::model::pos_at(v.root, &kf);
            v.push(Diagnostic::required(&kf, pos, ""));
        }
    }
}

/// validateISCSIPersistentVolumeSource (pkg/apis/core/validation/validation.go), the PV's name
/// read from metadata.name.
fn iscsi(v: &mut V, src: &Node, f: &str) {
    let root = v.root;
    let at = |p: &str| super::model::pos_at(root, p);
    let text = |k: &str| src.get(k).and_then(|x| x.as_str()).unwrap_or("");
    let portal = text("targetPortal");
    if portal.is_empty() {
        let pf = format!("{f}.targetPortal");
        v.push(Diagnostic::required(&pf, at(&pf), ""));
    }
    let initiator = src.get("initiatorName").filter(|n| !n.is_null()).map(|n| n.as_str().unwrap_or(""));
    let pv_name = v.str("metadata.name").unwrap_or("");
    if initiator.is_some() && pv_name.len() + 1 + portal.len() > 64 {
        v.push(Diagnostic::invalid(&format!("{f}.targetportal"), at(&format!("{f}.targetPortal")), &quote(portal), "Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified."));
    }
    let iqn = text("iqn");
    let qf = format!("{f}.iqn");
    if iqn.is_empty() {
        v.push(Diagnostic::required(&qf, at(&qf), ""));
    } else if !iscsi_name_ok(iqn) {
        v.push(Diagnostic::invalid(&qf, at(&qf), &quote(iqn), "must be valid format"));
    }
    if let Some(lun) = src.get("lun").and_then(super::scaling::int_of).filter(|l| !(0..=255).contains(l)) {
        let lf = format!("{f}.lun");
        v.push(Diagnostic::invalid(&lf, at(&lf), &lun.to_string(), "must be between 0 and 255, inclusive"));
    }
    let flag = |k: &str| matches!(src.get(k).map(|n| &n.kind), Some(super::yaml::NodeKind::Scalar { value: super::yaml::Value::Bool(true), .. }));
    let secret = src.get("secretRef").filter(|n| !n.is_null());
    if (flag("chapAuthDiscovery") || flag("chapAuthSession")) && secret.is_none() {
        let sf = format!("{f}.secretRef");
        v.push(Diagnostic::required(&sf, at(&sf), ""));
    }
    if secret.is_some_and(|s| s.get("name").and_then(|x| x.as_str()).unwrap_or("").is_empty()) {
        let sf = format!("{f}.secretRef.name");
        v.push(Diagnostic::required(&sf, at(&sf), ""));
    }
    if let Some(init) = initiator {
        if !iscsi_name_ok(init) {
            v.push(Diagnostic::invalid(&format!("{f}.initiatorname"), at(&format!("{f}.initiatorName")), &quote(init), "must be valid format"));
        }
    }
}

/// An iSCSI qualified name as validateISCSIPersistentVolumeSource accepts it: starting with
/// iqn, eui or naa, and matching that prefix's regular expression (iscsiInitiatorIqnRegex
/// `iqn\.\d{4}-\d{2}\.([[:alnum:]-.]+)(:[^,;*&$|\s]+)$`, unanchored at its start;
/// iscsiInitiatorEuiRegex `^eui.[[:alnum:]]{16}$`; iscsiInitiatorNaaRegex `^naa.[[:alnum:]]{32}$`).
fn iscsi_name_ok(s: &str) -> bool {
    let fixed = |n: usize| {
        let mut chars = s.chars().skip(3);
        chars.next().is_some_and(|c| c != '\n') && {
            let rest: Vec<char> = chars.collect();
            rest.len() == n && rest.iter().all(|c| c.is_ascii_alphanumeric())
        }
    };
    if s.starts_with("eui") {
        return fixed(16);
    }
    if s.starts_with("naa") {
        return fixed(32);
    }
    if !s.starts_with("iqn") {
        return false;
    }
    // any occurrence of the iqn form running to the end of the string
    let b = s.as_bytes();
    (0..b.len()).any(|i| {
        let r = &b[i..];
        if r.len() < 13 || &r[..4] != b"iqn." || !r[4..8].iter().all(u8::is_ascii_digit) || r[8] != b'-' || !r[9..11].iter().all(u8::is_ascii_digit) || r[11] != b'.' {
            return false;
        }
        let rest = &r[12..];
        let Some(colon) = rest.iter().position(|c| *c == b':') else { return false };
        let (group, tail) = (&rest[..colon], &rest[colon + 1..]);
        !group.is_empty()
            && group.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'.')
            && !tail.is_empty()
            && std::str::from_utf8(tail).is_ok_and(|t| t.chars().all(|c| !matches!(c, ',' | ';' | '*' | '&' | '$' | '|' | ' ' | '\t' | '\n' | '\r' | '\x0c')))
    })
}

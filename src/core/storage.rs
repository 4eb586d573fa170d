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
//!   dropped with CrossNamespaceVolumeDataSource off). Not checked: the dataSource /
//!   dataSourceRef equality when both are written.
//! * PersistentVolume: ValidatePersistentVolume (ValidatePersistentVolumeName; cluster-scoped)
//!   → ValidatePersistentVolumeSpec, not inline: accessModes required and supported, capacity
//!   exactly `storage` and positive, persistentVolumeReclaimPolicy (after
//!   SetDefaults_PersistentVolume's Retain), exactly one volume type (the first written wins,
//!   each later one Forbidden), a `local` volume's nodeAffinity, a hostPath of `/` not Recycle,
//!   storageClassName, volumeMode, volumeAttributesClassName (with csi). Not checked: each volume
//!   source's own fields and the nodeAffinity terms.
//! * StorageClass: pkg/apis/storage/validation/validation.go ValidateStorageClass
//!   (ValidateClassName; cluster-scoped) → validateProvisioner (required, a qualified name once
//!   lower-cased), validateParameters (at most 512, no empty key, 256 KiB together),
//!   validateReclaimPolicy (Delete or Retain) and validateVolumeBindingMode, after
//!   SetDefaults_StorageClass (pkg/apis/storage/v1/defaults.go: Delete, Immediate). Not checked:
//!   allowedTopologies.

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
        shown.sort_unstable();
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
    let mut count = 0;
    for (field, forbidden) in VOLUME_TYPES {
        if !v.present(&format!("spec.{field}")) {
            continue;
        }
        if count > 0 && !forbidden.is_empty() {
            let d = Diagnostic::forbidden(&format!("spec.{forbidden}"), v.at(&format!("spec.{field}")), "may not specify more than 1 volume type");
            v.push(d);
            continue;
        }
        count += 1;
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
            let lower = p.to_lowercase();
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
}

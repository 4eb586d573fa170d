//! The API server's validation of the two kinds every application bundle carries next to its
//! Services and Deployments but Switchboard does not otherwise model: ConfigMap and Secret
//! (pkg/apis/core/validation/validation.go `ValidateConfigMap`, `ValidateSecret`), and the
//! ServiceAccount beside them (`ValidateServiceAccount`: its metadata alone). They are
//! checked on their YAML tree (no [`super::model::Object`] is made of them): a refused one is an
//! error, not "read and ignored".

use super::diag::{quote, Diagnostic};
use super::yaml::{Node, NodeKind, Pos, Value};

/// core.MaxSecretSize: 1 MiB, the limit on a ConfigMap's or Secret's data together.
const MAX_SIZE: usize = 1024 * 1024;

/// The errors `kubectl apply` would print for a ConfigMap or Secret (strict decoding passed);
/// empty for other kinds.
pub fn validate(kind: &str, root: &Node) -> Vec<Diagnostic> {
    let mut errs = Vec::new();
    let validate_data: fn(&Node, &mut Vec<Diagnostic>) = match kind {
        "ConfigMap" => config_map,
        "Secret" => secret,
        // ValidateServiceAccount: ValidateObjectMeta alone (ValidateServiceAccountName:
        // NameIsDNSSubdomain); its secrets and imagePullSecrets are not validated
        "ServiceAccount" => |_, _| {},
        _ => return errs,
    };
    let meta = super::model::read_meta(root);
    let at = |p: &str| super::model::pos_at(root, p);
    // ValidateConfigMapName / ValidateSecretName: NameIsDNSSubdomain; both namespaced
    super::service::validate_meta(&meta, super::names::dns1123_subdomain, true, &at, &mut errs);
    validate_data(root, &mut errs);
    errs
}

/// A string-keyed map's (key, value, the key's position), the last of a repeated key (as
/// kubectl sends it).
fn entries(n: Option<&Node>) -> Vec<(&str, &Node, Pos)> {
    n.map(|n| n.last_entries().filter_map(|(k, v)| Some((k.as_str()?, v, k.pos))).collect()).unwrap_or_default()
}

/// The bytes a base64 `[]byte` value decodes to (strict decoding already refused bad base64;
/// Go's decoder skips line breaks, so a `|` block wrapped at 76 columns counts its data only).
fn decoded_len(v: &Node) -> usize {
    let s = v.as_str().unwrap_or("");
    let n = s.bytes().filter(|&b| b != b'\r' && b != b'\n').count();
    let pad = s.bytes().rev().filter(|&b| b != b'\r' && b != b'\n').take_while(|&b| b == b'=').count();
    (n / 4 * 3).saturating_sub(pad)
}

fn str_len(v: &Node) -> usize {
    match &v.kind {
        NodeKind::Scalar { value: Value::Null, .. } => 0,
        NodeKind::Scalar { text, .. } => text.len(),
        _ => 0,
    }
}

/// field.Path.Key: `data[some key]`.
fn key_errors(bag: &str, key: &str, pos: Pos, errs: &mut Vec<Diagnostic>) {
    for m in super::names::config_map_key(key) {
        errs.push(Diagnostic::invalid(&format!("{bag}[{key}]"), pos, &quote(key), &m));
    }
}

/// ValidateConfigMap: every key of `data` and `binaryData` a config key, no key in both, at
/// most 1 MiB together (the error then names the whole object: field path "").
fn config_map(root: &Node, errs: &mut Vec<Diagnostic>) {
    let data = entries(root.get("data"));
    let binary = entries(root.get("binaryData"));
    let mut total = 0;
    for (key, value, pos) in &data {
        key_errors("data", key, *pos, errs);
        if binary.iter().any(|(k, _, _)| k == key) {
            errs.push(Diagnostic::invalid(&format!("data[{key}]"), *pos, &quote(key), "duplicate of key present in binaryData"));
        }
        total += str_len(value);
    }
    for (key, value, pos) in &binary {
        key_errors("binaryData", key, *pos, errs);
        total += decoded_len(value);
    }
    if total > MAX_SIZE {
        errs.push(Diagnostic::too_long("", root.pos, MAX_SIZE));
    }
}

/// ValidateSecret, on the internal Secret: `stringData` is merged over `data` first
/// (pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret), so its keys are checked
/// as data keys and count for the type's required keys. Keys are config keys, the values at
/// most 1 MiB together; then per type (SetDefaults_Secret: none is Opaque):
/// service-account-token needs the annotation `kubernetes.io/service-account.name`; dockercfg /
/// dockerconfigjson their `.dockercfg` / `.dockerconfigjson` key; basic-auth `username` or
/// `password`; ssh-auth a non-empty `ssh-privatekey`; tls both `tls.crt` and `tls.key`. (The
/// docker keys' JSON is not parsed here: what json.Unmarshal says of bad JSON is not checked.)
fn secret(root: &Node, errs: &mut Vec<Diagnostic>) {
    let mut keys: Vec<(&str, usize, Pos)> = entries(root.get("data")).into_iter().map(|(k, v, p)| (k, decoded_len(v), p)).collect();
    for (k, v, p) in entries(root.get("stringData")) {
        let len = str_len(v);
        match keys.iter_mut().find(|(key, _, _)| *key == k) {
            Some(e) => *e = (k, len, p),
            None => keys.push((k, len, p)),
        }
    }
    let mut total = 0;
    for (key, len, pos) in &keys {
        key_errors("data", key, *pos, errs);
        total += len;
    }
    let data_pos = root.get("data").or_else(|| root.get("stringData")).map_or(root.pos, |n| n.pos);
    if total > MAX_SIZE {
        errs.push(Diagnostic::too_long("data", data_pos, MAX_SIZE));
    }
    let has = |k: &str| keys.iter().find(|(key, _, _)| *key == k);
    let required = |k: &str, errs: &mut Vec<Diagnostic>| errs.push(Diagnostic::required(&format!("data[{k}]"), data_pos, ""));
    let ty = root.get("type").and_then(|t| t.as_str()).unwrap_or("");
    match ty {
        "kubernetes.io/service-account-token" => {
            let annotations = root.get("metadata").and_then(|m| m.get("annotations"));
            let name = annotations.and_then(|a| a.get("kubernetes.io/service-account.name")).and_then(|v| v.as_str()).unwrap_or("");
            if name.is_empty() {
                let pos = annotations.or_else(|| root.get("metadata")).map_or(root.pos, |n| n.pos);
                errs.push(Diagnostic::required("metadata.annotations[kubernetes.io/service-account.name]", pos, ""));
            }
        }
        "kubernetes.io/dockercfg" if has(".dockercfg").is_none() => required(".dockercfg", errs),
        "kubernetes.io/dockerconfigjson" if has(".dockerconfigjson").is_none() => required(".dockerconfigjson", errs),
        "kubernetes.io/basic-auth" if has("username").is_none() && has("password").is_none() => {
            required("username", errs);
            required("password", errs);
        }
        "kubernetes.io/ssh-auth" if has("ssh-privatekey").is_none_or(|(_, len, _)| *len == 0) => required("ssh-privatekey", errs),
        "kubernetes.io/tls" => {
            for k in ["tls.crt", "tls.key"] {
                if has(k).is_none() {
                    required(k, errs);
                }
            }
        }
        _ => {}
    }
}
